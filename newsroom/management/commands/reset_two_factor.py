"""Forget a staff member's authenticator and backup codes (a lost phone; docs/accounts.md).

They set up a new authenticator at their next login, as on their first.
"""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from newsroom import two_factor


class Command(BaseCommand):
    help = "Remove every two-factor device of a user; they set up a new one at next login."

    def add_arguments(self, parser):
        parser.add_argument("username")

    def handle(self, *args, username, **options):
        User = get_user_model()
        try:
            user = User.objects.get(**{User.USERNAME_FIELD: username})
        except User.DoesNotExist:
            raise CommandError(f"No user named {username!r}.") from None
        count = two_factor.reset_devices(user)
        self.stdout.write(f"{username}: {count} two-factor device(s) removed.")
