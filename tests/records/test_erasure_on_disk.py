"""An erased client's words leave the database files, not only its tables.

Deleting a row leaves its bytes in the file until the page is reused: SQLite's
secure_delete overwrites them, and the write-ahead log is checkpointed and truncated after
an erasure; on PostgreSQL the affected tables are vacuumed once the erasure commits.
"""

from pathlib import Path

import pytest
from django.contrib.admin.models import LogEntry
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from audit.models import Event
from clearance.models import Clearance
from clients.models import Client
from intake.models import Intake
from notes.models import NoteAmendment, SessionNote
from records.disk import erasure_tables
from referrals.models import ReferralLetter
from tests.records.planted import hits, planted_record

pytestmark = pytest.mark.django_db(transaction=True)


def _erase(client, owner, person):
    client.force_login(owner)
    response = client.post(
        reverse("records:client-erase", args=[person.pk]),
        {"confirm_name": person.full_name, "reason": "The client asked for erasure."},
    )
    assert response.status_code == 302
    assert not Client.objects.filter(pk=person.pk).exists()


@pytest.mark.skipif(connection.vendor != "sqlite", reason="reads SQLite's files")
def test_an_erased_clients_words_are_gone_from_the_sqlite_files(client, complaint_map):
    owner, person, strings = planted_record()
    database = Path(connection.settings_dict["NAME"])
    files = [database, Path(f"{database}-wal"), Path(f"{database}-shm")]
    assert database.is_file(), "the test database must be a real file"
    # Planted where the test looks: every string is in the files before the erasure, in
    # the database file itself too, not only in the write-ahead log.
    connection.cursor().execute("PRAGMA wal_checkpoint(PASSIVE)")
    assert set(hits(files, strings)) == set(strings)

    _erase(client, owner, person)

    assert hits(files, strings) == {}


@pytest.mark.skipif(connection.vendor != "sqlite", reason="an SQLite setting")
def test_sqlite_connections_overwrite_what_they_delete():
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA secure_delete")
        assert cursor.fetchone()[0] == 1


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's vacuum")
def test_erasing_a_client_vacuums_the_tables_that_held_them(client, complaint_map):
    owner, person, strings = planted_record()
    tables = erasure_tables()
    held = {Client, Intake, SessionNote, NoteAmendment, ReferralLetter, Clearance, Event, LogEntry}
    assert {model._meta.db_table for model in held} <= set(tables)
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
