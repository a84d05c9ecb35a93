"""Make every picture's renditions again, for when a spec changes (docs/media.md).

    manage.py regenerate_renditions            # what is not current, or has files missing
    manage.py regenerate_renditions --force    # every record (missing files made again)
    manage.py regenerate_renditions --dry-run  # count only
    manage.py regenerate_renditions --only articles.Article.cover

Resumable: a record whose manifest was made with the current specs is skipped, so an
interrupted run picks up where it stopped. Files are named after their content, size, crop
and encoder version, so files already in storage are reused, never made twice. A current
record whose manifest names a file no longer in storage (deleted by hand, lost in a
restore) is made again too: one `storage.exists` per file, here rather than on a reader's
request. The apps register their picture fields (core.renditions.register); core imports
no app.
"""

import sys
import time

from django.core.management.base import BaseCommand, CommandError

from core import renditions


class Progress:
    """One stderr line rewritten in place: a bar, the count and the rate."""

    def __init__(self, stream, label: str, total: int, width: int = 30):
        self.stream, self.label, self.total, self.width = stream, label, total, width
        self.done = 0
        self.started = time.monotonic()
        self.interactive = getattr(stream, "isatty", lambda: False)()
        self.last = 0.0

    def step(self) -> None:
        self.done += 1
        now = time.monotonic()
        if self.done == self.total or now - self.last >= (0.2 if self.interactive else 5):
            self.last = now
            self.draw()

    def draw(self) -> None:
        filled = self.width * self.done // self.total if self.total else self.width
        rate = self.done / max(time.monotonic() - self.started, 1e-6)
        line = (
            f"{self.label} [{'#' * filled}{'.' * (self.width - filled)}] "
            f"{self.done}/{self.total} ({rate:.1f}/s)"
        )
        self.stream.write(
            ("\r" if self.interactive else "") + line + ("" if self.interactive else "\n")
        )
        self.stream.flush()

    def close(self) -> None:
        if self.interactive:
            self.stream.write("\n")
            self.stream.flush()


class Command(BaseCommand):
    help = "Make the renditions of every registered picture field that are not current."

    def add_arguments(self, parser):
        parser.add_argument("--force", action="store_true", help="Every record, current or not.")
        parser.add_argument("--dry-run", action="store_true", help="Count, change nothing.")
        parser.add_argument(
            "--only",
            action="append",
            default=[],
            help="A field label, e.g. articles.Article.cover.",
        )
        parser.add_argument("--quiet-progress", action="store_true", help="No progress line.")

    def handle(self, *args, force=False, dry_run=False, only=(), quiet_progress=False, **options):
        fields = renditions.registered()
        known = {item.label for item in fields}
        unknown = set(only) - known
        if unknown:
            raise CommandError(
                f"Unknown field {', '.join(sorted(unknown))}; known: {', '.join(sorted(known))}"
            )
        if only:
            fields = [item for item in fields if item.label in only]
        stream = self.stderr._out if hasattr(self.stderr, "_out") else sys.stderr
        for item in fields:
            queryset = item.model._default_manager.order_by("pk")
            if item.only:
                queryset = queryset.only("pk", *item.only)
            total = queryset.count()
            progress = None if quiet_progress else Progress(stream, item.label, total)
            made = current = failed = missing = 0
            storage = item.file_storage() if item.files else None
            for instance in queryset.iterator(chunk_size=200):
                done = not force and item.is_done(instance)
                lost = (
                    done and storage is not None and _files_missing(storage, item.files(instance))
                )
                missing += lost
                if done and not lost:
                    current += 1
                elif dry_run:
                    made += 1
                else:
                    try:
                        # Missing files: made again (the names are right, the files reused
                        # where they are; force skips the "same picture" shortcut).
                        item.refresh(instance, force=force or lost)
                    except Exception as error:  # one broken picture must not stop the run
                        failed += 1
                        self.stderr.write(f"\n{item.label} #{instance.pk}: {error!r}")
                    else:
                        made += 1
                if progress:
                    progress.step()
            if progress:
                progress.close()
            verb = "to make" if dry_run else "made"
            self.stdout.write(
                f"{item.label}: {made} {verb}, {current} already current"
                + (f" ({missing} with files missing)" if missing else "")
                + (f", {failed} failed" if failed else "")
            )


def _files_missing(storage, names) -> bool:
    """Whether a file the record names is gone from storage (deleted by hand)."""
    for name in sorted(names):
        try:
            if not storage.exists(name):
                return True
        except OSError:
            return False  # storage unreachable: not a reason to remake everything
    return False
