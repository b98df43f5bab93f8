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


def test_signing_in_to_ones_own_account_does_not_reset_the_guesses_at_anothers(client, alice, bob):
    # Bob guesses Alice's password 4 times, then signs in to his own account to wipe the count,
    # six times over from the same address: 24 guesses. His sign-in clears only his own count,
    # so Alice's fifth wrong password locks her, and (per address) this address: from then on
    # Bob's own sign-ins here are refused, and counted against him too.
    results = []
    for _ in range(6):
        fail(client, "alice", 4)
        results.append(sign_in(client, "bob", PASSWORD).status_code)
        client.post("/logout/")
    assert results == [302, 429, 429, 429, 429, 429]
    assert AccessAttempt.objects.get(username="alice").failures_since_start == 24

    # Alice's right password is refused, from this address and from anywhere else.
    assert sign_in(client, "alice", PASSWORD).status_code == 429
    assert sign_in(client, "alice", PASSWORD, REMOTE_ADDR="203.0.113.9").status_code == 429
    assert "_auth_user_id" not in client.session


def test_a_successful_sign_in_clears_only_its_own_username(client, alice, bob):
    fail(client, "alice", 2)
    fail(client, "bob", 2)
    assert sign_in(client, "bob", PASSWORD).status_code == 302
    assert not AccessAttempt.objects.filter(username="bob").exists()
    assert AccessAttempt.objects.get(username="alice").failures_since_start == 2


def test_the_owners_command_unlocks_the_victim_and_the_address(client, alice, bob):
    for _ in range(2):
        fail(client, "alice", 4)
        sign_in(client, "bob", PASSWORD)
        client.post("/logout/")
    assert sign_in(client, "alice", PASSWORD).status_code == 429
    call_command("axes_reset_username", "alice", stdout=StringIO())
    # Alice's failures were the address's only ones: both sign in again.
    assert sign_in(client, "alice", PASSWORD).status_code == 302
    client.post("/logout/")
    assert sign_in(client, "bob", PASSWORD).status_code == 302


LONG = "u" * 300


@pytest.mark.parametrize("path", ["/login/", "/admin/login/"])
def test_a_300_character_username_is_a_wrong_sign_in_not_a_server_error(client, db, path):
    response = client.post(path, {"username": LONG, "password": "guess-guess-guess"})
    assert response.status_code == 200
    assert "correct username and password" in response.content.decode()  # the form's own error
    # Counted like any wrong sign-in, under the name cut to what a username can be.
    attempt = AccessAttempt.objects.get()
    assert attempt.username == LONG[:150]
    assert attempt.failures_since_start == 1


def test_over_long_usernames_still_lock_the_address(client, alice):
    for i in range(5):
        client.post("/login/", {"username": f"{i}{LONG}", "password": "guess-guess-guess"})
    assert sign_in(client, "alice", PASSWORD).status_code == 429
