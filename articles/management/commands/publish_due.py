"""Record scheduled articles going live and expired ones leaving, and fire their side effects.

Optional: readers see a scheduled article from its time on without it. Idempotent and
safe to run every minute, even twice at once:

    * * * * *  cd /srv/newsroom && .venv/bin/python manage.py publish_due

Once per cluster: every application server may carry that line; the run that takes the
lock works, the others end at once (core/locks.py, docs/deployment.md).
"""

from django.core.management.base import BaseCommand

from articles.workflow import publish_due
from core.locks import once_per_cluster


class Command(BaseCommand):
    help = "Publish scheduled articles whose time has come and unpublish expired ones."

    @once_per_cluster("publish_due")
    def handle(self, *args, **options):
        result = publish_due()
        if options["verbosity"] >= 1 and (result.published or result.expired):
            self.stdout.write(
                f"Published {len(result.published)}, expired {len(result.expired)} article(s)."
            )
