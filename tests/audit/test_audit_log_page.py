"""The owner reads the audit log, filters it and exports it as CSV."""

import csv
import datetime
import io

import pytest
from django.urls import reverse
from django.utils import timezone

import audit
from audit.models import Event
from clients.models import Therapist
from tests.factories import ClientFactory, make_therapist


@pytest.fixture
def as_owner(client, practice):
    user = make_therapist(practice, "olivia", "Olivia", "Grant")
    Therapist.objects.filter(user=user).update(role=Therapist.Role.OWNER)
    client.force_login(user)
    return client


@pytest.fixture
def events(alice, bob, alice_client, rf):
    bobs = ClientFactory(therapist=bob, first_name="Ravi", last_name="Patel")
    for user, obj in ((alice, alice_client), (bob, bobs)):
        request = rf.get("/")
        request.user = user
        audit.record(request, action="view", obj=obj)
    return bobs


def test_the_owner_sees_every_therapists_events(as_owner, events, alice_client):
    page = as_owner.get(reverse("records:audit-log")).content.decode()
    assert "Zoë Núñez" in page and "Ravi Patel" in page and "alice" in page and "bob" in page


def test_filter_by_client_user_and_date(as_owner, events, alice_client, bob):
    url = reverse("records:audit-log")
    page = as_owner.get(url, {"client": alice_client.pk}).content.decode()
    assert "Zoë Núñez" in page and "Ravi Patel" not in page
    page = as_owner.get(url, {"user": bob.pk}).content.decode()
    assert "Ravi Patel" in page and "Zoë Núñez" not in page
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    page = as_owner.get(url, {"date_from": tomorrow.isoformat()}).content.decode()
    assert "No events match" in page


def test_the_csv_has_the_filtered_events_and_the_export_is_recorded(as_owner, events, bob):
    response = as_owner.get(reverse("records:audit-log-csv"), {"user": bob.pk})
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert [row["user"] for row in rows] == ["bob"]
    assert rows[0]["client"] == "Ravi Patel" and rows[0]["action"] == "view"
    assert Event.objects.filter(action="export", username="olivia").exists()


def test_a_therapist_gets_a_404(as_alice):
    assert as_alice.get(reverse("records:audit-log")).status_code == 404
    assert as_alice.get(reverse("records:audit-log-csv")).status_code == 404
