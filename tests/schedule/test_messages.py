"""The emails a booking sends on its own: when each is due, that a cancel or a move
supersedes it, that none goes out twice, that none says a health word, and the opt-out."""

import re
from datetime import timedelta

import icalendar
import pytest
from django.conf import settings
from django.core import mail
from django.utils import timezone

from intake.models import Intake
from messaging.models import Message
from messaging.selectors import messages_for_topic
from messaging.services import messages_deliver_due
from schedule import messages, services
from schedule.models import Appointment
from tests.factories import (
    AppointmentTypeFactory,
    book,
    make_submitted_intake,
    next_weekday,
    open_every_day,
)
from tests.messaging.health_words import health_words_in_email

Status = Message.Status


@pytest.fixture
def toronto(practice):
    practice.time_zone = "America/Toronto"
    practice.website = "https://harbour.example"
    practice.save()
    return practice


@pytest.fixture
def first_visit(toronto):
    return AppointmentTypeFactory(
        practice=toronto, name="Prenatal first visit", kind="first_visit", duration_minutes=75
    )


@pytest.fixture
def return_visit(toronto):
    return AppointmentTypeFactory(practice=toronto, name="Massage", kind="return")


@pytest.fixture
def open_alice(alice, toronto):
    open_every_day(alice)
    return alice


@pytest.fixture
def start():
    # A Wednesday at 10:00 in Toronto, at least a week ahead.
    return next_weekday(2, at="10:00", zone="America/Toronto")


def _kinds(appointment, status=None):
    rows = messages_for_topic(appointment.topic)
    if status:
        rows = rows.filter(status=status)
    return [(m.kind, m.due_at) for m in rows]


def _deliver(at):
    return messages_deliver_due(now=at)


def _to_client():
    """The emails sent to the client (the therapist is also told of a submitted intake)."""
    return [m for m in mail.outbox if m.to == ["zoe.nunez@example.com"]]


def _assert_clean(email):
    assert health_words_in_email(email) == [], email.subject + "\n" + email.body


def test_a_new_client_s_booking_queues_confirmation_intake_link_and_reminder(
    open_alice, alice_client, first_visit, start
):
    before = timezone.now()
    appointment = book(alice_client, first_visit, start)
    queued = {kind: due for kind, due in _kinds(appointment)}
    rows = messages_for_topic(appointment.topic)
    assert sorted(m.kind for m in rows) == sorted(
        [messages.CONFIRMATION, messages.INTAKE_LINK, messages.INTAKE_LINK, messages.REMINDER]
    )
    assert before <= queued[messages.CONFIRMATION] <= timezone.now()
    link_dues = sorted(m.due_at for m in rows if m.kind == messages.INTAKE_LINK)
    assert link_dues[0] <= timezone.now()
    assert link_dues[1] == start - timedelta(hours=48)
    assert queued[messages.REMINDER] == start - timedelta(hours=24)
    assert all(m.recipient == "zoe.nunez@example.com" for m in rows)


def test_the_confirmation_and_the_link_go_out_at_booking_once(
    open_alice, alice_client, first_visit, start, client
):
    appointment = book(alice_client, first_visit, start)
    summary = _deliver(timezone.now())
    assert summary["sent"] == 2
    confirmation, link = sorted(mail.outbox, key=lambda m: "questionnaire" in m.subject)
    assert confirmation.subject == "Appointment booked at Harbour Massage Clinic"
    assert confirmation.to == ["zoe.nunez@example.com"]
    assert confirmation.reply_to == ["desk@harbour.example"]
    local = start.astimezone(start.tzinfo)
    assert f"at 10:00 ({local:%Z})" in confirmation.body
    assert f"{local:%A} {local.day} {local:%B %Y}" in confirmation.body
    assert "1 Quay Street, Port Town, PT1 1AA" in confirmation.body
    # The type's name ("Prenatal ...") is not in any email.
    for email in (confirmation, link):
        _assert_clean(email)
        assert "Prenatal" not in email.body
    # The calendar file: the right instant, no health detail.
    ((name, content, mimetype),) = confirmation.attachments
    assert (name, mimetype) == ("appointment.ics", "text/calendar")
    event = icalendar.Calendar.from_ical(content).walk("VEVENT")[0]
    assert event.decoded("dtstart") == appointment.start
    assert str(event["summary"]) == "Appointment at Harbour Massage Clinic"
    # The emailed link opens the questionnaire.
    url = re.search(r"https?://\S+/intake/f/\S+", link.body).group(0)
    opened = client.get(url.removeprefix(settings.SITE_URL), follow=True)
    assert opened.status_code == 200
    assert Intake.objects.get(client=alice_client).sent_to_email == "zoe.nunez@example.com"
    # Nothing goes out twice.
    assert _deliver(timezone.now())["sent"] == 0
    assert len(mail.outbox) == 2


def test_the_second_link_goes_out_48_hours_before_only_if_not_submitted(
    open_alice, alice_client, first_visit, start
):
    appointment = book(alice_client, first_visit, start)
    _deliver(timezone.now())
    mail.outbox.clear()
    assert _deliver(start - timedelta(hours=49))["sent"] == 0
    assert _deliver(start - timedelta(hours=48))["sent"] == 1
    (again,) = mail.outbox
    assert "questionnaire" in again.subject
    _assert_clean(again)
    # One link, its token renewed: the first email's link no longer opens it.
    assert Intake.objects.filter(client=alice_client).count() == 1
    assert appointment.pk


def test_a_submitted_intake_skips_the_second_link(open_alice, alice_client, first_visit, start):
    appointment = book(alice_client, first_visit, start)
    _deliver(timezone.now())
    make_submitted_intake(alice_client, {})
    mail.outbox.clear()
    _deliver(start - timedelta(hours=47))
    assert [m.subject for m in _to_client()] == []  # the reminder is not due yet either
    skipped = messages_for_topic(appointment.topic).filter(status=Status.SKIPPED)
    assert [m.kind for m in skipped] == [messages.INTAKE_LINK]


def test_a_client_with_a_recent_intake_gets_no_link_but_a_health_update_before_a_return_visit(
    open_alice, alice_client, return_visit, start
):
    make_submitted_intake(alice_client, {}, on_date=timezone.localdate() - timedelta(days=60))
    Intake.objects.filter(client=alice_client).update(
        submitted_at=timezone.now() - timedelta(days=60)
    )
    appointment = book(alice_client, return_visit, start)
    kinds = sorted(kind for kind, _ in _kinds(appointment))
    assert kinds == sorted([messages.CONFIRMATION, messages.HEALTH_UPDATE, messages.REMINDER])
    _deliver(timezone.now())
    mail.outbox.clear()
    assert _deliver(start - timedelta(hours=25))["sent"] == 0
    assert _deliver(start - timedelta(hours=24))["sent"] == 2
    update = next(m for m in mail.outbox if "changed" in m.subject)
    reminder = next(m for m in mail.outbox if "reminder" in m.subject)
    for email in (update, reminder):
        _assert_clean(email)
    assert "/intake/f/" in update.body
    assert Intake.objects.filter(client=alice_client, submitted_at__isnull=True).get().kind == (
        "update"
    )


def test_a_first_visit_client_with_a_recent_intake_gets_no_health_update(
    open_alice, alice_client, first_visit, start
):
    make_submitted_intake(alice_client, {})
    appointment = book(alice_client, first_visit, start)
    assert sorted(kind for kind, _ in _kinds(appointment)) == sorted(
        [messages.CONFIRMATION, messages.REMINDER]
    )


def test_an_intake_older_than_a_year_asks_again(open_alice, alice_client, return_visit, start):
    make_submitted_intake(alice_client, {})
    Intake.objects.filter(client=alice_client).update(submitted_at=start - timedelta(days=366))
    appointment = book(alice_client, return_visit, start)
    kinds = [kind for kind, _ in _kinds(appointment)]
    assert messages.INTAKE_LINK in kinds
    assert messages.HEALTH_UPDATE not in kinds


def test_the_reminder_goes_out_24_hours_before(open_alice, alice_client, first_visit, start):
    book(alice_client, first_visit, start)
    _deliver(timezone.now())
    mail.outbox.clear()
    _deliver(start - timedelta(hours=24, minutes=1))
    assert [m for m in mail.outbox if "reminder" in m.subject] == []
    _deliver(start - timedelta(hours=24))
    (reminder,) = [m for m in mail.outbox if "reminder" in m.subject]
    assert reminder.subject == "Appointment reminder from Harbour Massage Clinic"
    _assert_clean(reminder)
    _deliver(start - timedelta(hours=1))
    assert len([m for m in mail.outbox if "reminder" in m.subject]) == 1


def test_a_client_who_opted_out_gets_no_reminder(open_alice, alice_client, first_visit, start):
    alice_client.reminders_opt_out = True
    alice_client.save()
    appointment = book(alice_client, first_visit, start)
    assert messages.REMINDER not in [kind for kind, _ in _kinds(appointment)]
    # The confirmation and the questionnaire still go out.
    assert _deliver(timezone.now())["sent"] == 2


def test_opting_out_after_booking_skips_the_queued_reminder(
    open_alice, alice_client, first_visit, start
):
    appointment = book(alice_client, first_visit, start)
    _deliver(timezone.now())
    alice_client.reminders_opt_out = True
    alice_client.save()
    mail.outbox.clear()
    _deliver(start - timedelta(hours=24))
    assert [m for m in mail.outbox if "reminder" in m.subject] == []
    reminder = messages_for_topic(appointment.topic).get(kind=messages.REMINDER)
    assert reminder.status == Status.SKIPPED


def test_a_cancelled_appointment_supersedes_its_pending_messages(
    open_alice, alice_client, first_visit, start
):
    appointment = book(alice_client, first_visit, start)
    _deliver(timezone.now())
    services.appointment_cancel(appointment=appointment, by=open_alice)
    pending = messages_for_topic(appointment.topic).filter(status=Status.PENDING)
    assert not pending.exists()
    superseded = messages_for_topic(appointment.topic).filter(status=Status.SUPERSEDED)
    assert sorted(m.kind for m in superseded) == [messages.INTAKE_LINK, messages.REMINDER]
    assert all(m.skip_reason == "the appointment was cancelled" for m in superseded)
    mail.outbox.clear()
    _deliver(start - timedelta(hours=1))
    assert mail.outbox == []


def test_a_moved_appointment_supersedes_and_queues_for_the_new_time(
    open_alice, alice_client, first_visit, start
):
    appointment = book(alice_client, first_visit, start)
    _deliver(timezone.now())
    mail.outbox.clear()
    later = start + timedelta(days=1, hours=3)  # Thursday 13:00
    services.appointment_move(appointment=appointment, start=later, by=open_alice)
    rows = messages_for_topic(appointment.topic)
    superseded = rows.filter(status=Status.SUPERSEDED)
    assert sorted(m.kind for m in superseded) == [messages.INTAKE_LINK, messages.REMINDER]
    assert all(m.skip_reason == "the appointment was moved" for m in superseded)
    pending = {m.kind: m.due_at for m in rows.filter(status=Status.PENDING)}
    assert pending[messages.REMINDER] == later - timedelta(hours=24)
    # The new confirmation says it moved, with the new time and its calendar file.
    _deliver(timezone.now())
    moved = next(m for m in mail.outbox if m.subject.startswith("Appointment moved"))
    assert "13:00" in moved.body
    _assert_clean(moved)
    event = icalendar.Calendar.from_ical(moved.attachments[0][1]).walk("VEVENT")[0]
    assert event.decoded("dtstart") == later
    # The old reminder time passes quietly; the new one sends once.
    mail.outbox.clear()
    _deliver(start - timedelta(hours=24))
    assert [m for m in mail.outbox if "reminder" in m.subject] == []
    _deliver(later - timedelta(hours=24))
    assert len([m for m in mail.outbox if "reminder" in m.subject]) == 1


def test_moving_back_to_the_first_time_still_queues_messages(
    open_alice, alice_client, first_visit, start
):
    appointment = book(alice_client, first_visit, start)
    services.appointment_move(
        appointment=appointment, start=start + timedelta(hours=2), by=open_alice
    )
    services.appointment_move(appointment=appointment, start=start, by=open_alice)
    pending = messages_for_topic(appointment.topic).filter(status=Status.PENDING)
    assert messages.REMINDER in [m.kind for m in pending]


def test_a_no_show_supersedes_what_is_left(open_alice, alice_client, first_visit, start):
    appointment = book(alice_client, first_visit, start)
    Appointment.objects.filter(pk=appointment.pk).update(
        start=timezone.now() - timedelta(minutes=20),
        end=timezone.now() + timedelta(minutes=40),
        blocked_until=timezone.now() + timedelta(minutes=55),
    )
    services.appointment_mark(appointment=appointment, status="no_show", by=open_alice)
    assert not messages_for_topic(appointment.topic).filter(status=Status.PENDING).exists()


def test_a_message_for_an_appointment_cancelled_past_the_outbox_is_skipped(
    open_alice, alice_client, first_visit, start
):
    # Cancelled by a write that did not supersede (the admin, a shell): the builder checks.
    appointment = book(alice_client, first_visit, start)
    Appointment.objects.filter(pk=appointment.pk).update(
        status="cancelled", cancelled_at=timezone.now()
    )
    _deliver(timezone.now())
    assert mail.outbox == []
    assert set(
        messages_for_topic(appointment.topic)
        .filter(status=Status.SKIPPED)
        .values_list("kind", flat=True)
    ) == {messages.CONFIRMATION, messages.INTAKE_LINK}


def _every_due_time(appointment):
    return sorted({m.due_at for m in messages_for_topic(appointment.topic)})


@pytest.mark.parametrize("kind", ["first_visit", "return_visit"])
def test_each_message_goes_out_once_however_often_the_worker_runs(
    open_alice, alice_client, start, request, kind
):
    if kind == "return_visit":
        make_submitted_intake(alice_client, {})
        Intake.objects.filter(client=alice_client).update(
            submitted_at=timezone.now() - timedelta(days=30)
        )
    appointment = book(alice_client, request.getfixturevalue(kind), start)
    for due in _every_due_time(appointment):
        for _ in range(3):
            _deliver(due)
            _deliver(due + timedelta(minutes=1))
    rows = messages_for_topic(appointment.topic)
    assert {m.status for m in rows} == {Status.SENT}
    assert len(_to_client()) == rows.count()
    for email in mail.outbox:
        _assert_clean(email)


def test_a_cancelled_return_visit_supersedes_its_health_update(
    open_alice, alice_client, return_visit, start
):
    make_submitted_intake(alice_client, {})
    Intake.objects.filter(client=alice_client).update(
        submitted_at=timezone.now() - timedelta(days=30)
    )
    appointment = book(alice_client, return_visit, start)
    services.appointment_cancel(appointment=appointment, by=open_alice)
    update = messages_for_topic(appointment.topic).get(kind=messages.HEALTH_UPDATE)
    assert update.status == Status.SUPERSEDED
    _deliver(start - timedelta(hours=24))
    assert [m for m in mail.outbox if "changed" in m.subject] == []


def test_a_health_update_answered_this_week_is_not_asked_again(
    open_alice, alice_client, return_visit, start
):
    make_submitted_intake(alice_client, {})
    Intake.objects.filter(client=alice_client).update(
        submitted_at=timezone.now() - timedelta(days=30)
    )
    appointment = book(alice_client, return_visit, start)
    make_submitted_intake(alice_client, {})  # answered again, days before the visit
    _deliver(start - timedelta(hours=24))
    update = messages_for_topic(appointment.topic).get(kind=messages.HEALTH_UPDATE)
    assert update.status == Status.SKIPPED
    assert [m for m in mail.outbox if "changed" in m.subject] == []


def test_an_archived_client_is_sent_nothing(open_alice, alice_client, first_visit, start):
    appointment = book(alice_client, first_visit, start)
    alice_client.archived_at = timezone.now()
    alice_client.save()
    _deliver(timezone.now())
    assert mail.outbox == []
    assert {m.status for m in messages_for_topic(appointment.topic)} == {
        Status.SKIPPED,
        Status.PENDING,
    }


def test_a_client_without_an_email_address_is_skipped_quietly(
    open_alice, alice_client, first_visit, start
):
    alice_client.email = ""
    alice_client.save()
    appointment = book(alice_client, first_visit, start)
    _deliver(timezone.now())
    assert mail.outbox == []
    skipped = messages_for_topic(appointment.topic).filter(status=Status.SKIPPED)
    # The confirmation and the first questionnaire email (the second is not due yet), and
    # no link was made for an email that could not go.
    assert skipped.count() == 2
    assert not Intake.objects.filter(client=alice_client).exists()
