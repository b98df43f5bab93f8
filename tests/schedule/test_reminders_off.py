"""A client stops appointment reminders with the link at the foot of a reminder, or the
therapist or front desk ticks the box on the client's form; the next reminder is not sent."""

import re
from datetime import timedelta

import pytest
from django.conf import settings
from django.core import mail
from django.urls import reverse

from clients.models import Client, Therapist
from config.redaction import redact
from messaging.selectors import messages_for_topic
from messaging.services import messages_deliver_due
from schedule import messages
from tests.factories import AppointmentTypeFactory, book, next_weekday
from tests.factories import open_every_day as open_all_week

pytestmark = pytest.mark.django_db


@pytest.fixture
def appointment(alice, alice_client, practice):
    open_all_week(alice)
    kind = AppointmentTypeFactory(practice=practice, kind="return")
    return book(alice_client, kind, next_weekday(2, at="10:00"))


def _reminder_link(appointment):
    messages_deliver_due(now=appointment.start - timedelta(hours=23))
    reminder = next(m for m in mail.outbox if "reminder" in m.subject.lower())
    url = re.search(r"https?://\S+/schedule/reminders-off/\S+/", reminder.body).group(0)
    return url.replace(settings.SITE_URL, "")


def test_the_link_in_a_reminder_stops_the_next_ones(client, appointment, alice_client):
    path = _reminder_link(appointment)

    page = client.get(path)
    assert page.status_code == 200
    text = page.content.decode()
    assert "Stop appointment reminders?" in text
    # Whoever holds the link learns nothing about the client.
    assert alice_client.first_name not in text and alice_client.last_name not in text

    done = client.post(path)
    assert "Reminders are off" in done.content.decode()
    alice_client.refresh_from_db()
    assert alice_client.reminders_opt_out

    # A second appointment's reminder is skipped; its confirmation still goes.
    mail.outbox.clear()
    kind = appointment.appointment_type
    later = book(alice_client, kind, next_weekday(4, at="10:00"))
    messages_deliver_due(now=later.start - timedelta(hours=23))
    assert [m for m in mail.outbox if "reminder" in m.subject.lower()] == []
    assert messages.REMINDER not in messages_for_topic(later.topic).values_list("kind", flat=True)


def test_a_tampered_link_changes_nothing(client, appointment, alice_client):
    path = _reminder_link(appointment)
    token = path.split("/")[-2]
    forged = path.replace(token, token[:-2] + ("xx" if not token.endswith("xx") else "yy"))

    response = client.post(forged)

    assert response.status_code == 404
    assert "This link doesn’t work" in response.content.decode()
    assert not Client.objects.filter(reminders_opt_out=True).exists()


@pytest.mark.parametrize("role", [Therapist.Role.THERAPIST, Therapist.Role.FRONT_DESK])
def test_staff_tick_the_box_on_the_clients_form(client, alice, alice_client, role):
    Therapist.objects.filter(user=alice).update(role=role)
    client.force_login(alice)
    url = reverse("clients:client-update", args=[alice_client.pk])
    form = client.get(url).content.decode()
    assert "No appointment reminders by email" in form

    fields = {
        "first_name": alice_client.first_name,
        "last_name": alice_client.last_name,
        "email": alice_client.email,
        "reminders_opt_out": "on",
    }
    key = re.search(r'name="submission_key" value="([^"]+)"', form)
    if key:
        fields["submission_key"] = key.group(1)
    client.post(url, fields)

    alice_client.refresh_from_db()
    assert alice_client.reminders_opt_out


def test_the_secret_links_of_the_schedule_never_reach_a_log():
    line = redact(
        '"GET /schedule/feed/AbC123secret.ics HTTP/1.1" 200 / '
        '"GET /schedule/reminders-off/MTI:1abc:xyz/ HTTP/1.1" 200'
    )
    assert "AbC123secret" not in line and "MTI:1abc:xyz" not in line
    assert line.count("[redacted]") == 2
