"""A therapist's private calendar feed: a secret address (only its hash stored), revocable,
showing "Appointment" and initials only; every fetch is in the audit trail."""

import re

import icalendar
import pytest
from django.urls import reverse

from audit.models import Event
from schedule.models import CalendarFeed, hash_feed_token
from schedule.services import calendar_feed_create
from tests.factories import AppointmentTypeFactory, book, next_weekday, open_every_day
from tests.messaging.health_words import health_words_in


@pytest.fixture
def booked(alice, alice_client, practice):
    open_every_day(alice)
    kind = AppointmentTypeFactory(practice=practice, name="Prenatal massage")
    return book(alice_client, kind, next_weekday(0))


def _feed_path(url):
    return re.sub(r"^https?://[^/]+", "", url)


def test_the_address_is_shown_once_and_only_its_hash_is_stored(as_alice, alice):
    response = as_alice.post(reverse("schedule:feed-settings"), {"action": "create"})
    url = response.context["url"]
    token = re.search(r"/feed/([^/]+)\.ics$", url).group(1)
    feed = CalendarFeed.objects.get(therapist=alice)
    assert feed.token_hash == hash_feed_token(token)
    assert token not in str(CalendarFeed.objects.values_list().get())
    again = as_alice.get(reverse("schedule:feed-settings"))
    assert again.context["url"] is None and token not in again.content.decode()


def test_the_feed_shows_appointment_and_initials_only(client, alice, booked):
    _, token = calendar_feed_create(therapist=alice)
    response = client.get(reverse("schedule:feed", kwargs={"token": token}))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    body = response.content.decode()
    (event,) = icalendar.Calendar.from_ical(response.content).walk("VEVENT")
    assert str(event["summary"]) == "Appointment (Z.N.)"
    assert event.decoded("dtstart") == booked.start
    for secret in ("Zoë", "Núñez", "zoe.nunez", "Prenatal", "Harbour"):
        assert secret not in body
    assert health_words_in(body) == []


def test_every_fetch_is_audited(client, alice, booked):
    feed, token = calendar_feed_create(therapist=alice)
    client.get(reverse("schedule:feed", kwargs={"token": token}))
    client.get(reverse("schedule:feed", kwargs={"token": token}))
    fetches = Event.objects.filter(object_type="schedule.calendarfeed", object_pk=str(feed.pk))
    assert fetches.filter(action="view").count() == 2
    feed.refresh_from_db()
    assert feed.last_fetched_at is not None


def test_a_revoked_or_replaced_address_stops_working(as_alice, client, alice, booked):
    _, first = calendar_feed_create(therapist=alice)
    _, second = calendar_feed_create(therapist=alice)
    assert client.get(reverse("schedule:feed", kwargs={"token": first})).status_code == 404
    assert client.get(reverse("schedule:feed", kwargs={"token": second})).status_code == 200
    as_alice.post(reverse("schedule:feed-settings"), {"action": "revoke"})
    assert client.get(reverse("schedule:feed", kwargs={"token": second})).status_code == 404
    assert CalendarFeed.objects.filter(therapist=alice, revoked_at=None).count() == 0


def test_a_made_up_address_is_a_404(client, db):
    response = client.get(reverse("schedule:feed", kwargs={"token": "x" * 43}))
    assert response.status_code == 404


def test_the_feed_holds_only_the_therapist_s_own_appointments(client, alice, bob, booked):
    _, token = calendar_feed_create(therapist=bob)
    body = client.get(reverse("schedule:feed", kwargs={"token": token})).content
    assert icalendar.Calendar.from_ical(body).walk("VEVENT") == []
