"""Every signed-in page renews the session (the idle timeout) in one UPDATE, not in a
transaction of its own (accounts.sessions)."""

import pytest
from django.contrib.sessions.backends.base import UpdateError
from django.contrib.sessions.models import Session
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.sessions import SessionStore


def test_a_page_renews_the_session_in_one_statement(as_alice):
    before = Session.objects.get().expire_date
    with CaptureQueriesContext(connection) as captured:
        assert as_alice.get(reverse("dashboard:dashboard")).status_code == 200
    writes = [q["sql"] for q in captured if "django_session" in q["sql"] and "UPDATE" in q["sql"]]
    assert len(writes) == 1
    assert not [q for q in captured if "SAVEPOINT" in q["sql"]]
    assert Session.objects.get().expire_date >= before


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
