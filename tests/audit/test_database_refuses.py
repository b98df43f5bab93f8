"""The database itself refuses to change or delete an audit event: raw SQL, and the ORM's
update() and delete() without the model's Python guard. Erasure's redaction is the one
UPDATE it lets through, and only for an erased client."""

import pytest
from django.core.management import call_command
from django.db import IntegrityError, connection, models, transaction
from django.utils import timezone

import audit
from audit.models import Event
from clients.models import Client


@pytest.fixture
def event(alice_client):
    return audit.record(
        None, action=Event.Action.CHANGE, obj=alice_client, changes={"medications": ["", "Ibu"]}
    )


def refused(sql, params=()):
    with (
        pytest.raises(IntegrityError, match="append-only"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute(sql, params)


def test_raw_sql_cannot_change_an_event(event):
    refused("UPDATE audit_event SET action = 'view' WHERE id = %s", [event.pk])
    refused("UPDATE audit_event SET username = 'nobody'")
    event.refresh_from_db()
    assert (event.action, event.username) == ("change", "")


def test_raw_sql_cannot_delete_an_event(event):
    refused("DELETE FROM audit_event WHERE id = %s", [event.pk])
    refused("DELETE FROM audit_event")
    assert Event.objects.filter(pk=event.pk).exists()


def test_the_orm_past_the_models_guard_cannot_change_or_delete_an_event(event):
    events = Event.objects.filter(pk=event.pk)
    with pytest.raises(IntegrityError), transaction.atomic():
        models.QuerySet.update(events, object_repr="Client #0")
    with pytest.raises(IntegrityError), transaction.atomic():
        models.QuerySet.delete(events)
    with pytest.raises(IntegrityError), transaction.atomic():
        events._raw_delete(events.db)
    event.refresh_from_db()
    assert event.object_repr == f"Client #{event.client_pk}"


def test_a_living_clients_diffs_cannot_be_blanked(event):
    with pytest.raises(IntegrityError), transaction.atomic():
        Event.objects.redact_changes_for_client(event.client_pk)
    event.refresh_from_db()
    assert event.changes == {"medications": ["", "Ibu"]}


def test_after_an_erasure_only_the_redaction_itself_is_let_through(event, alice_client):
    audit.record(None, action=Event.Action.ERASE, obj=alice_client)
    Client.objects.filter(pk=alice_client.pk).delete()
    events = Event.objects.filter(pk=event.pk)
    # New values, or any other column, are still refused: erasure blanks, it never writes.
    with pytest.raises(IntegrityError), transaction.atomic():
        models.QuerySet.update(events, changes={"medications": ["", "Aspirin"]})
    with pytest.raises(IntegrityError), transaction.atomic():
        models.QuerySet.update(events, changes={}, username="someone")
    with pytest.raises(IntegrityError), transaction.atomic():
        models.QuerySet.update(
            events, changes={"medications": ["[erased]", "[erased]"]}, at=timezone.now()
        )
    assert Event.objects.redact_changes_for_client(alice_client.pk) == 1
    event.refresh_from_db()
    assert event.changes == {"medications": ["[erased]", "[erased]"]}
    refused("DELETE FROM audit_event WHERE id = %s", [event.pk])


@pytest.mark.django_db(transaction=True)
def test_emptying_the_test_database_keeps_the_triggers(alice_client):
    # Live-server tests flush every table after each test (tests/conftest.py on SQLite).
    audit.record(None, action=Event.Action.VIEW, obj=alice_client)
    call_command("flush", interactive=False, verbosity=0)
    assert not Event.objects.exists()
    event = audit.record(None, action=Event.Action.VIEW, obj=alice_client)
    refused("DELETE FROM audit_event WHERE id = %s", [event.pk])
