"""python manage.py create_intake_link --therapist USERNAME --first-name F --last-name L

Prints the full URL of a new intake link (SITE_URL + the form's path). The therapist's client
is found by exact first and last name (and email, when given) or created. Any older unused
link of that client is cancelled. Bad input is a one-line message and exit status 1.
"""

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.core.validators import validate_email

from clients.models import Client
from intake.emails import intake_url
from intake.models import DEFAULT_LINK_LIFETIME
from intake.services import intake_link_create, intake_link_create_for_new_client
from intake.staff_forms import MAX_LINK_DAYS, NewClientLinkForm


class Command(BaseCommand):
    help = "Create an intake link for a therapist's client and print its full URL."

    def add_arguments(self, parser):
        parser.add_argument("--therapist", required=True, help="The therapist's username.")
        parser.add_argument("--first-name", required=True)
        parser.add_argument("--last-name", required=True)
        parser.add_argument("--email", default="", help="The client's email address.")
        parser.add_argument(
            "--days",
            type=int,
            default=DEFAULT_LINK_LIFETIME.days,
            help=f"How many days the link works (1 to {MAX_LINK_DAYS}; default "
            f"{DEFAULT_LINK_LIFETIME.days}).",
        )
        parser.add_argument(
            "--send-email", action="store_true", help="Also email the link to --email."
        )

    def handle(self, *args, therapist, first_name, last_name, email, days, send_email, **opts):
        user = self._therapist(therapist)
        first_name = " ".join(first_name.split())
        last_name = " ".join(last_name.split())
        email = email.strip()
        if not first_name or not last_name:
            raise CommandError("--first-name and --last-name must not be blank.")
        if email:
            try:
                validate_email(email)
            except ValidationError:
                raise CommandError(f"{email!r} is not a valid email address.") from None
        if not 1 <= days <= MAX_LINK_DAYS:
            raise CommandError(f"--days must be from 1 to {MAX_LINK_DAYS}, got {days}.")
        if send_email and not email:
            raise CommandError("--send-email needs --email.")
        # The web form's rules too (lengths that fit the columns, no NUL characters), so the
        # command never stops with a traceback where the form shows a message.
        form = NewClientLinkForm(
            {"first_name": first_name, "last_name": last_name, "email": email, "days": days}
        )
        if not form.is_valid():
            name, errors = next(iter(form.errors.items()))
            raise CommandError(f"--{name.replace('_', '-')}: {errors[0]}")

        options = {"email": email, "lifetime": timedelta(days=days), "send_email": send_email}
        client = self._existing_client(user, first_name, last_name, email)
        if client is None:
            intake, token = intake_link_create_for_new_client(
                therapist=user, first_name=first_name, last_name=last_name, **options
            )
            self.stderr.write(f"Added {intake.client.full_name} as a new client of {therapist}.")
        else:
            intake, token = intake_link_create(therapist=user, client=client, **options)
        if send_email:
            if intake.sent_at:
                self.stderr.write(f"Emailed the link to {email}.")
            else:
                self.stderr.write(f"Could not email the link to {email}; send it another way.")
        self.stderr.write(f"The link works until {intake.expires_at:%Y-%m-%d %H:%M %Z}.")
        # The URL alone on stdout, so scripts can capture it.
        self.stdout.write(intake_url(token))

    def _therapist(self, username):
        user = get_user_model().objects.filter(username=username, is_active=True).first()
        if user is None:
            raise CommandError(f"No active user is called {username!r}.")
        if not hasattr(user, "therapist"):
            raise CommandError(f"{username!r} is not a therapist (no therapist profile).")
        return user

    def _existing_client(self, user, first_name, last_name, email):
        clients = Client.objects.for_therapist(user).filter(
            first_name=first_name, last_name=last_name
        )
        if email:
            clients = clients.filter(email__iexact=email)
        clients = list(clients[:2])
        if len(clients) > 1:
            raise CommandError(
                f"{user.username} has several clients called {first_name} {last_name}; "
                "add --email to say which one."
            )
        if clients and clients[0].is_archived:
            raise CommandError(
                f"{clients[0].full_name} is archived; restore them before sending a link."
            )
        return clients[0] if clients else None
