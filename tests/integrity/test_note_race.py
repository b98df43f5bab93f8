"""A session note started while the client's new answers are being saved waits for them; a
note being signed makes a second signature, a draft save and an amendment wait for it.

note_create locks the client's row before it reads the client's care status; a submission
holds that lock while it writes the new screening (intake.services.lock_intake with_client). So
a note begun while a questionnaire with an emergency answer is being saved is decided on that
answer: refused, not slipped in just before it. Likewise note_sign, note_update and note_amend
lock the note's row and check whether it is signed under the lock: without it a second
signature would overwrite the first, a draft save would write the unsigned note back over the
signature, and an amendment would be refused as if the note were a draft.

On PostgreSQL the row lock (SELECT ... FOR UPDATE) is what orders the two. SQLite has no row
locks (Django makes select_for_update a no-op there); the same order comes from every write
transaction beginning IMMEDIATE (config/settings.py), which takes the database's one write lock
at its start, so the note's transaction begins only after the submission's has ended.
"""

import threading
import time

import pytest
from django.db import transaction

from clients.models import Practice
from intake.demo import signed_answers
from intake.services import intake_link_create, intake_submit
from notes import services
from notes.models import SessionNote
from tests.factories import ClientFactory, make_submitted_intake, make_therapist
from tests.integrity.helpers import at_once

NOTE = {"session_date": "2026-12-01", "duration_minutes": 60, "pain_before": 5, "pain_after": 3}


@pytest.mark.django_db(transaction=True)
def test_a_note_started_while_chest_pain_is_being_saved_waits_for_it_and_is_refused():
    practice = Practice.objects.create(name="Harbour Massage Clinic", address="1 Quay Street")
    alice = make_therapist(practice, "alice", "Alice", "Moreau")
    client = ClientFactory(therapist=alice)
    make_submitted_intake(client, {}, reviewed=True)  # answered no throughout: notes allowed
    intake, _ = intake_link_create(therapist=alice, client=client)
    answers = signed_answers(client, chest_pain=True)
    written = threading.Event()

    def submit():
        with transaction.atomic():
            intake_submit(intake=intake, answers=answers)
            written.set()
            # The screening is written and the client's row locked, not yet committed.
            time.sleep(1.5)
        return "submitted"

    def start_note():
        assert written.wait(timeout=30)
        try:
            services.note_create(client=client, therapist=alice, data=NOTE)
        except services.ClearanceNeeded:
            return "refused"
        return "saved"

    assert at_once(submit, start_note) == ["submitted", "refused"]
    assert not SessionNote.objects.filter(client=client).exists()


def _signing_held(note, user, seconds=1.5):
    """A job that signs `note` and holds the transaction open (the row locked) a while, and
    the event set once it has signed."""
    signed = threading.Event()

    def sign():
        with transaction.atomic():
            services.note_sign(note=note, user=user)
            signed.set()
            time.sleep(seconds)
        return "signed"

    return sign, signed


def _draft_note():
    practice = Practice.objects.create(name="Harbour Massage Clinic", address="1 Quay Street")
    alice = make_therapist(practice, "alice", "Alice", "Moreau")
    client = ClientFactory(therapist=alice)
    make_submitted_intake(client, {}, reviewed=True)
    return services.note_create(client=client, therapist=alice, data=NOTE), alice


@pytest.mark.django_db(transaction=True)
def test_signing_twice_at_once_keeps_one_signature():
    note, alice = _draft_note()
    sign, signed = _signing_held(note, alice)

    def sign_again():
        assert signed.wait(timeout=30)
        try:
            services.note_sign(note=note, user=alice)
        except services.NoteIsSigned:
            return "already signed"
        return "signed"

    assert at_once(sign, sign_again) == ["signed", "already signed"]


@pytest.mark.django_db(transaction=True)
def test_a_draft_saved_while_it_is_being_signed_is_refused_and_the_note_stays_signed():
    note, alice = _draft_note()
    sign, signed = _signing_held(note, alice)

    def save_draft():
        assert signed.wait(timeout=30)
        try:
            services.note_update(note=note, data={"findings": "Rewritten"})
        except services.NoteIsSigned:
            return "refused"
        return "saved"

    assert at_once(sign, save_draft) == ["signed", "refused"]
    note.refresh_from_db()
    assert note.is_signed and note.findings != "Rewritten"


@pytest.mark.django_db(transaction=True)
def test_an_amendment_sent_while_the_note_is_being_signed_is_added_after_the_signature():
    note, alice = _draft_note()
    sign, signed = _signing_held(note, alice)

    def amend():
        assert signed.wait(timeout=30)
        services.note_amend(note=note, author=alice, text="Firm, not moderate.", reason="Typo")
        return "amended"

    assert at_once(sign, amend) == ["signed", "amended"]
    assert note.amendments.count() == 1
