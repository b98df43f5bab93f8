"""`/health/`: what a load balancer or compose's healthcheck asks every few seconds."""

import socket

import pytest
from django.test import override_settings

from audit.models import Event
from tests.test_settings import STRONG_SECRET, run_django


@pytest.mark.django_db
def test_health_answers_ok_with_the_database_reachable(client, django_assert_num_queries):
    with django_assert_num_queries(1):
        response = client.get("/health/")
    assert response.status_code == 200
    assert response.content == b"ok\n"
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert "no-store" in response["Cache-Control"]


@pytest.mark.django_db
def test_health_starts_no_session_and_leaves_no_audit_event(client, alice):
    client.force_login(alice)
    events = Event.objects.count()
    response = client.get("/health/")
    assert response.status_code == 200
    assert "sessionid" not in response.cookies  # not renewed, not started
    assert Event.objects.count() == events


@pytest.mark.django_db
@override_settings(ALLOWED_HOSTS=["intake.example.com"], SECURE_SSL_REDIRECT=True)
def test_health_answers_plain_http_by_any_address(client):
    """A health check comes from inside the network, by the server's own address and over
    plain http: neither the host check (400) nor the HTTPS redirect (301) stands in the way."""
    response = client.get("/health/", HTTP_HOST="10.0.0.7:8000")
    assert response.status_code == 200
    page = client.get("/login/", HTTP_HOST="10.0.0.7:8000")
    assert page.status_code == 400  # every other page still checks the host


def _closed_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_health_answers_503_when_the_database_cannot_be_reached():
    """A real app process whose PostgreSQL address answers nobody (a port just closed)."""
    result = run_django(
        [
            "shell",
            "-c",
            "from django.test import Client; r = Client().get('/health/'); "
            "print(r.status_code, r.content.decode().strip())",
        ],
        DJANGO_SECRET_KEY=STRONG_SECRET,
        DJANGO_EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
        DATABASE_URL=f"postgres://nobody@127.0.0.1:{_closed_port()}/intake?connect_timeout=3",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "503 database unreachable"
