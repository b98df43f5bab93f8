"""Every signed-in page renews the session (the idle timeout) in one UPDATE, not in a
transaction of its own, and an unchanged session at most once a minute (accounts.sessions)."""

import datetime
from unittest import mock

import pytest
from django.contrib.sessions.backends.base import UpdateError
from django.contrib.sessions.models import Session
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accounts.sessions import SessionStore


def later(**delta):
    """The clock moved on by `delta` (the session store and Django's read the same clock)."""
    now = timezone.now() + datetime.timedelta(**delta)
    return mock.patch.object(timezone, "now", return_value=now)


def session_writes(captured):
    return [q["sql"] for q in captured if "django_session" in q["sql"] and "UPDATE" in q["sql"]]


def test_a_page_renews_the_session_in_one_statement(as_alice):
    before = Session.objects.get().expire_date
    with later(minutes=2), CaptureQueriesContext(connection) as captured:
        assert as_alice.get(reverse("dashboard:dashboard")).status_code == 200
    assert len(session_writes(captured)) == 1
    assert not [q for q in captured if "SAVEPOINT" in q["sql"]]
    assert Session.objects.get().expire_date >= before + datetime.timedelta(minutes=2)


def test_pages_within_a_minute_of_the_last_renewal_write_nothing(as_alice):
    with later(seconds=30), CaptureQueriesContext(connection) as captured:
        assert as_alice.get(reverse("dashboard:dashboard")).status_code == 200
        assert as_alice.get(reverse("clients:client-list")).status_code == 200
    assert session_writes(captured) == []


def test_a_therapist_reading_page_after_page_stays_signed_in(as_alice):
    """Each renewal moves the idle timeout: 20 minutes apart, ten times, is still signed in."""
    for step in range(1, 11):
        with later(minutes=20 * step):
            assert as_alice.get(reverse("clients:client-list")).status_code == 200


def test_a_changed_session_is_written_at_once(as_alice):
    """What a page puts in the session (a message, a two-factor step) is never held back."""
    session = as_alice.session
    session["note"] = "kept"
    session.save()
    store = SessionStore(session_key=session.session_key)
    store.load()
    store["note"] = "changed"
    with CaptureQueriesContext(connection) as captured:
        store.save()
    assert len(session_writes(captured)) == 1
    assert SessionStore(session_key=session.session_key)["note"] == "changed"


@pytest.mark.django_db
def test_a_session_deleted_meanwhile_is_not_written_again():
    store = SessionStore()
    store["answer"] = 42
    store.save()
    Session.objects.filter(session_key=store.session_key).delete()
    store["answer"] = 43
    with pytest.raises(UpdateError):
        store.save()
    assert not Session.objects.exists()


@pytest.mark.django_db
def test_a_new_session_is_created_and_read_back():
    store = SessionStore()
    store["answer"] = 42
    store.save()
    assert SessionStore(session_key=store.session_key)["answer"] == 42


def test_a_session_past_its_expiry_signs_the_user_out(as_alice):
    """The store reads the row by its key and compares the expiry itself: a row the
    cleanup has not deleted yet still signs no one in."""
    Session.objects.update(expire_date=timezone.now() - datetime.timedelta(seconds=1))
    response = as_alice.get(reverse("clients:client-list"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


@pytest.mark.django_db
def test_an_unknown_session_key_gets_a_new_key_when_saved():
    store = SessionStore(session_key="x" * 32)
    assert store.load() == {}
    store["answer"] = 42
    store.save()
    assert store.session_key != "x" * 32
    assert SessionStore(session_key=store.session_key)["answer"] == 42
