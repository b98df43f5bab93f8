"""The token of a client's intake link never reaches a log line, and the console email
backend (which prints the links) is refused in production."""

import io
import logging
from unittest import mock

import pytest
from django.test import Client

from config.gunicorn import RedactingLogger
from config.redaction import RedactTokensFilter
from tests.intake.questionnaire import make_link
from tests.test_settings import STRONG_SECRET, run_django

TOKEN = "k3Yp-wrong-but-secret-looking-Token_123456"


@pytest.fixture
def log_output():
    """Everything the app's configured log handlers write, as one string at the end."""
    handlers = [
        handler
        for name in ("", "django.server")
        for handler in logging.getLogger(name).handlers
        if any(isinstance(f, RedactTokensFilter) for f in handler.filters)
    ]
    assert len(handlers) == 2  # console (root) and django.server
    stream = io.StringIO()
    previous = [handler.setStream(stream) for handler in handlers]
    yield stream
    for handler, old in zip(handlers, previous, strict=True):
        handler.setStream(old)


def test_a_wrong_link_404_is_logged_without_its_token(client, db, log_output):
    response = client.get(f"/intake/f/{TOKEN}/")
    assert response.status_code == 404
    output = log_output.getvalue()
    assert "Not Found: /intake/f/[redacted]/" in output
    assert TOKEN not in output


def test_a_server_error_under_a_link_is_logged_without_its_token(alice_client, log_output):
    intake, token = make_link(alice_client)
    failing = mock.patch(
        "intake.public_views._intake_for_token",
        side_effect=RuntimeError(f"database went away while serving /intake/f/{token}/"),
    )
    client = Client(raise_request_exception=False)
    with failing:
        response = client.get(f"/intake/f/{token}/about/")
    assert response.status_code == 500
    output = log_output.getvalue()
    assert "Internal Server Error: /intake/f/[redacted]/about/" in output
    assert "RuntimeError: database went away while serving /intake/f/[redacted]/" in output
    assert token not in output


def test_the_development_server_request_line_is_redacted(log_output):
    logging.getLogger("django.server").info(
        '"%s" %s %s', f"GET /intake/f/{TOKEN}/consent/ HTTP/1.1", "200", "5120"
    )
    output = log_output.getvalue()
    assert '"GET /intake/f/[redacted]/consent/ HTTP/1.1" 200 5120' in output
    assert TOKEN not in output


def test_password_reset_links_are_redacted_too(log_output):
    logging.getLogger("django.request").warning("Not Found: %s", "/account/reset/MQ/abc-123def/")
    assert "/account/reset/[redacted]/" in log_output.getvalue()
    assert "abc-123def" not in log_output.getvalue()


def test_gunicorns_access_log_is_redacted():
    from datetime import timedelta

    from gunicorn.config import Config

    logger = RedactingLogger(Config())
    environ = {
        "REQUEST_METHOD": "GET",
        "RAW_URI": f"/intake/f/{TOKEN}/?step=2",
        "PATH_INFO": f"/intake/f/{TOKEN}/",
        "QUERY_STRING": "step=2",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "HTTP_REFERER": f"https://intake.example/intake/f/{TOKEN}/about/",
    }
    response = mock.Mock(status="200 OK", sent=512, headers=[])
    atoms = logger.atoms(response, mock.Mock(headers=[]), environ, timedelta(seconds=1))
    assert atoms["r"] == "GET /intake/f/[redacted]/?step=2 HTTP/1.1"
    assert atoms["U"] == "/intake/f/[redacted]/"
    assert TOKEN not in atoms["f"]
    assert not any(TOKEN in str(value) for value in atoms.values())


def test_a_link_with_a_percent_encoded_slash_opens_the_questionnaire(alice_client):
    # Why the redaction must decode: Django decodes the path before it routes it.
    _, token = make_link(alice_client)
    response = Client().get(f"/intake/f%2F{token}/")
    assert response.status_code == 302
    assert response["Location"].startswith(f"/intake/f/{token}/")  # its first step


ENCODED_LINKS = [
    f"/intake/f%2F{TOKEN}/",
    f"/intake/f%2f{TOKEN}/about/",
    f"/intake%2Ff%2F{TOKEN}%2Fconsent%2F",
    f"/intake/f%252F{TOKEN}/",  # encoded twice
    f"/intake/f%25252F{TOKEN}/",  # three times
    f"/%69ntake/f/{TOKEN}/",
    f"/intake/f/{TOKEN[:5]}%{ord(TOKEN[5]):02X}{TOKEN[6:]}/",  # one letter of it encoded
    f"/intake/f%2F{TOKEN[:5]}%0A{TOKEN[5:]}/",  # a newline in the segment
    "/account/reset/MQ%2Fabc-123def/",
]


@pytest.mark.parametrize("path", ENCODED_LINKS)
def test_a_percent_encoded_link_is_redacted_in_gunicorns_access_log(path):
    from datetime import timedelta

    from gunicorn.config import Config

    logger = RedactingLogger(Config())
    environ = {
        "REQUEST_METHOD": "GET",
        "RAW_URI": f"{path}?step=2",
        "PATH_INFO": path,
        "QUERY_STRING": "step=2",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "HTTP_REFERER": f"https://intake.example{path}",
    }
    response = mock.Mock(status="200 OK", sent=512, headers=[])
    atoms = logger.atoms(response, mock.Mock(headers=[]), environ, timedelta(seconds=1))
    for value in atoms.values():
        assert TOKEN[6:] not in str(value) and "abc-123def" not in str(value)
        assert "\n" not in str(value)
    assert "[redacted]" in atoms["r"] and "[redacted]" in atoms["f"]


def test_the_development_servers_encoded_request_line_is_redacted(log_output):
    logging.getLogger("django.server").info(
        '"%s" %s %s', f"GET /intake/f%2F{TOKEN}/consent/ HTTP/1.1", "200", "5120"
    )
    assert '"GET /intake/f/[redacted]/consent/ HTTP/1.1" 200 5120' in log_output.getvalue()


def test_other_encoded_text_is_left_as_it_was(log_output):
    logging.getLogger("django.server").info('"%s" %s', "GET /clients/?q=Zo%C3%AB HTTP/1.1", "200")
    assert "/clients/?q=Zo%C3%AB" in log_output.getvalue()


def test_the_docker_image_runs_gunicorn_with_the_redacting_config():
    from tests.test_settings import REPO

    dockerfile = (REPO / "Dockerfile").read_text()
    assert "gunicorn -c python:config.gunicorn config.wsgi" in dockerfile
    assert "--access-logfile" not in dockerfile


def test_production_refuses_the_console_email_backend():
    result = run_django(["check"], DJANGO_SECRET_KEY=STRONG_SECRET)
    assert result.returncode != 0
    assert "DJANGO_EMAIL_BACKEND is the console backend" in result.stderr
    assert "DJANGO_ALLOW_CONSOLE_EMAIL=true" in result.stderr


def test_the_console_email_backend_can_be_allowed_with_a_warning():
    result = run_django(
        ["check"], DJANGO_SECRET_KEY=STRONG_SECRET, DJANGO_ALLOW_CONSOLE_EMAIL="true"
    )
    assert result.returncode == 0, result.stderr
    assert "emails, with their private links, are printed" in result.stderr


def test_debugging_keeps_the_console_email_backend():
    result = run_django(["check"], DJANGO_DEBUG="true")
    assert result.returncode == 0, result.stderr
    assert "printed" not in result.stderr
