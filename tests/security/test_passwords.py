"""New passwords are hashed with Argon2 and must be long and uncommon; old hashes still work."""

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.test import override_settings

from config import settings as production_settings
from tests.factories import PASSWORD

PRODUCTION_HASHERS = production_settings.PASSWORD_HASHERS


def test_production_hashes_new_passwords_with_argon2_and_still_reads_pbkdf2():
    assert PRODUCTION_HASHERS[0] == "django.contrib.auth.hashers.Argon2PasswordHasher"
    assert "django.contrib.auth.hashers.PBKDF2PasswordHasher" in PRODUCTION_HASHERS
    with override_settings(PASSWORD_HASHERS=PRODUCTION_HASHERS):
        assert make_password("a long enough passphrase").startswith("argon2$")


@pytest.mark.django_db
def test_an_old_pbkdf2_password_still_signs_in_and_is_upgraded_to_argon2(client):
    with override_settings(PASSWORD_HASHERS=PRODUCTION_HASHERS):
        old_hash = make_password(PASSWORD, hasher="pbkdf2_sha256")
        user = get_user_model().objects.create(username="veteran", password=old_hash)
        response = client.post("/login/", {"username": "veteran", "password": PASSWORD})
        assert response.status_code == 302
        user.refresh_from_db()
        assert user.password.startswith("argon2$")


@pytest.mark.parametrize(
    ("password", "reason"),
    [
        ("Sh0rt-pass!", "at least 12 characters"),
        ("password1234", "too common"),
        ("839201748392017", "entirely numeric"),
    ],
)
def test_weak_passwords_are_refused_with_a_reason(password, reason):
    with pytest.raises(ValidationError) as refused:
        validate_password(password)
    assert reason in " ".join(refused.value.messages)


def test_the_test_suites_password_passes_the_rules():
    validate_password(PASSWORD)


@pytest.mark.django_db
def test_the_demo_password_passes_the_rules():
    from io import StringIO

    from django.core.management import call_command

    out = StringIO()
    call_command("seed_demo", stdout=out)
    demo_password = out.getvalue().split("with password ")[1].split()[0]
    user = get_user_model().objects.get(username="demo")
    validate_password(demo_password, user=user)
    assert user.check_password(demo_password)


def test_tests_keep_the_fast_hasher():
    assert settings.PASSWORD_HASHERS == ["django.contrib.auth.hashers.MD5PasswordHasher"]


def test_change_password_page_refuses_a_short_one(as_alice, alice):
    response = as_alice.post(
        "/account/password/",
        {"old_password": PASSWORD, "new_password1": "short-one", "new_password2": "short-one"},
    )
    assert response.status_code == 200
    assert "at least 12 characters" in response.content.decode()
    alice.refresh_from_db()
    assert alice.check_password(PASSWORD)


def test_change_password_page_changes_it(as_alice, alice):
    new = "lantern-orchard-pebble-72"
    response = as_alice.post(
        "/account/password/",
        {"old_password": PASSWORD, "new_password1": new, "new_password2": new},
        follow=True,
    )
    assert "Your password has been changed" in response.content.decode()
    alice.refresh_from_db()
    assert alice.check_password(new)


def test_navigation_links_to_change_password_and_two_factor(as_alice):
    page = as_alice.get("/").content.decode()
    assert 'href="/account/password/"' in page
    assert 'href="/account/two-factor/"' in page


def test_forgotten_password_is_reset_through_an_emailed_link(client, alice, mailoutbox):
    login_page = client.get("/login/").content.decode()
    assert 'href="/account/reset/"' in login_page
    response = client.post("/account/reset/", {"email": "alice@harbour.example"}, follow=True)
    assert "Check your email" in response.content.decode()
    assert len(mailoutbox) == 1
    body = mailoutbox[0].body
    assert mailoutbox[0].to == ["alice@harbour.example"]
    link = next(word for word in body.split() if "/account/reset/" in word)
    assert link.startswith(settings.SITE_URL)
    path = link[len(settings.SITE_URL) :]
    form = client.get(path, follow=True)
    assert "Set a new password" in form.content.decode()
    new = "quietly-folded-maps-2031"
    done = client.post(
        form.redirect_chain[-1][0], {"new_password1": new, "new_password2": new}, follow=True
    )
    assert "Your new password is set" in done.content.decode()
    alice.refresh_from_db()
    assert alice.check_password(new)
    # The link works once.
    again = client.get(path, follow=True)
    assert "has been used or has expired" in again.content.decode()


def test_reset_for_an_unknown_address_sends_nothing_and_says_the_same(client, db, mailoutbox):
    response = client.post("/account/reset/", {"email": "nobody@example.com"}, follow=True)
    assert "Check your email" in response.content.decode()
    assert mailoutbox == []
