"""Reads that show no one client page are recorded too: the admin's lists and records, the
dashboard, and the owner reading the audit log."""

import pytest
from django.urls import reverse

import audit
from audit.models import Event
from clients.models import Therapist
from tests.factories import make_therapist, pass_two_factor


@pytest.fixture
def as_root(client, django_user_model):
    root = django_user_model.objects.create_superuser("root", "root@example.com", "x" * 12)
    client.force_login(root)
    pass_two_factor(client, root)
    return client


def views_by(username):
    return list(
        Event.objects.filter(action="view", username=username)
        .order_by("pk")
        .values_list("object_type", "object_repr", "client_pk", "via_admin")
    )


def test_the_admins_list_of_clients_is_recorded(as_root, alice_client):
    assert as_root.get(reverse("admin:clients_client_changelist")).status_code == 200
    assert views_by("root") == [("clients.client", "List of clients", None, True)]


def test_a_client_opened_in_the_admin_is_recorded_under_the_client(as_root, alice_client):
    for name in ("admin:clients_client_change", "admin:clients_client_history"):
        assert as_root.get(reverse(name, args=[alice_client.pk])).status_code == 200
    client_view = ("clients.client", f"Client #{alice_client.pk}", alice_client.pk, True)
    assert views_by("root") == [client_view, client_view]


def test_a_note_opened_in_the_admin_is_recorded_under_its_client(as_root, note):
    assert as_root.get(reverse("admin:notes_sessionnote_change", args=[note.pk])).status_code == 200
    assert views_by("root") == [
        ("notes.sessionnote", f"Session note #{note.pk}", note.client_id, True)
    ]


def test_reading_the_audit_trail_in_the_admin_is_recorded(as_root, alice_client):
    event = audit.record(None, action="view", obj=alice_client)
    as_root.get(reverse("admin:audit_event_changelist"))
    as_root.get(reverse("admin:audit_event_change", args=[event.pk]))
    assert [row[:2] for row in views_by("root")] == [
        ("audit.event", "List of events"),
        ("audit.event", f"Event #{event.pk}"),
    ]


def test_an_admin_page_for_a_record_that_is_not_there_records_nothing(as_root):
    as_root.get(reverse("admin:clients_client_change", args=[987654]))
    assert views_by("root") == []


def test_the_dashboard_and_its_lists_are_recorded(as_alice):
    as_alice.get(reverse("dashboard:dashboard"))
    as_alice.get(reverse("dashboard:intakes-to-review"))
    assert [row[:2] for row in views_by("alice")] == [
        ("page", "Dashboard"),
        ("page", "Dashboard: New intakes to review"),
    ]


def test_the_owner_reading_the_audit_log_is_recorded(client, practice, alice_client):
    owner = make_therapist(practice, "olivia", "Olivia", "Grant")
    Therapist.objects.filter(user=owner).update(role=Therapist.Role.OWNER)
    client.force_login(owner)
    client.get(reverse("records:audit-log"))
    client.get(reverse("records:audit-log"), {"client": alice_client.pk})
    assert views_by("olivia") == [
        ("page", "Audit log", None, False),
        ("page", "Audit log", alice_client.pk, False),  # that client's history was read
    ]
