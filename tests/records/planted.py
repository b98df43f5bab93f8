"""A client record with a unique string planted in each part of it, and a byte count of
those strings in files: for the tests and the measurement of erasure on disk."""

import datetime
import uuid

from django.utils import timezone

from clearance import services as clearance_services
from clients.models import Therapist
from notes import services as note_services
from referrals import services as referral_services
from tests.factories import (
    REFER_ANSWERS,
    ClientFactory,
    PracticeFactory,
    make_note,
    make_submitted_intake,
    make_therapist,
)


def planted_record():
    """An owner signed in and a client whose record, intake answers, session notes, letter,
    amendment and clearance each hold a string found nowhere else; (client, strings)."""
    strings = {}

    def plant(name):
        strings[name] = f"planted-{name}-{uuid.uuid4().hex}"
        return strings[name]

    practice = PracticeFactory()
    owner = make_therapist(practice, "olivia", "Olivia", "Grant")
    Therapist.objects.filter(user=owner).update(role=Therapist.Role.OWNER)
    person = ClientFactory(
        therapist=owner,
        first_name="Zoë",
        last_name=plant("last-name"),
        email="zoe.nunez@example.com",
        date_of_birth=datetime.date(1986, 3, 14),
        medications=plant("medications"),
        notes=plant("private-notes"),
        physician_name="Dr. Helen Park",
        physician_address="40 Station Road",
        consent_contact_physician=True,
    )
    # A change puts the old and the new value in the audit trail's diff.
    person.conditions = plant("conditions-before")
    person.save()
    person.conditions = plant("conditions-after")
    person.save()
    make_submitted_intake(
        person,
        {
            **REFER_ANSWERS,
            "main_complaint": plant("complaint"),
            "goals": plant("goals"),
        },
        reviewed=True,
    )
    person.refresh_from_db()
    clearance_services.clearance_record(
        client=person,
        recorded_by=owner,
        outcome="granted",
        received_on=timezone.localdate(),
        physician_name="Dr. Helen Park",
        notes=plant("clearance-notes"),
    )
    note = make_note(person, subjective=plant("subjective"), plan=plant("plan"))
    note_services.note_update(note=note, data={"findings": plant("findings")})
    note = note_services.note_sign(note=note, user=owner)
    note_services.note_amend(note=note, author=owner, text=plant("amendment"), reason="Missed")
    letter = referral_services.letter_create_draft(client=person, author=owner)
    referral_services.letter_update_draft(
        letter=letter, data={"reason": plant("letter-reason"), "history": plant("letter-history")}
    )
    return owner, person, strings


def hits(paths, strings):
    """{string: number of times it occurs in the files}, only for strings that do."""
    found = {}
    for path in paths:
        data = path.read_bytes() if path.exists() else b""
        for name, value in strings.items():
            count = data.count(value.encode())
            if count:
                found[name] = found.get(name, 0) + count
    return found
