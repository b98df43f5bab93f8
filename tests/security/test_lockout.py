"""Five wrong passwords lock the sign-in for 15 minutes, with a message saying what to do."""

import datetime
from io import StringIO
from unittest import mock

import pytest
from axes.models import AccessAttempt
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone

from tests.factories import PASSWORD

LOCKED = "Too many failed sign-ins; try again in 15 minutes or ask the practice owner"


def sign_in(client, username, password, **extra):
    return client.post("/login/", {"username": username, "password": password}, **extra)


def fail(client, username, times, **extra):
    for _ in range(times):
        response = sign_in(client, username, "wrong-password-guess", **extra)
    return response


def test_four_wrong_passwords_still_let_the_right_one_in(client, alice):
    response = fail(client, "alice", 4)
    assert response.status_code == 200
    assert "Please enter a correct username and password" in response.content.decode()
    assert sign_in(client, "alice", PASSWORD).status_code == 302


def test_the_fifth_wrong_password_locks_the_account_with_a_clear_message(client, alice):
    response = fail(client, "alice", 5)
    assert response.status_code == 429
    page = response.content.decode()
    assert LOCKED in page
    assert '<form method="post"' in page  # the login page, not a bare error

    # Even the right password is refused now, with the same message.
    response = sign_in(client, "alice", PASSWORD)
    assert response.status_code == 429
    assert LOCKED in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_the_lock_lifts_after_fifteen_minutes(client, alice):
    fail(client, "alice", 5)
    later = timezone.now() + datetime.timedelta(minutes=16)
    with mock.patch("axes.handlers.proxy.now", return_value=later):
        response = sign_in(client, "alice", PASSWORD)
    assert response.status_code == 302


def test_the_owner_unlocks_an_account_with_a_command(client, alice):
    fail(client, "alice", 5)
    out = StringIO()
    call_command("axes_reset_username", "alice", stdout=out)
    assert sign_in(client, "alice", PASSWORD).status_code == 302


def test_one_address_trying_many_usernames_is_locked_too(client, alice, bob):
    for name in ("carol", "dave", "erin", "frank", "gina"):
        sign_in(client, name, "guess-guess-guess")
    response = sign_in(client, "bob", PASSWORD)
    assert response.status_code == 429


def test_another_therapists_mistakes_do_not_lock_alice_from_elsewhere(client, alice, bob):
    fail(client, "bob", 5, REMOTE_ADDR="198.51.100.7")
    assert sign_in(client, "alice", PASSWORD, REMOTE_ADDR="203.0.113.9").status_code == 302


def test_a_spoofed_forwarded_header_is_ignored_without_a_proxy(client, alice):
    for i in range(5):
        sign_in(client, "x", "guess", HTTP_X_FORWARDED_FOR=f"10.9.9.{i}")
    assert AccessAttempt.objects.get(username="x").ip_address == "127.0.0.1"


@override_settings(BEHIND_PROXY=True)
def test_behind_the_proxy_the_address_it_saw_is_counted(client, db):
    sign_in(client, "x", "guess", HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.50")
    assert AccessAttempt.objects.get(username="x").ip_address == "203.0.113.50"


def test_force_login_is_not_counted_or_locked(client, alice):
    fail(client, "someone-else", 3)
    client.force_login(alice)
    assert client.get("/").status_code == 200


@pytest.mark.parametrize("path", ["/admin/login/"])
def test_the_admin_login_is_counted_too(client, alice, path):
    for _ in range(5):
        client.post(path, {"username": "alice", "password": "nope-nope-nope"})
    assert AccessAttempt.objects.get(username="alice").failures_since_start >= 5
