"""An erased client's words leave the database files, not only its tables.

Deleting a row leaves its bytes in the file until the page is reused: SQLite's
secure_delete overwrites them, and the write-ahead log is checkpointed and truncated after
an erasure; on PostgreSQL the affected tables are vacuumed once the erasure commits.
"""

import datetime
import uuid
from pathlib import Path

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from clearance import services as clearance_services
from clients.models import Client, Therapist
from notes import services as note_services
from referrals import services as referral_services
from records.disk import erasure_tables
from tests.factories import (
    REFER_ANSWERS,
    ClientFactory,
    PracticeFactory,
    make_note,
    make_submitted_intake,
    make_therapist,
)

pytestmark = pytest.mark.django_db(transaction=True)


def _planted_record():
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


def _hits(paths, strings):
    """{string: number of times it occurs in the files}, only for strings that do."""
    found = {}
    for path in paths:
        data = path.read_bytes() if path.exists() else b""
        for name, value in strings.items():
            count = data.count(value.encode())
            if count:
                found[name] = found.get(name, 0) + count
    return found


def _erase(client, owner, person):
    client.force_login(owner)
    response = client.post(
        reverse("records:client-erase", args=[person.pk]),
        {"confirm_name": person.full_name},
    )
    assert response.status_code == 302
    assert not Client.objects.filter(pk=person.pk).exists()


@pytest.mark.skipif(connection.vendor != "sqlite", reason="reads SQLite's files")
def test_an_erased_clients_words_are_gone_from_the_sqlite_files(client):
    owner, person, strings = _planted_record()
    database = Path(connection.settings_dict["NAME"])
    files = [database, Path(f"{database}-wal"), Path(f"{database}-shm")]
    assert database.is_file(), "the test database must be a real file"
    # Planted where the test looks: every string is in the files before the erasure.
    connection.cursor().execute("PRAGMA wal_checkpoint(PASSIVE)")
    assert set(_hits(files, strings)) == set(strings)

    _erase(client, owner, person)

    assert _hits(files, strings) == {}


def test_sqlite_connections_overwrite_what_they_delete():
    if connection.vendor != "sqlite":
        pytest.skip("an SQLite setting")
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA secure_delete")
        assert cursor.fetchone()[0] == 1


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's vacuum")
def test_erasing_a_client_vacuums_the_tables_that_held_them(client):
    owner, person, strings = _planted_record()
    tables = erasure_tables()
    assert {"clients_client", "intake_intake", "notes_sessionnote", "audit_event"} <= set(tables)
    started = timezone.now()

    _erase(client, owner, person)

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT relname, last_vacuum, n_dead_tup FROM pg_stat_user_tables"
            " WHERE relname = ANY(%s)",
            [tables],
        )
        rows = {name: (last, dead) for name, last, dead in cursor.fetchall()}
    assert set(rows) == set(tables)
    for name, (last_vacuum, dead) in rows.items():
        assert last_vacuum is not None and last_vacuum >= started, name
        assert dead == 0, name
