"""Run as a script on an empty database (DATABASE_URL): build the database as it was before
notes and clearances moved to their own apps, with rows, migrate it to today's models and
check every row is still there. tests/test_migrations.py runs it in a fresh process.
"""

import datetime
import os
import sys

import django

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
django.setup()

from django.db import connection  # noqa: E402
from django.db.migrations.executor import MigrationExecutor  # noqa: E402
from django.utils import timezone  # noqa: E402

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


def main():
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
    # As the old clients migration 0003 had loaded it.
    old.get_model("clients", "Technique").objects.create(
        id="neuromuscular_therapy", label="Neuromuscular therapy", source="seed"
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
    print("upgrade kept every note, clearance and reply")


if __name__ == "__main__":
    main()
