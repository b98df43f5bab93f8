"""The emails the intake app has the outbox send (messaging.registry), built when they are due.

"A new intake needs review" goes to the client's therapist: that an intake arrived, the
client's initials and a link to the review page, nothing of the answers (email is not a
private channel). "Urgent" is in the subject only when the screening that counts says
emergency or refer, so the therapist opens that one first; the tier itself is not named.
"""

from django.conf import settings
from django.template.loader import render_to_string

from clients.selectors import therapist_profile
from intake.models import Intake, IntakeKind
from messaging.registry import Email, Skip, message_kind
from messaging.services import message_enqueue
from screening.tiers import EMERGENCY, REFER

SUBMITTED = "intake.submitted"
URGENT_TIERS = (EMERGENCY, REFER)


def initials(client):
    """ "Z. N.": enough for the therapist to guess whose, nothing for anyone else."""
    names = (client.first_name, client.last_name)
    return " ".join(f"{name.strip()[0].upper()}." for name in names if name and name.strip())


@message_kind(SUBMITTED, label="New intake, to the therapist")
def build_intake_submitted(message):
    intake = (
        Intake.objects.select_related("client", "therapist")
        .filter(pk=message.context.get("intake_id"))
        .first()
    )
    if intake is None or not intake.is_submitted:
        raise Skip("the intake no longer exists")
    therapist = intake.client.therapist
    if not therapist.email:
        raise Skip("the therapist has no email address")
    screening = intake.effective_screening
    profile = therapist_profile(therapist)
    practice = profile.practice if profile else None
    context = {
        "urgent": screening is not None and screening.tier in URGENT_TIERS,
        "is_update": intake.kind == IntakeKind.UPDATE,
        "initials": initials(intake.client),
        "submitted_at": intake.submitted_at,
        "url": settings.SITE_URL + intake.get_absolute_url(),
        "practice_name": practice.name if practice else "",
    }
    subject = render_to_string("intake/email/submitted_subject.txt", context).strip()
    body = render_to_string("intake/email/submitted_body.txt", context)
    # The address is read now: a client moved to another therapist tells the new one.
    return Email(subject=subject, body=body, to=therapist.email)


def intake_submitted_enqueue(intake):
    """Queue the therapist's email in the submission's transaction; the key makes it once per
    intake whatever calls this again."""
    return message_enqueue(
        kind=SUBMITTED,
        topic=intake.topic,
        due_at=intake.submitted_at,
        recipient=intake.client.therapist.email,
        context={"intake_id": intake.pk},
        key=f"{intake.topic}:submitted",
    )
