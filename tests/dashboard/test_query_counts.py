"""The dashboard and the client list cost the same few queries with 3 or 15 clients of each kind."""

import datetime

import pytest
from django.urls import reverse

from clients.models import Client
from referrals import services as referrals
from tests.factories import REFER_ANSWERS, make_note, make_submitted_intake


def fill_practice(alice, count):
    """Clients on every dashboard panel: to review, needing clearance, letters, sessions."""
    for i in range(count):
        referred = Client.objects.create(
            therapist=alice,
            first_name=f"Ref{i}",
            last_name="Client",
            physician_name="Dr. Park",
            consent_contact_physician=True,
        )
        make_submitted_intake(referred, REFER_ANSWERS)
        referrals.letter_create_draft(client=referred, author=alice)
        sent = referrals.letter_finalise(
            letter=referrals.letter_create_draft(client=referred, author=alice)
        )
        referrals.letter_mark_sent(letter=sent, sent_on=datetime.date.today(), sent_via="fax")
        seen = Client.objects.create(therapist=alice, first_name=f"Seen{i}", last_name="Client")
        make_submitted_intake(seen, {})
        make_note(seen)


@pytest.mark.parametrize("count", [3, 15])
def test_dashboard_queries_do_not_grow_with_the_practice(
    as_alice, alice, complaint_map, django_assert_max_num_queries, count
):
    fill_practice(alice, count)
    # 12 for the page, plus the sign-in's own: the session renewed on every request (idle
    # timeout; an UPDATE in a savepoint under the test's transaction) and the two queries
    # that find this unverified test user has no authenticator (two-factor).
    with django_assert_max_num_queries(12 + 5):
        response = as_alice.get(reverse("dashboard:dashboard"))
    page = response.content.decode()
    assert f"Ref{count - 1} Client" in page and f"Seen{count - 1} Client" in page


@pytest.mark.parametrize("count", [3, 15])
def test_client_list_queries_do_not_grow_with_the_practice(
    as_alice, alice, complaint_map, django_assert_max_num_queries, count
):
    fill_practice(alice, count)
    with django_assert_max_num_queries(7 + 5):  # + the sign-in's own, as above
        response = as_alice.get(reverse("clients:client-list"), {"q": "client"})
    assert "Ref0" in response.content.decode()
