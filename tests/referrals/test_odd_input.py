"""Odd input to the letter and clearance forms: a message by the field, nothing saved."""

from django.urls import reverse
from django.utils import timezone

from clearance.models import Clearance
from referrals.forms import ADDRESS_MAX, SECTION_MAX


def test_an_over_long_address_is_refused_by_the_field(as_alice, draft):
    response = as_alice.post(
        reverse("referrals:letter-edit", args=[draft.pk]),
        {
            "physician_name": "Dr. Helen Park",
            "physician_address": "40 Station Road\n" + "x" * ADDRESS_MAX,
            "subject": "Request",
            "reason": "Night pain.",
            "request": "Please assess.",
        },
    )
    assert response.status_code == 200
    assert f"at most {ADDRESS_MAX} characters" in response.content.decode()
    draft.refresh_from_db()
    assert "x" * 100 not in draft.physician_address


def test_over_long_restrictions_and_notes_are_refused_by_the_field(as_alice, screened_client):
    response = as_alice.post(
        reverse("referrals:clearance-record", args=[screened_client.pk]),
        {
            "outcome": "restricted",
            "restrictions": "r" * (SECTION_MAX + 1),
            "notes": "n" * (SECTION_MAX + 1),
            "received_on": timezone.localdate().isoformat(),
            "physician_name": "Dr. Helen Park",
        },
    )
    assert response.status_code == 200
    assert response.content.decode().count(f"at most {SECTION_MAX} characters") == 2
    assert not Clearance.objects.exists()


def test_dates_at_the_ends_of_the_calendar_are_handled(as_alice, screened_client):
    url = reverse("referrals:clearance-record", args=[screened_client.pk])
    future = {"outcome": "granted", "physician_name": "Dr. Helen Park", "received_on": "9999-12-31"}
    assert "cannot be in the future" in as_alice.post(url, future).content.decode()
    assert not Clearance.objects.exists()
    bogus = {**future, "received_on": "10000-01-01"}
    assert as_alice.post(url, bogus).status_code == 200
    assert not Clearance.objects.exists()
