"""Demo intakes: submitted questionnaires of every tier, some reviewed, and one open link.

Made through the same services as real intakes (intake_link_create, intake_submit) and then
dated back a few days. Idempotent: a client who already has an intake is left alone.
Henrik Larsen and Tomás O'Brien get their refer intakes from referrals/demo.py, with letters.
"""

import datetime

from django.db import transaction
from django.utils import timezone

from clients.models import Client
from intake.emails import intake_url
from intake.models import Intake, Screening
from intake.services import (
    client_latest_screening_refresh,
    intake_link_create,
    intake_review_acknowledge,
    intake_submit,
)
from screening.questions import QUESTIONS, is_screening_question

# Every screening question gets an answer, as a real submission would have.
ALL_NO = {id: False for id in QUESTIONS if is_screening_question(id)}

# (first, last, days ago submitted, reviewed, answers beyond the screening "no"s)
DEMO_INTAKES = {
    "demo": [
        (
            "Wei",
            "王",
            1,
            False,
            {
                "main_complaint": "My old sciatica is back, worse than before. Since yesterday "
                "the inside of my thighs and my bottom feel numb.",
                "pain_areas": ["lower_back_left", "lower_back_right", "buttock_left"],
                "pain_now": 7,
                "pain_worst_week": 9,
                "pain_duration": "under_6_weeks",
                "first_episode": False,
                "pain_onset": "sudden",
                "saddle_numbness": True,
                "one_leg_pain_below_knee": True,
                "conditions": "Sciatica in 2023, got better with physiotherapy.",
            },
        ),
        (
            "Noah",
            "Williams",
            2,
            False,
            {
                "main_complaint": "Tight hip flexor from football. I also broke my wrist "
                "five weeks ago (in a cast until last week).",
                "pain_areas": ["hip_right", "thigh_right"],
                "pain_now": 3,
                "pain_worst_week": 5,
                "pain_duration": "under_6_weeks",
                "first_episode": True,
                "pain_onset": "after_minor_strain",
                "recent_fracture": True,
                "goals": "Get back to training without my hip pulling.",
            },
        ),
        (
            "James",
            "Whitfield",
            3,
            False,
            {
                "main_complaint": "Stiff neck and shoulders, worse after gardening.",
                "pain_areas": ["neck", "shoulder_left", "shoulder_right"],
                "pain_now": 4,
                "pain_worst_week": 6,
                "pain_duration": "over_12_weeks",
                "first_episode": False,
                "pain_onset": "gradual",
                "anticoagulants": True,
                "medications": "Warfarin 5 mg daily",
                "conditions": "Atrial fibrillation",
                "goals": "Turn my head to reverse the car.",
            },
        ),
        (
            "Grace",
            "Liu",
            4,
            False,
            {
                "main_complaint": "Lower back ache since the second trimester started.",
                "pain_areas": ["lower_back_left", "lower_back_right"],
                "pain_now": 4,
                "pain_worst_week": 6,
                "pain_duration": "6_to_12_weeks",
                "first_episode": True,
                "pain_onset": "gradual",
                "pregnant": True,
                "conditions": "Pregnant, 22 weeks; no complications so far.",
            },
        ),
        (
            "Zoë",
            "Núñez",
            5,
            False,
            {
                "main_complaint": "Ache across my lower back by the end of the work day.",
                "pain_areas": ["lower_back_left", "lower_back_right"],
                "pain_now": 3,
                "pain_worst_week": 5,
                "pain_duration": "over_12_weeks",
                "first_episode": False,
                "pain_onset": "gradual",
                "goals": "Sit through a workday without aching.",
                "conditions": "Desk worker; low back ache",
            },
        ),
        (
            "Hannah",
            "Okafor",
            7,
            False,
            {
                "main_complaint": "Stiff neck after a long drive last week. I felt a bit "
                "light-headed getting out of the car.",
                "pain_areas": ["neck", "upper_back"],
                "pain_now": 4,
                "pain_worst_week": 5,
                "pain_duration": "under_6_weeks",
                "first_episode": False,
                "pain_onset": "gradual",
                # "Not sure" on a stroke question: ask in person before massage.
                "dizziness_new": True,
                "not_sure": ["dizziness_new"],
                "sex_at_birth": "female",
            },
        ),
        (
            "Priya",
            "Raman",
            9,
            True,
            {
                "main_complaint": "Tight hamstrings after increasing my running distance.",
                "pain_areas": ["thigh_left", "thigh_right"],
                "pain_now": 2,
                "pain_worst_week": 4,
                "pain_duration": "under_6_weeks",
                "first_episode": True,
                "pain_onset": "gradual",
                "allergies_oils_latex": True,
                "allergies": "Nut oils (almond)",
            },
        ),
        (
            "Oliver",
            "Grant",
            12,
            True,
            {
                "main_complaint": "Deep pain in my right buttock that goes down the back of "
                "my leg when I sit for long.",
                "pain_areas": ["buttock_right", "thigh_right", "leg_below_knee_right"],
                "pain_now": 5,
                "pain_worst_week": 7,
                "pain_duration": "6_to_12_weeks",
                "first_episode": False,
                "pain_onset": "gradual",
                "one_leg_pain_below_knee": True,
                "medications": "Ibuprofen as needed",
                "conditions": "Piriformis syndrome",
            },
        ),
        (
            "Sofia",
            "Rossi",
            15,
            True,
            {
                "main_complaint": "Sore outer hip when I lie on my side.",
                "pain_areas": ["hip_left"],
                "pain_now": 3,
                "pain_worst_week": 5,
                "pain_duration": "over_12_weeks",
                "first_episode": False,
                "pain_onset": "gradual",
                "conditions": "Hip bursitis",
            },
        ),
    ],
    "demo2": [
        (
            "Marcus",
            "Johnson",
            2,
            False,
            {
                "main_complaint": "Low back pain with tingling down my left leg.",
                "pain_areas": ["lower_back_left", "leg_below_knee_left"],
                "pain_now": 5,
                "pain_worst_week": 7,
                "pain_duration": "under_6_weeks",
                "first_episode": False,
                "pain_onset": "after_minor_strain",
                "one_leg_numbness_tingling": True,
            },
        ),
        (
            "Elena",
            "Petrova",
            6,
            False,
            {
                "main_complaint": "Neck and shoulder tension from long days at the laptop.",
                "pain_areas": ["neck", "shoulder_left", "shoulder_right", "upper_back"],
                "pain_now": 4,
                "pain_worst_week": 5,
                "pain_duration": "over_12_weeks",
                "first_episode": False,
                "pain_onset": "gradual",
            },
        ),
    ],
}

# A link created but not emailed, and not yet used: it shows as open on the client's page.
OPEN_LINK = {"demo": ("Fatima", "Bello")}


def signed_answers(client, **answers):
    """What a client gives to submit an intake: name, birth date, consent and signature, and
    "no" to every screening question not given in `answers` (the questionnaire requires an
    answer to each, and a skipped one would make the screening incomplete).

    For demo data and tests that need a submitted intake without filling in the pages.
    """
    return {
        **ALL_NO,
        "first_name": client.first_name,
        "last_name": client.last_name,
        "date_of_birth": (client.date_of_birth or datetime.date(1980, 1, 1)).isoformat(),
        "consent_treatment": True,
        "signature_name": client.full_name,
        **answers,
    }


def _submitted_intake(client, answers, days_ago, reviewed):
    submitted = timezone.now() - datetime.timedelta(days=days_ago, hours=2)
    # A demo answer overrides the all-no default of the same question.
    defaults = {**ALL_NO, "consent_contact_physician": client.consent_contact_physician}
    answers = signed_answers(client, **{**defaults, **answers})
    intake, _ = intake_link_create(therapist=client.therapist, client=client)
    intake = intake_submit(intake=intake, answers=answers, on_date=timezone.localdate(submitted))
    # Dated back as if sent and filled in over the last days.
    Intake.objects.filter(pk=intake.pk).update(
        created_at=submitted - datetime.timedelta(days=1),
        expires_at=submitted + datetime.timedelta(days=13),
        submitted_at=submitted,
    )
    Screening.objects.filter(intake=intake).update(created_at=submitted)
    client_latest_screening_refresh(client.pk)  # the copy and the hold, from the dates set
    if reviewed:
        intake.refresh_from_db()
        intake_review_acknowledge(intake=intake, by=client.therapist)
        Intake.objects.filter(pk=intake.pk).update(
            reviewed_at=submitted + datetime.timedelta(hours=20)
        )


@transaction.atomic
def seed_intakes(user):
    for first, last, days_ago, reviewed, answers in DEMO_INTAKES.get(user.username, []):
        client = Client.objects.filter(therapist=user, first_name=first, last_name=last).first()
        if client is None or client.intakes.exists():
            continue
        _submitted_intake(client, answers, days_ago, reviewed)
    if user.username in OPEN_LINK:
        return fresh_open_link(user)
    return None


def fresh_open_link(user):
    """A new unused link for the demo client who has not filled in the form yet.

    Only the token's hash is stored, so each seed makes a new link (replacing the last)
    and returns its URL for the person trying the demo to open the client's side.
    """
    first, last = OPEN_LINK[user.username]
    client = Client.objects.filter(therapist=user, first_name=first, last_name=last).first()
    if client is None or client.intakes.submitted().exists():
        return None
    # Demo only: the previous demo link goes, so re-seeding leaves one open link, not a pile.
    client.intakes.filter(submitted_at__isnull=True).delete()
    _, token = intake_link_create(therapist=user, client=client)
    return intake_url(token)
