"""Record scheduled articles going live and expired ones leaving, and fire their side effects.

Optional: readers see a scheduled article from its time on without it. Idempotent and
safe to run every minute, even twice at once:

    * * * * *  cd /srv/newsroom && .venv/bin/python manage.py publish_due
"""

from django.core.management.base import BaseCommand

from articles.workflow import publish_due


class Command(BaseCommand):
    help = "Publish scheduled articles whose time has come and unpublish expired ones."

    def handle(self, *args, **options):
        result = publish_due()
        if options["verbosity"] >= 1 and (result.published or result.expired):
            self.stdout.write(
                f"Published {len(result.published)}, expired {len(result.expired)} article(s)."
            )
