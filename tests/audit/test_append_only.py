"""The audit trail cannot be changed or deleted: not by code, not in the admin."""

import pytest
from django.urls import reverse

import audit
from audit.models import AppendOnly, Event
from tests.factories import pass_two_factor


@pytest.fixture
def event(alice_client):
    return audit.record(None, action="view", obj=alice_client)


def test_an_event_cannot_be_changed(event):
    event.action = "delete"
    with pytest.raises(AppendOnly):
        event.save()
    with pytest.raises(AppendOnly):
        Event.objects.filter(pk=event.pk).update(action="delete")
    event.refresh_from_db()
    assert event.action == "view"


def test_an_event_cannot_be_deleted(event):
    with pytest.raises(AppendOnly):
        event.delete()
    with pytest.raises(AppendOnly):
        Event.objects.all().delete()
    assert Event.objects.filter(pk=event.pk).exists()


def test_the_admin_shows_events_read_only(client, event, django_user_model):
    admin = django_user_model.objects.create_superuser("root", "root@example.com", "x" * 12)
    client.force_login(admin)
    pass_two_factor(client, admin)
    listing = client.get(reverse("admin:audit_event_changelist"))
    assert listing.status_code == 200
    assert "Delete selected" not in listing.content.decode()
    change = client.get(reverse("admin:audit_event_change", args=[event.pk]))
    assert change.status_code == 200
    assert 'name="_save"' not in change.content.decode()
    response = client.post(reverse("admin:audit_event_delete", args=[event.pk]), {"post": "yes"})
    assert response.status_code in (302, 403)
    assert Event.objects.filter(pk=event.pk).exists()
    client.post(reverse("admin:audit_event_change", args=[event.pk]), {"action": "delete"})
    event.refresh_from_db()
    assert event.action == "view"
