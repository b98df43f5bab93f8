from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from accounts.lockout import unlock_sign_in


class Command(BaseCommand):
    help = (
        "Lift every sign-in lock on one user: their password failures (django-axes, as "
        "axes_reset_username does) and the pause on their two-factor codes after wrong ones. "
        "The practice owner's Unlock on the Staff page does the same."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")

    def handle(self, *args, username, **options):
        User = get_user_model()
        try:
            user = User._default_manager.get_by_natural_key(username)
        except User.DoesNotExist:
            raise CommandError(f"No user named {username!r}.") from None
        removed, devices = unlock_sign_in(user)
        self.stdout.write(
            f"{username}: {removed} failure record(s) removed, "
            f"{devices} two-factor device(s) unpaused."
        )
