"""Every letter URL is Alice's alone: Bob gets a 404, anonymous visitors the login page."""

import pytest
from django.urls import reverse

from referrals.models import ReferralLetter

LETTER_URLS = [
    ("get", "referrals:letter-detail"),
    ("get", "referrals:letter-edit"),
    ("post", "referrals:letter-edit"),
    ("get", "referrals:letter-preview"),
    ("post", "referrals:letter-finalise"),
    ("get", "referrals:letter-pdf"),
    ("get", "referrals:letter-mark-sent"),
    ("post", "referrals:letter-mark-sent"),
    ("post", "referrals:letter-correct"),
    ("post", "referrals:letter-delete"),
    ("get", "referrals:letter-reply"),
    ("post", "referrals:letter-reply"),
]
CLIENT_URLS = [
    ("post", "referrals:letter-create"),
    ("get", "referrals:clearance-record"),
    ("post", "referrals:clearance-record"),
]


@pytest.mark.parametrize("method,name", LETTER_URLS)
def test_it_checks_ownership_of_letters(as_bob, final, method, name):
    response = getattr(as_bob, method)(reverse(name, args=[final.pk]), {"sent_via": "client"})
    assert response.status_code == 404
    final.refresh_from_db()
    assert final.status == ReferralLetter.Status.FINAL


@pytest.mark.parametrize("method,name", CLIENT_URLS)
def test_it_checks_ownership_of_clients(as_bob, screened_client, method, name):
    response = getattr(as_bob, method)(reverse(name, args=[screened_client.pk]))
    assert response.status_code == 404
    assert not screened_client.referral_letters.exists()
    assert not screened_client.clearances.exists()


@pytest.mark.parametrize("method,name", LETTER_URLS)
def test_anonymous_visitors_are_sent_to_login_for_letters(client, final, method, name):
    response = getattr(client, method)(reverse(name, args=[final.pk]))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


@pytest.mark.parametrize("method,name", CLIENT_URLS)
def test_anonymous_visitors_are_sent_to_login_for_clients(client, screened_client, method, name):
    response = getattr(client, method)(reverse(name, args=[screened_client.pk]))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_bob_does_not_see_alices_letters_on_his_dashboard(as_bob, final):
    from django.utils import timezone

    from referrals.services import letter_mark_sent

    letter_mark_sent(letter=final, sent_on=timezone.localdate(), sent_via="fax")
    response = as_bob.get(reverse("dashboard:dashboard"))
    assert "Núñez" not in response.content.decode()
