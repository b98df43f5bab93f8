import secrets

from django.core.management.base import BaseCommand
from django.utils import timezone

from clients import demo
from intake import demo as intake_demo
from messaging.models import Message
from notes import demo as notes_demo
from referrals import demo as referrals_demo
from schedule import demo as schedule_demo


class Command(BaseCommand):
    help = (
        "Load demo data: a practice, therapists 'demo' and 'demo2' with a dozen clients each "
        "and this week's appointments, the practice owner 'owner' and the front desk 'desk'. "
        "Safe to run again: it updates what is there instead of duplicating it."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--password",
            help="Password for every demo login (default: a new random one, printed).",
        )

    def handle(self, *args, password=None, **options):
        started = timezone.now()
        generated = password is None
        password = password or secrets.token_urlsafe(9)
        users = demo.seed_practice_and_therapists(password)
        staff = demo.seed_staff(password)
        intake_links = []
        for user in users:
            demo.seed_clients(user)
            intake_links.append(intake_demo.seed_intakes(user))
            notes_demo.seed_session_notes(user)
        for user in users:
            referrals_demo.seed_referrals(user)  # after clients: letters need them
        for index, user in enumerate(users):
            # This week's appointments, after the intakes (a first visit for those without).
            schedule_demo.seed_schedule(user, slots_per_day=4 if index == 0 else 2)
        # The demo's intakes were "submitted" days ago through the real services, which told
        # the therapist each time: those notes are not news, and are never sent.
        Message.objects.filter(status=Message.Status.PENDING, created_at__gte=started).update(
            status=Message.Status.SKIPPED, skip_reason="written by the demo data"
        )
        self.stdout.write(self.style.SUCCESS("Demo data is ready."))
        shown = password if generated else "the password you gave"
        for user in [*users, *staff]:
            role = user.therapist.get_role_display().lower()
            self.stdout.write(
                f"  log in as {user.username!r} with password {shown}"
                f" ({role}, {user.get_full_name()}): {TRY[user.username]}"
            )
        for link in filter(None, intake_links):
            self.stdout.write(f"  try the client's questionnaire (no login): {link}")


# What each demo login shows best, printed beside it.
TRY = {
    "demo": "open Wei's emergency intake at the top of the dashboard, write a note, a letter",
    "demo2": "a second therapist: none of demo's clients are reachable",
    "owner": "the whole practice's dashboard, Practice settings, Staff, the audit log",
    "desk": "find a client, send an intake link, the practice's day; nothing clinical",
}
