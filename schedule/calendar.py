"""iCalendar files: one appointment for the client's email, a therapist's private feed.

Neither says more than an email may: "Appointment", the time, the practice's name and
address; the feed names the client by initials only.
"""

from datetime import timedelta

import icalendar
from django.conf import settings
from django.utils import timezone

PRODID = "-//Massage intake//Schedule//EN"


def _uid(appointment):
    host = settings.SITE_URL.split("://", 1)[-1].split("/", 1)[0] or "localhost"
    return f"appointment-{appointment.pk}@{host}"


def _calendar(name=None):
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    if name:
        calendar.add("x-wr-calname", name)
    return calendar


def _event(appointment, *, summary, location="", cancelled=False):
    event = icalendar.Event()
    event.add("uid", _uid(appointment))
    event.add("dtstamp", timezone.now())
    event.add("dtstart", appointment.start)
    event.add("dtend", appointment.end)
    event.add("summary", summary)
    if location:
        event.add("location", location)
    # A moved appointment is the same event with a later revision, so a calendar app
    # updates it instead of adding a second one.
    event.add("sequence", int(appointment.updated_at.timestamp()) if appointment.updated_at else 0)
    event.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    return event


def appointment_ics(appointment, practice):
    """The .ics attached to a client's confirmation: "Appointment at <practice>"."""
    calendar = _calendar()
    calendar.add_component(
        _event(
            appointment,
            summary=f"Appointment at {practice.name}" if practice else "Appointment",
            location=practice.address_line if practice else "",
        )
    )
    return calendar.to_ical()


def initials(client):
    first = (client.preferred_name or client.first_name or "").strip()[:1]
    last = (client.last_name or "").strip()[:1]
    return f"{first}.{last}.".upper() if first or last else ""


# How far back and ahead a feed reaches.
FEED_PAST = timedelta(days=30)
FEED_AHEAD = timedelta(days=180)


def feed_ics(appointments, *, name):
    """A therapist's feed: every appointment as "Appointment" and the client's initials."""
    calendar = _calendar(name)
    for appointment in appointments:
        calendar.add_component(
            _event(
                appointment,
                summary=f"Appointment ({initials(appointment.client)})",
                cancelled=appointment.status == appointment.Status.CANCELLED,
            )
        )
    return calendar.to_ical()
