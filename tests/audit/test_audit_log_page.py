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
    assert "Zoë Núñez" in page and "Ravi Patel" in page
    assert "Alice Moreau opened the record of Zoë Núñez" in page
    assert "Bob Singh opened the record of Ravi Patel" in page


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


def _sign_as(user, note):
    """Alice signs the note on its page, as in the app (the trail records who)."""
    from django.test import Client as Browser

    browser = Browser()
    browser.force_login(user)
    assert browser.post(reverse("notes:note-sign", args=[note.pk])).status_code == 302


def _rows(page):
    """The audit table's rows as text, one string per event."""
    import html
    import re

    from django.utils.html import strip_tags

    body = page.split("<tbody>", 1)[1].split("</tbody>", 1)[0]
    rows = re.findall(r"<tr>(.*?)</tr>", body, re.S)
    return [" ".join(html.unescape(strip_tags(row)).split()) for row in rows]


def test_the_log_reads_as_sentences_with_names_labels_and_dates(as_owner, alice, alice_client):
    """Issue 18: usernames, "Client #25" and `signed_by_id: — → 1` became names and words."""
    from tests.factories import make_note

    day = datetime.date(2026, 12, 5)
    _sign_as(alice, make_note(alice_client, day=day))
    alice_client.medications = "Apixaban 5 mg twice daily"
    alice_client.consent_contact_physician = True
    alice_client.save()

    page = as_owner.get(reverse("records:audit-log")).content.decode()
    rows = _rows(page)
    signed = next(row for row in rows if "signed Zoë Núñez's session note of 5 Dec 2026" in row)
    assert signed.startswith(timezone.localtime().strftime("%-d %b %Y"))
    assert "Alice Moreau signed" in signed
    assert "Signed by: — → Alice Moreau" in signed
    assert "signed_by_id" not in page and "signed_at" not in page
    changed = next(row for row in rows if "changed the record of Zoë Núñez" in row)
    assert "Medications: — → Apixaban 5 mg twice daily" in changed
    assert "Consent contact physician: no → yes" in changed
    assert "Screening tier: Clear → —" in changed
    assert "Client #" not in page
    # No ISO timestamps: "2026-12-05T19:29:08.806Z" reads as a date and a time.
    assert not any("T" in word and word[:4].isdigit() for row in rows for word in row.split())


def test_an_erased_client_and_the_clients_own_answers_read_plainly(as_owner, alice, alice_client):
    from tests.factories import make_submitted_intake

    make_submitted_intake(alice_client, {"pain_now": 2})
    page = as_owner.get(reverse("records:audit-log")).content.decode()
    assert any(row for row in _rows(page) if "The client" in row or "The system" in row)
    assert "(the client or the system)" not in page


def test_the_csv_keeps_the_raw_columns_and_adds_the_sentence(as_owner, alice, alice_client):
    from tests.factories import make_note

    _sign_as(alice, make_note(alice_client, day=datetime.date(2026, 12, 5)))
    response = as_owner.get(reverse("records:audit-log-csv"))
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert list(rows[0]) == [
        "when",
        "user",
        "ip_address",
        "action",
        "record",
        "client",
        "changes",
        "event",
    ]
    signed = next(row for row in rows if row["action"] == "sign")
    assert signed["user"] == "alice"
    assert signed["record"].startswith("Session note #")
    assert "signed_by_id: None -> " in signed["changes"]
    assert signed["event"] == "Alice Moreau signed Zoë Núñez's session note of 5 Dec 2026"
    datetime.datetime.fromisoformat(signed["when"])
