"""The README's least-privilege role for PostgreSQL, run as written: the app works as that
role (pages, a change, an erasure), and the role cannot change, delete, empty or unprotect
the audit trail."""

import re
from pathlib import Path

import psycopg
import pytest
from django.conf import settings
from django.db import connection
from django.urls import reverse

from audit.models import Event
from clients.models import Client, Therapist
from tests.factories import make_therapist

README = Path(__file__).resolve().parents[2] / "README.md"
ROLE = "intake_app"

pytestmark = [
    pytest.mark.skipif(
        settings.DATABASES["default"]["ENGINE"].endswith("sqlite3"),
        reason="database roles are PostgreSQL's",
    ),
    pytest.mark.django_db(transaction=True),
]


def readme_grants():
    text = README.read_text()
    section = text[text.index("**The database role (PostgreSQL).**") :]
    return re.search(r"```sql\n(.*?)```", section, re.S).group(1)


@pytest.fixture
def app_role():
    """The role, created and granted as the README says; the test run's superuser stands
    in for intake_owner (it owns the tables)."""
    with connection.cursor() as cursor:
        cursor.execute(f"CREATE ROLE {ROLE} LOGIN")
        cursor.execute(readme_grants())
    yield ROLE
    connection.close()
    with connection.cursor() as cursor:
        cursor.execute(f"DROP OWNED BY {ROLE}")
        cursor.execute(f"DROP ROLE {ROLE}")


def connect_as(role):
    database = connection.settings_dict
    return psycopg.connect(
        host=database["HOST"],
        port=database["PORT"],
        dbname=database["NAME"],
        user=role,
        autocommit=True,
    )


def test_the_app_role_adds_events_and_can_do_nothing_else_to_them(app_role, alice_client):
    with connect_as(app_role) as conn:
        (pk,) = conn.execute(
            "INSERT INTO audit_event (at, username, action, object_type, object_pk, "
            "object_repr, client_pk, changes, via_admin) VALUES (now(), 'alice', 'change', "
            "'clients.client', %s, 'Client', %s, '{\"phone\": [\"1\", \"2\"]}', false) "
            "RETURNING id",
            [str(alice_client.pk), alice_client.pk],
        ).fetchone()
        for statement in (
            "UPDATE audit_event SET action = 'view'",
            "UPDATE audit_event SET username = 'nobody' WHERE id = %s",
            "DELETE FROM audit_event WHERE id = %s",
            "TRUNCATE audit_event",
            "ALTER TABLE audit_event DISABLE TRIGGER USER",
            "DROP TRIGGER audit_event_append_only ON audit_event",
        ):
            params = [pk] if "%s" in statement else None
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                conn.execute(statement, params)
        # The one column it may update, only as erasure does, only for an erased client.
        with pytest.raises(psycopg.errors.IntegrityConstraintViolation, match="append-only"):
            conn.execute(
                """UPDATE audit_event SET changes = '{"phone": ["[erased]", "[erased]"]}'
                WHERE id = %s""",
                [pk],
            )
    assert Event.objects.get(pk=pk).changes == {"phone": ["1", "2"]}


def test_the_app_runs_as_the_role_and_erases_a_client(app_role, client, practice, alice_client):
    owner = make_therapist(practice, "olivia", "Olivia", "Grant")
    Therapist.objects.filter(user=owner).update(role=Therapist.Role.OWNER)
    database = connection.settings_dict
    superuser = database["USER"]
    connection.close()
    database["USER"] = app_role
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT current_user")
            assert cursor.fetchone() == (app_role,)
        client.force_login(owner)
        pk = alice_client.pk
        assert client.get(reverse("dashboard:client-detail", args=[pk])).status_code == 200
        data = {
            "first_name": "Zoë",
            "last_name": "Núñez",
            "email": "zoe.nunez@example.com",
            "phone": "+1 (555) 010-2030",
            "medications": "Warfarin",
            "date_of_birth": "1986-03-14",
        }
        assert client.post(reverse("clients:client-update", args=[pk]), data).status_code == 302
        assert client.get(reverse("records:client-export", args=[pk])).status_code == 200
        erase = client.post(
            reverse("records:client-erase", args=[pk]), {"confirm_name": "Zoë Núñez"}
        )
        assert erase.status_code == 302
    finally:
        connection.close()
        database["USER"] = superuser
    assert not Client.objects.filter(pk=pk).exists()
    change = Event.objects.get(action="change", client_pk=pk, object_type="clients.client")
    assert change.changes["medications"] == ["[erased]", "[erased]"]
    assert Event.objects.filter(action="erase", client_pk=pk, username="olivia").exists()
