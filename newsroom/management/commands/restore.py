"""Restore a backup made by `backup` (docs/operations.md, newsroom/backup.py)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from newsroom.backup import FAILURES, restore


class Command(BaseCommand):
    # A warning of the system checks (a setting to fix) must not stop a backup or a restore.
    requires_system_checks = []
    help = (
        "Restore the database and the media of a newsroom-backup-….tar after checking every "
        "checksum; refuses a database or media folders that hold something unless --force."
    )

    def add_arguments(self, parser):
        parser.add_argument("--input", required=True, type=Path, help="The archive to restore.")
        parser.add_argument(
            "--force",
            action="store_true",
            help="Replace what the database and media folders hold (stop the site first).",
        )

    def handle(self, *args, input, force, **options):
        try:
            restore(input, force=force, log=self.stdout.write)
        except FAILURES as error:
            raise CommandError(f"Restore failed: {error}") from None
