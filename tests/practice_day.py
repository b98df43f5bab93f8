"""A busy day in Alice's practice, for tests that look at every page with real data on it:
intakes of every tier waiting, sessions today, a letter out and one being written."""

import datetime
from dataclasses import dataclass

from django.utils import timezone

from clients.models import Client
from notes import services as note_services
from notes.complaint_map import load_map
from notes.models import Complaint, SelfCareItem, Technique
from referrals import services as referral_services
from referrals.models import ReferralLetter
from tests.factories import REFER_ANSWERS, make_note, make_submitted_intake


@dataclass
class PracticeDay:
    zoe: Client  # needs clearance: sessions and a chart, a sent letter awaiting reply
    caution_client: Client  # on anticoagulants: some techniques are excluded
    emergency_intake: object
    signed_note: object
    sent_letter: ReferralLetter
    draft_letter: ReferralLetter


def _client(therapist, first, last, **fields):
    return Client.objects.create(
        therapist=therapist,
        first_name=first,
        last_name=last,
        date_of_birth=datetime.date(1975, 6, 1),
        physician_name="Dr. Helen Park",
        **fields,
    )


def practice_day(alice, zoe):
    load_map(Complaint, Technique, SelfCareItem)  # live-server tests flush the database
    today = timezone.localdate()
    # Zoë's sessions come first: once her screening asks for a physician, notes are blocked.
    for days_ago, before, after in ((21, 7, 5), (14, 6, 4), (7, 5, 3)):
        make_note(
            zoe,
            day=today - datetime.timedelta(days=days_ago),
            pain_before=before,
            pain_after=after,
        )
    signed = note_services.note_sign(note=make_note(zoe, day=today), user=alice)
    zoe.physician_address = "40 Station Road\nRiverside\nRV1 2AB"
    zoe.consent_contact_physician = True
    zoe.medications = "Apixaban 5 mg twice daily"
    zoe.save()
    make_submitted_intake(zoe, REFER_ANSWERS, reviewed=True)
    final = referral_services.letter_finalise(
        letter=referral_services.letter_create_draft(client=zoe, author=alice)
    )
    sent = referral_services.letter_mark_sent(
        letter=final, sent_on=today, sent_via=ReferralLetter.SentVia.CLIENT
    )

    emergency = make_submitted_intake(
        _client(alice, "Émile", "Okafor"),
        {"saddle_numbness": True, "pain_now": 8, "pain_areas": ["lower_back_left", "buttock_left"]},
    )
    referred = _client(alice, "Grace", "Lindqvist", consent_contact_physician=True)
    make_submitted_intake(referred, REFER_ANSWERS)
    draft = referral_services.letter_create_draft(client=referred, author=alice)
    caution = _client(alice, "Hana", "Sato")
    make_submitted_intake(caution, {"anticoagulants": True, "pain_now": 4})
    make_submitted_intake(_client(alice, "Tomás", "Reyes"), {"pain_now": 2})
    make_note(caution, day=today)
    return PracticeDay(
        zoe=zoe,
        caution_client=caution,
        emergency_intake=emergency,
        signed_note=signed,
        sent_letter=sent,
        draft_letter=draft,
    )
