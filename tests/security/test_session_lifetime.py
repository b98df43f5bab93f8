"""A session ends DJANGO_SESSION_MAX_HOURS (12) after signing in, however active, and the
session key the password step used stops working once the second factor passes."""

import datetime
from unittest import mock

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.utils import timezone

from tests.factories import PASSWORD
from tests.security.test_two_factor import code_for, enrol


def later(**delta):
    now = timezone.now() + datetime.timedelta(**delta)
    return mock.patch.object(timezone, "now", return_value=now)


def session_cookie(client):
    return client.cookies[settings.SESSION_COOKIE_NAME].value


def test_sessions_last_at_most_twelve_hours():
    assert settings.SESSION_MAX_HOURS == 12


def test_a_therapist_active_all_day_is_signed_out_twelve_hours_after_signing_in(as_alice):
    # A page every 20 minutes keeps the idle timeout away; the twelfth hour still ends it.
    for step in range(1, 36):
        with later(minutes=20 * step):
            assert as_alice.get("/clients/").status_code == 200, step
    with later(hours=12, minutes=1):
        response = as_alice.get("/clients/")
    assert response.status_code == 302
    assert response["Location"].startswith("/login/")
    assert not Session.objects.filter(session_key=as_alice.cookies.get("sessionid")).exists()


@pytest.mark.parametrize("hours", ["0", "-1"])
def test_a_max_session_shorter_than_an_hour_refuses_to_start(hours):
    from tests.test_settings import STRONG_SECRET, run_django

    result = run_django(
        ["check"],
        DJANGO_SECRET_KEY=STRONG_SECRET,
        DJANGO_SESSION_MAX_HOURS=hours,
        DJANGO_ALLOW_CONSOLE_EMAIL="true",
    )
    assert result.returncode != 0
    assert "DJANGO_SESSION_MAX_HOURS must be at least 1" in result.stderr


def test_the_session_key_changes_when_the_code_passes_and_the_old_one_is_dead(client, as_alice):
    device, _ = enrol(as_alice)
    client.post("/logout/")
    client.post("/login/", {"username": "alice", "password": PASSWORD})
    password_step = session_cookie(client)
    response = client.post("/account/two-factor/verify/", {"code": code_for(device, 1)})
    assert response.status_code == 302
    verified = session_cookie(client)
    assert verified != password_step
    assert client.get("/clients/").status_code == 200
    assert not Session.objects.filter(session_key=password_step).exists()

    # Whoever held the password step's cookie gets nothing: not a staff page, not the code.
    client.cookies[settings.SESSION_COOKIE_NAME] = password_step
    stale = client.get("/clients/")
    assert stale.status_code == 302 and stale["Location"].startswith("/login/")


def test_enrolling_also_changes_the_session_key(as_alice):
    as_alice.get("/")
    before = session_cookie(as_alice)
    enrol(as_alice)
    assert session_cookie(as_alice) != before
    assert as_alice.get("/clients/").status_code == 200
