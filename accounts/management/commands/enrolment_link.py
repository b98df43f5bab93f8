"""A one-time two-factor enrolment link for a login, from the shell.

For the first owner or a superuser made with `createsuperuser`, whom no one can give a link
from the Staff page yet. The link is printed once (only its hash is stored); --email also
sends it to the login's address.
"""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django_otp import user_has_device

from accounts.enrolment import enrolment_link_create, enrolment_link_email, enrolment_url


class Command(BaseCommand):
    help = "Print a one-time link with which a login sets up two-factor sign-in."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument(
            "--email", action="store_true", help="Also email the link to the login's address."
        )

    def handle(self, *args, username, email=False, **options):
        user = get_user_model()._default_manager.filter(username=username).first()
        if user is None:
            raise CommandError(f"No login is named {username!r}.")
        if user_has_device(user):
            raise CommandError(
                f"{username} has two-factor set up already. Reset it first (the Staff page's "
                "'Reset two-factor', or delete their devices in the admin) if the phone is lost."
            )
        link, token = enrolment_link_create(request=None, user=user)
        self.stdout.write(f"Two-factor enrolment link for {username} (works once):")
        self.stdout.write(f"  {enrolment_url(token)}")
        self.stdout.write(
            f"Open it, sign in with the password; it expires {link.expires_at:%Y-%m-%d %H:%M %Z}."
        )
        if email:
            sent = enrolment_link_email(link=link, token=token)
            self.stdout.write(
                f"Emailed to {user.email}."
                if sent
                else "Not emailed (no address, or the mail server refused)."
            )
