"""A practice that upgrades keeps every note, clearance and letter reply.

Session notes and clearances moved to apps of their own without touching their tables; the
link from a physician's reply to its letter moved to the letter's side. This builds a
database as it was before, with rows, and migrates it to today's models.
"""

import datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

BEFORE = [
    ("clients", "0003_load_complaint_map"),
    ("intake", "0001_initial"),
    ("referrals", "0002_referral_letters"),
]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    executor.loader.build_graph()
    return executor.loader.project_state(targets).apps


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_notes_clearances_and_replies_survive_the_upgrade():
    old = _migrate(BEFORE)
    User = old.get_model("auth", "User")
    therapist = User.objects.create(username="maya")
    practice = old.get_model("clients", "Practice").objects.create(name="Harbour")
    old.get_model("clients", "Therapist").objects.create(user=therapist, practice=practice)
    client = old.get_model("clients", "Client").objects.create(
        therapist=therapist, first_name="Zoë", last_name="Núñez"
    )
    letter = old.get_model("referrals", "ReferralLetter").objects.create(
        client=client,
        author=therapist,
        status="replied",
        pdf_sha256="0" * 64,
        letter_date=datetime.date(2026, 11, 2),
        sent_on=datetime.date(2026, 11, 3),
        sent_via="post",
        consent_contact_physician=True,
    )
    Clearance = old.get_model("referrals", "Clearance")
    replied = Clearance.objects.create(
        client=client,
        outcome="restricted",
        restrictions="No deep work on the left calf.",
        received_on=datetime.date(2026, 11, 10),
        letter=letter,
        recorded_by=therapist,
    )
    by_phone = Clearance.objects.create(
        client=client,
        outcome="granted",
        received_on=datetime.date(2026, 11, 20),
        recorded_by=therapist,
    )
    note = old.get_model("clients", "SessionNote").objects.create(
        client=client,
        therapist=therapist,
        session_date=datetime.date(2026, 11, 25),
        duration_minutes=60,
        pain_before=6,
        pain_after=3,
        findings="Right QL hypertonic.",
        signed_at=timezone.now(),
        signed_by=therapist,
    )
    note.techniques.set(["neuromuscular_therapy"])

    MigrationExecutor(connection).migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())

    from clearance.models import Clearance as MovedClearance
    from notes.models import SessionNote
    from referrals.models import ReferralLetter

    moved = SessionNote.objects.get(pk=note.pk)
    assert moved.findings == "Right QL hypertonic." and moved.is_signed
    assert [t.pk for t in moved.techniques.all()] == ["neuromuscular_therapy"]
    assert MovedClearance.objects.count() == 2
    upgraded = ReferralLetter.objects.get(pk=letter.pk)
    assert upgraded.reply.pk == replied.pk
    assert upgraded.reply.restrictions == "No deep work on the left calf."
    assert not hasattr(MovedClearance.objects.get(pk=by_phone.pk), "letter_reply")
