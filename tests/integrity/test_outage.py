"""With the database down, nobody sees a traceback: the client's step answers 503 with what
they typed and a "Try again" button, staff pages a plain maintenance page."""

import html
import os
import re
import subprocess
from pathlib import Path
from unittest import mock

import pytest
from django.db import OperationalError, connection, connections
from django.urls import reverse

from intake.models import Intake
from tests.factories import PASSWORD, ClientFactory, PracticeFactory, make_therapist
from tests.intake.questionnaire import form_url, make_link, valid_post
from tests.integrity.helpers import Browser, ready_to_send

HIDDEN_RE = re.compile(r'<input type="hidden" name="([^"]+)" value="([^"]*)">')


def _about(**changes):
    return {**valid_post()["about"], "action": "next", **changes}


def test_a_step_sent_while_the_database_is_down_keeps_what_was_typed(client, alice_client):
    _, token = make_link(alice_client)
    typed = _about(physician_name="Dr. Ada Øyelaran", preferred_name="Zo <b>")
    with mock.patch(
        "intake.services._lock_for_token", side_effect=OperationalError("server closed")
    ):
        response = client.post(form_url(token, "about"), typed)

    assert response.status_code == 503
    page = html.unescape(response.content.decode())
    assert "Try again" in page
    assert "Dr. Ada Øyelaran" in page
    assert "Zo <b>" not in response.content.decode()  # escaped, shown as typed
    hidden = dict(HIDDEN_RE.findall(response.content.decode()))
    assert html.unescape(hidden["physician_name"]) == "Dr. Ada Øyelaran"
    assert token not in page.split("<form", 1)[0]  # the token is only in the form's address


def test_a_staff_page_during_an_outage_is_a_calm_503(as_alice, alice_client):
    # As a browser sees it: the error goes through Django's handling (handler500), not to the test.
    as_alice.raise_request_exception = False
    with mock.patch("clients.views.get_client_for_user", side_effect=OperationalError("down")):
        response = as_alice.get(reverse("clients:client-update", args=[alice_client.pk]))
    assert response.status_code == 503
    assert "nothing you saved is lost" in response.content.decode()
    assert "Traceback" not in response.content.decode()


def test_a_middleware_failing_during_an_outage_is_a_calm_503_too(as_alice):
    """The session is read by a middleware, before any view: the same page answers."""
    as_alice.raise_request_exception = False
    down = OperationalError("server closed the connection unexpectedly")
    with mock.patch("django.contrib.sessions.backends.db.SessionStore.load", side_effect=down):
        response = as_alice.get(reverse("dashboard:dashboard"))
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert "nothing you saved is lost" in response.content.decode()


def test_any_other_error_is_the_usual_500_page(as_alice, alice_client):
    as_alice.raise_request_exception = False
    with mock.patch("clients.views.get_client_for_user", side_effect=RuntimeError("a bug")):
        response = as_alice.get(reverse("clients:client-update", args=[alice_client.pk]))
    assert response.status_code == 500
    assert "nothing you saved is lost" not in response.content.decode()


# --- A real outage: the test's PostgreSQL server stopped and started again ----------------


def _pg_ctl(*args, check=True):
    pg_dir = os.environ["PG_DIR"]
    bin_dir = sorted(Path("/usr/lib/postgresql").glob("*/bin"))[-1]
    command = [str(bin_dir / "pg_ctl"), "-D", f"{pg_dir}/data", "-w", *args]
    if os.geteuid() == 0:
        command = ["runuser", "-u", "postgres", "--", *command]
    return subprocess.run(command, check=check, capture_output=True, timeout=60).returncode


def _start_postgres():
    pg_dir = os.environ["PG_DIR"]
    port = connection.settings_dict["PORT"]
    _pg_ctl(
        "-l",
        f"{pg_dir}/server.log",
        "-o",
        f"-c listen_addresses=127.0.0.1 -p {port} -k {pg_dir} -c fsync=off -c full_page_writes=off",
        "start",
    )


@pytest.fixture
def postgres_server():
    if connection.vendor != "postgresql" or "PG_DIR" not in os.environ:
        pytest.skip("stops the test's own PostgreSQL server (tests/postgres.sh sets PG_DIR)")
    yield lambda: _pg_ctl("-m", "fast", "stop")
    if _pg_ctl("status", check=False) != 0:  # the test failed before starting it again
        _start_postgres()
    connections.close_all()


@pytest.mark.slow  # stops and restarts the PostgreSQL server
@pytest.mark.django_db(transaction=True)
def test_postgres_stops_mid_intake_and_the_client_finishes_after(live_server, postgres_server):
    therapist = make_therapist(PracticeFactory(), "alice", "Alice", "Moreau")
    client = ClientFactory(therapist=therapist, first_name="Zoë", last_name="Núñez")
    intake, token = ready_to_send(client)
    phone = Browser(live_server.url)
    desk = Browser(live_server.url)
    desk.post_form(reverse("login"), {"username": "alice", "password": PASSWORD})
    press = phone.open_form(form_url(token, "about"))

    postgres_server()
    typed = _about(physician_name="Dr. Ada Øyelaran")
    status, page = press(typed)
    staff_status, staff_page = desk.request(reverse("dashboard:dashboard"))

    assert status == 503
    assert "Dr. Ada Øyelaran" in html.unescape(page)
    assert "Try again" in page
    assert staff_status == 503
    assert "nothing you saved is lost" in staff_page

    _start_postgres()
    connections.close_all()
    # "Try again" posts exactly what the 503 page holds.
    fields = [(name, html.unescape(value)) for name, value in HIDDEN_RE.findall(page)]
    csrf = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    action = re.search(r'<form method="post" action="([^"]+)"', page).group(1)
    status, _ = phone.request(action, [*fields, ("csrfmiddlewaretoken", csrf)])
    assert status == 200  # saved, and on to the next step
    consent = {**valid_post()["consent"], "action": "next"}
    status, thanks = phone.post_form(form_url(token, "consent"), consent)

    assert status == 200 and "Thank you" in thanks
    intake = Intake.objects.get(pk=intake.pk)
    assert intake.is_submitted
    assert intake.answers["physician_name"] == "Dr. Ada Øyelaran"
