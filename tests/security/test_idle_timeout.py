"""A signed-in session ends after DJANGO_SESSION_IDLE_MINUTES (30) without a request."""

import datetime
from unittest import mock

import pytest
from django.conf import settings
from django.contrib.sessions.backends import db as session_db
from django.core.exceptions import ImproperlyConfigured
from django.utils import timezone

from config.env import env_int


def later(minutes):
    now = timezone.now() + datetime.timedelta(minutes=minutes)
    return mock.patch.object(session_db.timezone, "now", return_value=now)


def test_sessions_last_thirty_idle_minutes_and_end_with_the_browser():
    assert settings.SESSION_IDLE_MINUTES == 30
    assert settings.SESSION_COOKIE_AGE == 30 * 60
    assert settings.SESSION_SAVE_EVERY_REQUEST
    assert settings.SESSION_EXPIRE_AT_BROWSER_CLOSE


def test_each_request_renews_the_session(as_alice):
    response = as_alice.get("/")
    assert response.status_code == 200
    assert as_alice.session.get_expiry_age() == 30 * 60
    assert settings.SESSION_COOKIE_NAME in response.cookies  # sent again, renewed


def test_after_thirty_idle_minutes_a_page_asks_to_log_in_again(as_alice):
    assert as_alice.get("/").status_code == 200
    with later(31):
        response = as_alice.get("/clients/")
    assert response.status_code == 302
    assert response["Location"].startswith("/login/")


def test_a_request_within_the_limit_keeps_the_therapist_signed_in(as_alice):
    assert as_alice.get("/").status_code == 200
    with later(29):
        assert as_alice.get("/clients/").status_code == 200


@pytest.mark.parametrize("raw", ["thirty", "1.5", "15m"])
def test_the_idle_minutes_must_be_a_whole_number(monkeypatch, raw):
    monkeypatch.setenv("DJANGO_SESSION_IDLE_MINUTES", raw)
    with pytest.raises(ImproperlyConfigured, match="DJANGO_SESSION_IDLE_MINUTES"):
        env_int("DJANGO_SESSION_IDLE_MINUTES", 30)


def test_zero_idle_minutes_refuses_to_start():
    from tests.test_settings import STRONG_SECRET, run_django

    result = run_django(
        ["check"],
        DJANGO_SECRET_KEY=STRONG_SECRET,
        DJANGO_SESSION_IDLE_MINUTES="0",
        DJANGO_ALLOW_CONSOLE_EMAIL="true",
    )
    assert result.returncode != 0
    assert "DJANGO_SESSION_IDLE_MINUTES must be at least 1" in result.stderr
