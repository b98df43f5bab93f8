"""The quiet-hour maintenance step after erasures (README, "Backups")."""

from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection
from django.urls import reverse

from records.disk import erasure_tables
from tests.records.planted import hits, planted_record

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.mark.skipif(connection.vendor != "sqlite", reason="reads SQLite's files")
def test_maintenance_clears_an_erasure_made_before_secure_delete_was_on(
    client, complaint_map, capsys
):
    owner, person, strings = planted_record()
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        cursor.execute("PRAGMA secure_delete = OFF")  # as a database erased before it was on
    client.force_login(owner)
    url = reverse("records:client-erase", args=[person.pk])
    reason = "The client asked for erasure by letter."
    assert client.post(url, {"confirm_name": person.full_name, "reason": reason}).status_code == 302
    database = Path(connection.settings_dict["NAME"])
    files = [database, Path(f"{database}-wal")]
    connection.cursor().execute("PRAGMA wal_checkpoint(TRUNCATE)")
    assert hits(files, strings), "an old erasure leaves the words in the file"

    call_command("erase_maintenance")

    assert hits(files, strings) == {}
    assert "VACUUM" in capsys.readouterr().out
    connection.close()  # the next connection has secure_delete on again


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's VACUUM FULL")
def test_maintenance_rewrites_the_erasure_tables(complaint_map, capsys):
    tables = erasure_tables()
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT relname, relfilenode FROM pg_class WHERE relname = ANY(%s)", [tables]
        )
        before = dict(cursor.fetchall())

    call_command("erase_maintenance")

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT relname, relfilenode FROM pg_class WHERE relname = ANY(%s)", [tables]
        )
        after = dict(cursor.fetchall())
    # VACUUM FULL writes each table to a new file and removes the old one.
    assert set(after) == set(tables)
    assert all(after[name] != before[name] for name in tables)
    assert f"VACUUM (FULL) of {len(tables)} tables" in capsys.readouterr().out
