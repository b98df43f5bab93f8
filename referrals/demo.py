"""Demo referral letters: one final letter sent three weeks ago (overdue for a reply) and
one draft. Idempotent: a client who already has a letter is left alone."""

import datetime

from django.db import transaction
from django.utils import timezone

from clients.models import Client
from intake.demo import signed_answers
from intake.models import Intake, Screening
from intake.selectors import latest_screening
from intake.services import client_latest_screening_refresh, intake_link_create, intake_submit
from referrals import services
from referrals.models import ReferralLetter

# (first name, last name, intake answers, what to do with the letter)
DEMO_REFERRALS = {
    "demo": [
        (
            "Henrik",
            "Larsen",
            {
                "main_complaint": "A deep ache in my lower back that wakes me at night. "
                "Lying down doesn't help and painkillers only take the edge off.",
                "pain_areas": ["lower_back_left", "lower_back_right"],
                "pain_now": 5,
                "pain_worst_week": 8,
                "pain_duration": "6_to_12_weeks",
                "pain_onset": "gradual",
                "first_episode": True,
                "cancer_history": True,
                "night_pain_unrelieved": True,
                "conditions": "Breast cancer 2019, treated with surgery and radiotherapy.",
            },
            "sent",
        ),
        (
            "Tomás",
            "O'Brien",
            {
                "main_complaint": "Sharp pain in the middle of my back since I lifted a bag "
                "of compost two weeks ago.",
                "pain_areas": ["upper_back"],
                "pain_now": 6,
                "pain_worst_week": 8,
                "pain_duration": "under_6_weeks",
                "pain_onset": "after_minor_strain",
                "first_episode": True,
                "osteoporosis": True,
                "medications": "Alendronate 70 mg weekly",
            },
            "draft",
        ),
    ],
}
SENT_DAYS_AGO = 20


def _screened_intake(client, answers, on_date):
    """An intake the client filled in on `on_date`, through the real services."""
    intake, _ = intake_link_create(therapist=client.therapist, client=client)
    intake = intake_submit(
        intake=intake, answers=signed_answers(client, **answers), on_date=on_date
    )
    submitted = timezone.make_aware(datetime.datetime.combine(on_date, datetime.time(9, 0)))
    # Dated back as if filled in and reviewed on that day.
    Intake.objects.filter(pk=intake.pk).update(
        created_at=submitted,
        submitted_at=submitted,
        expires_at=submitted + datetime.timedelta(days=14),
        reviewed_by=client.therapist,
        reviewed_at=submitted,
    )
    Screening.objects.filter(intake=intake).update(created_at=submitted)
    client_latest_screening_refresh(client.pk)  # the copy and the hold, from the dates set
    return intake.screening


@transaction.atomic
def seed_referrals(user):
    today = timezone.localdate()
    for first, last, answers, state in DEMO_REFERRALS.get(user.username, []):
        client = Client.objects.filter(therapist=user, first_name=first, last_name=last).first()
        if client is None or client.referral_letters.exists():
            continue
        screening = latest_screening(client)
        if screening is None or not screening.needs_physician:
            _screened_intake(client, answers, today - datetime.timedelta(days=SENT_DAYS_AGO + 2))
        letter = services.letter_create_draft(client=client, author=user)
        if state == "sent":
            letter = services.letter_finalise(
                letter=letter, on_date=today - datetime.timedelta(days=SENT_DAYS_AGO + 1)
            )
            via = (
                ReferralLetter.SentVia.FAX
                if letter.consent_contact_physician
                else ReferralLetter.SentVia.CLIENT
            )
            services.letter_mark_sent(
                letter=letter,
                sent_on=today - datetime.timedelta(days=SENT_DAYS_AGO),
                sent_via=via,
            )
