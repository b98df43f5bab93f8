"""One synthetic client's whole record, made through the real services on fixed dates: two
intakes (the first asks for a physician), a referral letter sent and answered with a
clearance, five session notes (one amended) and the access history all of that leaves.

`Clock` stands in for django.utils.timezone.now, so every stored time is the one set here:
the golden bundle (tests/records/golden/) does not move with the day the tests run.
"""

import datetime
import hashlib

from django.utils import timezone

from clients.models import Client
from notes import services as note_services
from referrals import services as referral_services
from referrals.files import write_letter_file
from tests.factories import REFER_ANSWERS, ClientFactory, make_submitted_intake

START = datetime.datetime(2026, 1, 5, 9, 0, tzinfo=datetime.UTC)

FIRST_INTAKE = {
    **REFER_ANSWERS,
    "pain_areas": ["lower_back_left", "lower_back_right", "buttock_left"],
    "pain_duration": "6_to_12_weeks",
    "pressure_preference": "medium",
    "medications": "Apixaban 5 mg twice daily\nstopped warfarin in 2024",
    "allergies": "Latex",
    "conditions": "Breast cancer 2019, in remission",
    "goals": "Garden again without pain.",
}
SECOND_INTAKE = {
    "main_complaint": "Low back ache after gardening, better than in January.",
    "pain_areas": ["lower_back_right"],
    "pain_now": 3,
    "pain_worst_week": 5,
    "pain_duration": "over_12_weeks",
    "pain_onset": "after_minor_strain",
    "medications": "Apixaban 5 mg twice daily\nstopped ibuprofen in 2024",
    "allergies": "Latex",
    "conditions": "Mild asthma\nSprained left ankle in 2020",
}


class Clock:
    """A settable now(); `at(days, hours)` moves it to START plus that much."""

    def __init__(self, monkeypatch):
        self.now = START
        monkeypatch.setattr(timezone, "now", lambda: self.now)

    def at(self, days=0, hours=0, minutes=0):
        self.now = START + datetime.timedelta(days=days, hours=hours, minutes=minutes)
        return self.now


def make_client(therapist):
    """Zoë, made once the clock is set (her record's first event is dated by it), with a
    fixed id: the Patient's identifier in the golden bundle is her id."""
    return ClientFactory(
        id=9001,
        therapist=therapist,
        first_name="Zoë",
        last_name="Núñez",
        date_of_birth=datetime.date(1986, 3, 14),
        email="zoe.nunez@example.com",
        phone="+1 (555) 010-2030",
        physician_name="Dr. Helen Park",
        physician_practice="Riverside Family Practice",
    )


def build_record(client, therapist, clock, *, notes=5, letter_pdf=None):
    """Give `client` the record of the issue's "done when": two intakes, a letter and its
    clearance, `notes` session notes (the second amended). `letter_pdf` replaces the stored
    letter's bytes (the golden bundle must not depend on WeasyPrint's output)."""
    clock.at(0)
    client.address = "12 Garden Row\nPort Town"
    client.emergency_contact_name = "Ana Núñez"
    client.emergency_contact_phone = "+1 555 010 4444"
    client.physician_address = "40 Station Road\nRiverside"
    client.consent_contact_physician = True
    client.save()
    first = make_submitted_intake(client, FIRST_INTAKE, on_date=clock.now.date(), reviewed=True)

    clock.at(1)
    letter = referral_services.letter_create_draft(client=client, author=therapist)
    letter = referral_services.letter_finalise(letter=letter, on_date=clock.now.date())
    if letter_pdf is not None:
        type(letter).objects.filter(pk=letter.pk).update(
            pdf=write_letter_file(letter_pdf), pdf_sha256=hashlib.sha256(letter_pdf).hexdigest()
        )
        letter.refresh_from_db()
    clock.at(2)
    letter = referral_services.letter_mark_sent(
        letter=letter, sent_on=clock.now.date(), sent_via="fax"
    )
    clock.at(9)
    referral_services.letter_record_reply(
        letter=letter,
        recorded_by=therapist,
        outcome="restricted",
        restrictions="No deep pressure over the lower back.",
        physician_name="Dr. Helen Park",
        received_on=clock.now.date(),
    )

    clock.at(30)
    second = make_submitted_intake(client, SECOND_INTAKE, on_date=clock.now.date(), reviewed=True)

    made = []
    for index in range(notes):
        clock.at(31 + index * 7, hours=index // 100)
        note = note_services.note_create(
            client=client,
            therapist=therapist,
            data={
                "session_date": clock.now.date(),
                "duration_minutes": 60,
                "subjective": f"Session {index + 1}: ache in the right low back.",
                "pain_before": 6 - min(index, 4),
                "pain_after": 3 - min(index, 3),
                "complaints": ["quadratus_lumborum"],
                "findings": "Right QL hypertonic.",
                "techniques": ["neuromuscular_therapy", "muscle_energy_technique"],
                "pressure": "moderate",
                "assessment": "Muscular low back pain, responding.",
                "plan": "Weekly for three weeks.",
                "self_care": ["side_bend_stretch", "heat"],
                "psfs_activity_1": "Gardening",
                "psfs_score_1": 4 + min(index, 6),
                "psfs_activity_2": "Sitting an hour",
                "psfs_score_2": 6,
            },
        )
        clock.at(31 + index * 7, hours=1 + index // 100)
        note = note_services.note_sign(note=note, user=therapist)
        made.append(note)
    if len(made) > 1:
        clock.at(40)
        note_services.note_amend(
            note=made[1],
            author=therapist,
            text="The left side was also worked.",
            reason="Left out by mistake",
        )
    client.refresh_from_db()
    return {"intakes": [first, second], "letter": letter, "notes": made, "client": client}


def fresh(client):
    return Client.objects.get(pk=client.pk)
