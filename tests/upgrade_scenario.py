"""Run as a script on an empty database (DATABASE_URL): build the database as it was before
notes and clearances moved to their own apps, with rows, migrate it to today's models and
check every row is still there. tests/test_migrations.py runs it in a fresh process.
"""

import datetime
import hashlib
import os
import sys
from pathlib import Path

import django

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
django.setup()

from django.db import connection  # noqa: E402
from django.db.migrations.executor import MigrationExecutor  # noqa: E402
from django.utils import timezone  # noqa: E402

# A letter finalised before its PDF moved from the database to the storage (referrals 0008).
LETTER_PDF = b"%PDF-1.4 the referral letter as it was sent\n%%EOF\n"

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
        pdf=LETTER_PDF,
        pdf_sha256=hashlib.sha256(LETTER_PDF).hexdigest(),
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
    _letter_downloads_the_same_bytes(upgraded, therapist.pk)
    _moving_back_puts_the_bytes_in_the_database(upgraded)
    print("upgrade kept every note, clearance and reply")


def _letter_downloads_the_same_bytes(letter, user_pk):
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.test import Client
    from django.test.utils import setup_test_environment
    from django.urls import reverse

    assert letter.pdf.name.startswith("letters/") and letter.pdf_bytes() == LETTER_PDF
    assert (Path(settings.MEDIA_ROOT) / letter.pdf.name).read_bytes() == LETTER_PDF
    setup_test_environment()
    settings.REQUIRE_TWO_FACTOR = False
    browser = Client()
    browser.force_login(get_user_model().objects.get(pk=user_pk))
    response = browser.get(reverse("referrals:letter-pdf", args=[letter.pk]))
    assert response.status_code == 200, response.status_code
    assert response.content == LETTER_PDF


def _moving_back_puts_the_bytes_in_the_database(letter):
    from django.conf import settings

    stored = Path(settings.MEDIA_ROOT) / letter.pdf.name
    executor = MigrationExecutor(connection)
    executor.migrate([("referrals", "0007_letter_indexes_for_the_dashboard")])
    with connection.cursor() as cursor:
        cursor.execute("SELECT pdf FROM referrals_referralletter WHERE id = %s", [letter.pk])
        assert bytes(cursor.fetchone()[0]) == LETTER_PDF
    assert not stored.exists()
    MigrationExecutor(connection).migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())


if __name__ == "__main__":
    main()
