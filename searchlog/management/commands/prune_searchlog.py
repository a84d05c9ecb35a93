"""Forget reader searches older than SEARCHLOG_KEEP_WEEKS weeks (default 52).

Idempotent, cheap, safe to run while readers search; once a day is plenty:

    17 3 * * *  cd /srv/newsroom && .venv/bin/python manage.py prune_searchlog

Once per cluster: a run that finds another holding the lock ends at once (core/locks.py).
"""

from django.core.management.base import BaseCommand, CommandError

from core.locks import once_per_cluster
from searchlog.services import keep_weeks, prune


class Command(BaseCommand):
    help = "Delete the weekly reader-search counts older than SEARCHLOG_KEEP_WEEKS weeks."

    def add_arguments(self, parser):
        parser.add_argument(
            "--weeks",
            type=int,
            default=None,
            help="Weeks to keep, this one included (default: SEARCHLOG_KEEP_WEEKS, 52).",
        )

    @once_per_cluster("prune_searchlog")
    def handle(self, *args, weeks=None, **options):
        weeks = keep_weeks() if weeks is None else weeks
        if weeks < 1:
            raise CommandError("Keep at least one week.")
        deleted = prune(weeks=weeks)
        if options["verbosity"] >= 1:
            self.stdout.write(f"Deleted {deleted} weekly search row(s) older than {weeks} weeks.")
