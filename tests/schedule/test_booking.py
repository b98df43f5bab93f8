"""Booking, moving, cancelling and marking appointments, through the services."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from audit.models import Event
from clients.models import Therapist
from schedule import services
from schedule.models import Appointment
from tests.factories import (
    AppointmentTypeFactory,
    ClientFactory,
    book,
    make_therapist,
    next_weekday,
    open_every_day,
)


@pytest.fixture
def massage(practice):
    return AppointmentTypeFactory(practice=practice, name="Massage", duration_minutes=60)


@pytest.fixture
def open_alice(alice):
    open_every_day(alice)
    return alice


def test_a_booking_takes_the_type_s_length_and_holds_its_buffer(open_alice, alice_client, massage):
    start = next_weekday(0, at="10:00")
    appointment = book(alice_client, massage, start)
    assert appointment.therapist == open_alice
    assert appointment.end == start + timedelta(minutes=60)
    assert appointment.blocked_until == start + timedelta(minutes=75)
    assert appointment.status == Appointment.Status.BOOKED


def test_the_same_slot_cannot_be_booked_twice(open_alice, alice_client, massage):
    start = next_weekday(0, at="10:00")
    book(alice_client, massage, start)
    other = ClientFactory(therapist=open_alice)
    with pytest.raises(ValidationError) as refused:
        book(other, massage, start + timedelta(minutes=30))
    assert "already has an appointment" in str(refused.value.message_dict["start"])
    assert Appointment.objects.count() == 1


def test_the_buffer_after_an_appointment_cannot_be_booked(open_alice, alice_client, massage):
    start = next_weekday(0, at="10:00")
    book(alice_client, massage, start)
    other = ClientFactory(therapist=open_alice)
    with pytest.raises(ValidationError):
        book(other, massage, start + timedelta(minutes=70))  # inside 11:00-11:15
    assert book(other, massage, start + timedelta(minutes=75))  # right after the buffer


def test_a_booking_may_not_end_inside_the_next_one_s_time(open_alice, alice_client, massage):
    start = next_weekday(0, at="11:00")
    book(alice_client, massage, start)
    other = ClientFactory(therapist=open_alice)
    with pytest.raises(ValidationError):
        book(other, massage, start - timedelta(minutes=60))  # its buffer runs into 11:00
    assert book(other, massage, start - timedelta(minutes=75))


def test_two_therapists_can_have_the_same_slot(open_alice, alice_client, massage, bob):
    open_every_day(bob)
    start = next_weekday(0, at="10:00")
    book(alice_client, massage, start)
    assert book(ClientFactory(therapist=bob), massage, start).therapist == bob


def test_a_cancelled_or_missed_slot_can_be_booked_again(open_alice, alice_client, massage):
    start = next_weekday(0, at="10:00")
    first = book(alice_client, massage, start)
    services.appointment_cancel(appointment=first, by=open_alice, reason="Client is unwell")
    second = book(ClientFactory(therapist=open_alice), massage, start)
    assert second.pk != first.pk
    first.refresh_from_db()
    assert first.status == Appointment.Status.CANCELLED
    assert first.cancelled_at is not None
    assert first.cancellation_reason == "Client is unwell"


def test_outside_working_hours_is_refused_with_a_message(open_alice, alice_client, massage):
    with pytest.raises(ValidationError) as refused:
        book(alice_client, massage, next_weekday(0, at="16:30"))  # would end at 17:30
    assert "outside Alice Moreau's working hours" in refused.value.message_dict["start"][0]


def test_a_therapist_without_hours_cannot_be_booked(alice, alice_client, massage):
    with pytest.raises(ValidationError):
        book(alice_client, massage, next_weekday(0, at="10:00"))


def test_time_off_is_refused_with_a_message(open_alice, alice_client, massage):
    start = next_weekday(2, at="10:00")
    services.time_off_add(
        therapist=open_alice, start=start - timedelta(days=1), end=start + timedelta(days=2)
    )
    with pytest.raises(ValidationError) as refused:
        book(alice_client, massage, start)
    assert "is away from" in refused.value.message_dict["start"][0]


def test_the_past_is_refused(open_alice, alice_client, massage):
    with pytest.raises(ValidationError):
        book(alice_client, massage, next_weekday(0, at="10:00", weeks_ahead=-2))


def test_an_inactive_type_is_refused(open_alice, alice_client, massage):
    massage.active = False
    massage.save()
    with pytest.raises(ValidationError) as refused:
        book(alice_client, massage, next_weekday(0))
    assert "appointment_type" in refused.value.message_dict


def test_another_practice_s_type_is_refused(open_alice, alice_client):
    elsewhere = AppointmentTypeFactory()
    with pytest.raises(ValidationError):
        book(alice_client, elsewhere, next_weekday(0))


def test_the_same_form_posted_twice_books_once(open_alice, alice_client, massage):
    start = next_weekday(0, at="10:00")
    kwargs = dict(
        client=alice_client,
        appointment_type=massage,
        start=start,
        booked_by=open_alice,
        submission_key="k" * 24,
    )
    first = services.appointment_book(**kwargs)
    second = services.appointment_book(**kwargs)
    assert first.pk == second.pk
    assert Appointment.objects.count() == 1


def test_moving_checks_the_new_slot_but_not_against_itself(open_alice, alice_client, massage):
    start = next_weekday(0, at="10:00")
    appointment = book(alice_client, massage, start)
    moved = services.appointment_move(
        appointment=appointment, start=start + timedelta(minutes=30), by=open_alice
    )
    assert moved.start == start + timedelta(minutes=30)
    other = book(ClientFactory(therapist=open_alice), massage, start + timedelta(hours=3))
    with pytest.raises(ValidationError):
        services.appointment_move(appointment=appointment, start=other.start, by=open_alice)
    appointment.refresh_from_db()
    assert appointment.start == start + timedelta(minutes=30)


def test_a_cancelled_appointment_cannot_be_moved(open_alice, alice_client, massage):
    appointment = book(alice_client, massage, next_weekday(0))
    services.appointment_cancel(appointment=appointment, by=open_alice)
    with pytest.raises(ValidationError):
        services.appointment_move(appointment=appointment, start=next_weekday(1), by=open_alice)


def test_marks_follow_the_day(open_alice, alice_client, massage):
    appointment = book(alice_client, massage, next_weekday(0))
    services.appointment_mark(appointment=appointment, status="confirmed", by=open_alice)
    assert appointment.status == "confirmed"
    with pytest.raises(ValidationError):
        services.appointment_mark(appointment=appointment, status="arrived", by=open_alice)
    with pytest.raises(ValidationError):
        services.appointment_mark(appointment=appointment, status="no_show", by=open_alice)
    # On the day (the appointment moved into the past by hand, as time would):
    Appointment.objects.filter(pk=appointment.pk).update(
        start=appointment.start - timedelta(days=14),
        end=appointment.end - timedelta(days=14),
        blocked_until=appointment.blocked_until - timedelta(days=14),
    )
    services.appointment_mark(appointment=appointment, status="arrived", by=open_alice)
    services.appointment_mark(appointment=appointment, status="completed", by=open_alice)
    assert Appointment.objects.get(pk=appointment.pk).status == "completed"
    with pytest.raises(ValidationError):
        services.appointment_mark(appointment=appointment, status="no_show", by=open_alice)


def test_the_front_desk_cannot_mark_a_session_completed(
    open_alice, alice_client, massage, practice
):
    desk = make_therapist(practice, "frank", "Frank", "Desk")
    Therapist.objects.filter(user=desk).update(role=Therapist.Role.FRONT_DESK)
    desk.refresh_from_db()
    desk = type(desk).objects.get(pk=desk.pk)
    appointment = book(alice_client, massage, next_weekday(0), by=desk)
    with pytest.raises(PermissionDenied):
        services.appointment_mark(appointment=appointment, status="completed", by=desk)
    services.appointment_mark(appointment=appointment, status="confirmed", by=desk)
    assert appointment.booked_by == desk


def test_every_change_is_in_the_audit_trail(open_alice, alice_client, massage):
    appointment = book(alice_client, massage, next_weekday(0))
    services.appointment_move(
        appointment=appointment, start=appointment.start + timedelta(hours=1), by=open_alice
    )
    services.appointment_cancel(appointment=appointment, by=open_alice, reason="Unwell")
    events = Event.objects.filter(object_type="schedule.appointment", object_pk=str(appointment.pk))
    actions = sorted(event.action for event in events)
    assert actions == ["change", "change", "create"]
    assert all(event.client_pk == alice_client.pk for event in events)
    cancel = events.filter(changes__has_key="cancelled_at").get()
    assert cancel.changes["status"] == ["booked", "cancelled"]
