"""The emails the schedule sends on its own, through the outbox (messaging).

Queued in the booking's (or the move's) transaction, built when due from the appointment as
it is then: a cancelled or moved appointment's pending messages are superseded, and a
builder that finds the appointment no longer upcoming skips its message. Each email says the
practice's name, the date and time in the practice's zone, the address and a link; never
the appointment type (it can name a condition) or anything about the client's health.

- confirmation: at booking (and after a move), with an .ics file;
- intake link: at booking for a client with no submitted intake in the 12 months before the
  visit, and again 48 hours before if still not submitted;
- health update: 24 hours before a return visit, for a client who has submitted an intake;
- reminder: 24 hours before, unless the client opted out of reminders.
"""

from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.urls import reverse
from django.utils import timezone

from clients.selectors import therapist_profile
from intake.emails import intake_url
from intake.models import DEFAULT_LINK_LIFETIME
from intake.services import health_update_link_issue, intake_link_issue
from messaging.registry import Email, Skip, message_kind
from messaging.services import message_enqueue, messages_supersede
from schedule.hours import practice_zone
from schedule.models import Appointment, AppointmentType

CONFIRMATION = "schedule.confirmation"
INTAKE_LINK = "schedule.intake_link"
HEALTH_UPDATE = "schedule.health_update"
REMINDER = "schedule.reminder"

# A submitted intake this recent is still the client's health on file.
INTAKE_VALID_FOR = timedelta(days=365)
INTAKE_AGAIN_BEFORE = timedelta(hours=48)
REMINDER_BEFORE = timedelta(hours=24)
HEALTH_UPDATE_BEFORE = timedelta(hours=24)
# The second intake email is not sent on the heels of the first.
INTAKE_AGAIN_AFTER_AT_LEAST = timedelta(hours=12)
# A health update submitted this shortly before its time is not asked for again.
RECENT_UPDATE = timedelta(days=7)


# The reminder's "stop these" link: signed, so it needs no account and can't be guessed for
# another client; it lasts long enough for an old email.
REMINDERS_OFF_SALT = "schedule.reminders-off"
REMINDERS_OFF_FOR = timedelta(days=365)


def reminders_off_url(client):
    token = signing.dumps(client.pk, salt=REMINDERS_OFF_SALT)
    return settings.SITE_URL + reverse("schedule:reminders-off", kwargs={"token": token})


def client_pk_from_reminders_off(token):
    """The client's key the link was made for, or None for a wrong or too old link."""
    try:
        return signing.loads(token, salt=REMINDERS_OFF_SALT, max_age=REMINDERS_OFF_FOR)
    except signing.BadSignature:
        return None


def needs_intake(client, start):
    """No intake submitted in the 12 months before `start`."""
    return not client.intakes.filter(
        submitted_at__isnull=False, submitted_at__gte=start - INTAKE_VALID_FOR
    ).exists()


def appointment_messages_queue(appointment, *, moved=False):
    """Queue the appointment's messages; called in the booking's or the move's transaction."""
    client = appointment.client
    now = timezone.now()
    start = appointment.start
    # Each booking or move of the appointment is a revision with messages of its own.
    revision = appointment.updated_at.isoformat()

    def enqueue(kind, due_at, part=""):
        message_enqueue(
            kind=kind,
            topic=appointment.topic,
            due_at=max(due_at, now),
            recipient=client.email,
            context={"appointment_id": appointment.pk, "moved": moved},
            key=f"{appointment.topic}:{kind}{part}:{revision}",
        )

    enqueue(CONFIRMATION, now)
    if needs_intake(client, start):
        enqueue(INTAKE_LINK, now, ":booking")
        again = start - INTAKE_AGAIN_BEFORE
        if again >= now + INTAKE_AGAIN_AFTER_AT_LEAST:
            enqueue(INTAKE_LINK, again, ":48h")
    elif appointment.appointment_type.kind == AppointmentType.Kind.RETURN:
        due = start - HEALTH_UPDATE_BEFORE
        if start - now > timedelta(hours=2):
            enqueue(HEALTH_UPDATE, due)
    reminder = start - REMINDER_BEFORE
    if not client.reminders_opt_out and reminder > now:
        enqueue(REMINDER, reminder)


def appointment_messages_supersede(appointment, *, reason):
    """Every pending message of the appointment is superseded (never sent)."""
    return messages_supersede(topic=appointment.topic, reason=f"the appointment was {reason}")


# --- Building, when due ---------------------------------------------------------------


def _upcoming(message):
    appointment = (
        Appointment.objects.select_related("client", "therapist")
        .filter(pk=message.context.get("appointment_id"))
        .first()
    )
    if appointment is None:
        raise Skip("the appointment no longer exists")
    if not appointment.is_upcoming:
        raise Skip(f"the appointment is {appointment.get_status_display().lower()}")
    if appointment.start <= timezone.now():
        raise Skip("the appointment has started")
    if appointment.client.is_archived:
        raise Skip("the client is archived")
    if not appointment.client.email:
        # Before any link is made for an email that cannot go.
        raise Skip("the client has no email address")
    return appointment


def _practice(appointment):
    profile = therapist_profile(appointment.therapist)
    return profile.practice if profile else None


def _when(appointment, practice):
    local = appointment.start.astimezone(practice_zone(practice))
    return f"{local:%A} {local.day} {local:%B %Y} at {local:%H:%M} ({local:%Z})"


def _day(moment, practice):
    local = moment.astimezone(practice_zone(practice))
    return f"{local.day} {local:%B %Y}"


def _email(appointment, practice, *, subject, lines, attachments=None):
    client = appointment.client
    name = client.preferred_name or client.first_name
    practice_name = practice.name if practice else "the practice"
    details = [f"When: {_when(appointment, practice)}"]
    if practice and practice.address_line:
        details.append(f"Where: {practice_name}, {practice.address_line}")
    contact = []
    if practice and practice.phone:
        contact.append(f"phone {practice.phone}")
    if practice and practice.email:
        contact.append(f"email {practice.email}")
    body = "\n\n".join(
        [
            f"Hello {name},",
            *lines,
            "\n".join(details),
            "To change or cancel, please contact us"
            + (f" ({', '.join(contact)})" if contact else "")
            + ".",
            practice_name,
        ]
    )
    return Email(
        subject=subject.format(practice=practice_name),
        body=body + "\n",
        to=client.email,
        reply_to=[practice.email] if practice and practice.email else [],
        attachments=attachments or [],
    )


def _link_lifetime(appointment):
    # The link stays open until the day after the visit (at least the usual two weeks).
    return max(DEFAULT_LINK_LIFETIME, appointment.end + timedelta(days=1) - timezone.now())


@message_kind(CONFIRMATION, label="Booking confirmation")
def build_confirmation(message):
    from schedule.calendar import appointment_ics

    appointment = _upcoming(message)
    practice = _practice(appointment)
    moved = message.context.get("moved")
    lines = [
        "Your appointment has moved to a new time." if moved else "Your appointment is booked.",
        "The attached calendar file adds it to your calendar.",
    ]
    if practice and practice.website:
        lines.append(practice.website)
    return _email(
        appointment,
        practice,
        subject="Appointment moved at {practice}" if moved else "Appointment booked at {practice}",
        lines=lines,
        attachments=[("appointment.ics", appointment_ics(appointment, practice), "text/calendar")],
    )


@message_kind(INTAKE_LINK, label="Questionnaire link")
def build_intake_link(message):
    appointment = _upcoming(message)
    client = appointment.client
    if not needs_intake(client, appointment.start):
        raise Skip("the client has submitted their questionnaire")
    practice = _practice(appointment)
    intake, token = intake_link_issue(
        client=client, lifetime=_link_lifetime(appointment), email=client.email
    )
    return _email(
        appointment,
        practice,
        subject="A short questionnaire before your appointment at {practice}",
        lines=[
            "Before your visit, please fill in our questionnaire. It takes about ten minutes; "
            "you can stop and come back to it with the same link.",
            f"{intake_url(token)}\n(open until {_day(intake.expires_at, practice)})",
        ],
    )


@message_kind(HEALTH_UPDATE, label="Health update link")
def build_health_update(message):
    appointment = _upcoming(message)
    client = appointment.client
    recent = client.intakes.filter(submitted_at__gte=timezone.now() - RECENT_UPDATE).exists()
    if recent:
        raise Skip("the client answered the questionnaire in the last week")
    practice = _practice(appointment)
    _, token = health_update_link_issue(
        client=client, lifetime=_link_lifetime(appointment), email=client.email
    )
    return _email(
        appointment,
        practice,
        subject="Anything changed since your last visit to {practice}?",
        lines=[
            "Before your appointment, please check what we have on file and tell us if "
            "anything has changed. It takes a few minutes.",
            intake_url(token),
        ],
    )


@message_kind(REMINDER, label="Appointment reminder")
def build_reminder(message):
    appointment = _upcoming(message)
    if appointment.client.reminders_opt_out:
        raise Skip("the client asked not to be sent reminders")
    practice = _practice(appointment)
    lines = ["A reminder of your appointment with us."]
    if practice and practice.website:
        lines.append(practice.website)
    email = _email(
        appointment, practice, subject="Appointment reminder from {practice}", lines=lines
    )
    email.body += f"\nDon't want these reminders? {reminders_off_url(appointment.client)}\n"
    return email
