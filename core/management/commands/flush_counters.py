"""Write pending counts (banner impressions and clicks, downloads, …) to the database.

Safe to run every minute from cron, and concurrently: each pending count is taken by
exactly one flush. It sees counts kept in Redis (REDIS_URL); without Redis each web process
flushes its own counts (docs/counters.md). Once per cluster: a run that finds another
holding the lock ends at once (core/locks.py, docs/deployment.md).
"""

from django.core.management.base import BaseCommand, CommandError

from core import counters
from core.locks import once_per_cluster


class Command(BaseCommand):
    help = "Write the pending counters (impressions, clicks, downloads…) to the database."

    def add_arguments(self, parser):
        parser.add_argument(
            "--kind", action="append", help="Only this kind (repeatable). Default: all."
        )

    @once_per_cluster("flush_counters")
    def handle(self, *args, kind=None, **options):
        kinds = kind or counters.registered()
        unknown = set(kinds) - set(counters.registered())
        if unknown:
            raise CommandError(
                f"Unknown counter kind(s): {', '.join(sorted(unknown))}. "
                f"Known: {', '.join(counters.registered())}."
            )
        failed = []
        for name in kinds:
            try:
                total = counters.flush(name)
            except Exception as error:  # kept for the next run by flush(); report and go on
                failed.append(name)
                self.stderr.write(f"{name}: failed ({error}); the counts are kept")
                continue
            if options["verbosity"] >= 2 or total:
                self.stdout.write(f"{name}: {total}")
        if failed:
            raise CommandError(f"Could not flush: {', '.join(failed)}")
