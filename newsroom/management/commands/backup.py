"""Back up the database and the media into one archive (docs/operations.md, newsroom/backup.py)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from newsroom.backup import FAILURES, backup


class Command(BaseCommand):
    # A warning of the system checks (a setting to fix) must not stop a backup or a restore.
    requires_system_checks = []
    help = (
        "Write newsroom-backup-<UTC time>.tar into --output: the database (pg_dump or SQLite's "
        "backup API), MEDIA_ROOT, PRIVATE_MEDIA_ROOT and a manifest with checksums."
    )

    def add_arguments(self, parser):
        parser.add_argument("--output", required=True, type=Path, help="Folder of the backups.")
        parser.add_argument(
            "--keep",
            type=int,
            help="Then delete the older backups in --output, keeping this many (newest).",
        )
        parser.add_argument(
            "--no-media",
            action="store_true",
            help="Only the database (media on object storage are backed up by its own tools).",
        )

    def handle(self, *args, output, keep, no_media, **options):
        try:
            backup(output, media=not no_media, keep=keep, log=self.stdout.write)
        except FAILURES as error:
            raise CommandError(f"Backup failed: {error}") from None
