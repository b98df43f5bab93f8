"""Two people booking the same therapist's slot at the same moment: one booking, one clear
refusal, on SQLite and on PostgreSQL (run with DATABASE_URL set for the latter). On
PostgreSQL the database itself also refuses an overlap written past the service."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction

from clients.models import Practice
from schedule import services
from schedule.models import Appointment
from tests.factories import (
    AppointmentTypeFactory,
    ClientFactory,
    make_therapist,
    next_weekday,
    open_every_day,
)
from tests.integrity.helpers import at_once

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def setting():
    practice = Practice.objects.create(name="Harbour Massage Clinic", address="1 Quay Street")
    alice = make_therapist(practice, "alice", "Alice", "Moreau")
    open_every_day(alice)
    massage = AppointmentTypeFactory(practice=practice, duration_minutes=60, buffer_minutes=15)
    return alice, massage


def test_two_bookings_of_one_slot_at_once_make_one_appointment(setting):
    alice, massage = setting
    clients = [ClientFactory(therapist=alice) for _ in range(4)]
    start = next_weekday(0, at="10:00")
    for attempt in range(3):
        slot = start + timedelta(hours=2 * attempt)

        def booking(client, slot=slot):
            def run():
                return services.appointment_book(
                    client=client, appointment_type=massage, start=slot, booked_by=alice
                )

            return run

        results = at_once(*(booking(client) for client in clients))
        booked = [r for r in results if isinstance(r, Appointment)]
        refused = [r for r in results if isinstance(r, ValidationError)]
        assert len(booked) == 1, results
        assert len(refused) == len(clients) - 1, results
        assert all("already has an appointment" in str(r) for r in refused)
    assert Appointment.objects.count() == 3


def test_a_move_racing_a_booking_into_the_same_slot_leaves_no_overlap(setting):
    alice, massage = setting
    start = next_weekday(0, at="10:00")
    target = start + timedelta(hours=3)
    first = services.appointment_book(
        client=ClientFactory(therapist=alice),
        appointment_type=massage,
        start=start,
        booked_by=alice,
    )
    newcomer = ClientFactory(therapist=alice)
    results = at_once(
        lambda: services.appointment_move(appointment=first, start=target, by=alice),
        lambda: services.appointment_book(
            client=newcomer, appointment_type=massage, start=target, booked_by=alice
        ),
    )
    assert sum(isinstance(r, Appointment) for r in results) == 1, results
    assert sum(isinstance(r, ValidationError) for r in results) == 1, results
    held = Appointment.objects.holding_time().filter(start=target)
    assert held.count() == 1


@pytest.mark.skipif(connection.vendor != "postgresql", reason="an exclusion constraint")
def test_postgresql_refuses_an_overlap_written_past_the_service(setting):
    alice, massage = setting
    client = ClientFactory(therapist=alice)
    start = next_weekday(0, at="10:00")
    fields = dict(client=client, therapist=alice, appointment_type=massage)
    Appointment.objects.create(
        **fields,
        start=start,
        end=start + timedelta(hours=1),
        blocked_until=start + timedelta(minutes=75),
    )
    later = start + timedelta(minutes=70)  # inside the first one's buffer
    with pytest.raises(IntegrityError, match="appointment_no_overlap"), transaction.atomic():
        Appointment.objects.create(
            **fields,
            start=later,
            end=later + timedelta(hours=1),
            blocked_until=later + timedelta(hours=1),
        )
    # A cancelled appointment holds no time, in the database either.
    Appointment.objects.create(
        **fields,
        start=later,
        end=later + timedelta(hours=1),
        blocked_until=later + timedelta(hours=1),
        status="cancelled",
        cancelled_at=start,
    )
