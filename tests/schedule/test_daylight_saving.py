"""Working hours and bookings across daylight-saving changes, in America/Toronto.

A weekly 9:00 rule is 9:00 on the wall clock on both sides of each change (the UTC instant
moves by an hour). A time the clocks skip in March is refused with a message; a time that
happens twice in November is read as the first of the two (still daylight time).
Next year's changes are used, so the dates are always ahead of today.
"""

import datetime
import zoneinfo

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from schedule import hours, services
from tests.factories import AppointmentTypeFactory, ClientFactory, open_every_day

TORONTO = zoneinfo.ZoneInfo("America/Toronto")
UTC = datetime.UTC


def _nth_sunday(year, month, n):
    first = datetime.date(year, month, 1)
    return first + datetime.timedelta(days=(6 - first.weekday()) % 7 + 7 * (n - 1))


YEAR = timezone.localdate().year + 1
SPRING = _nth_sunday(YEAR, 3, 2)  # second Sunday of March, 2:00 -> 3:00
AUTUMN = _nth_sunday(YEAR, 11, 1)  # first Sunday of November, 2:00 -> 1:00


@pytest.fixture
def toronto(practice):
    practice.time_zone = "America/Toronto"
    practice.save()
    return practice


@pytest.fixture
def massage(toronto):
    return AppointmentTypeFactory(practice=toronto, duration_minutes=60, buffer_minutes=0)


def _rule(weekday, start, end):
    from schedule.models import WorkingHours

    return WorkingHours(
        weekday=weekday,
        start_time=datetime.time.fromisoformat(start),
        end_time=datetime.time.fromisoformat(end),
        valid_from=datetime.date(YEAR, 1, 1),
    )


@pytest.mark.parametrize("change", [SPRING, AUTUMN], ids=["march", "november"])
def test_a_weekly_nine_o_clock_stays_nine_o_clock_across_the_change(change):
    rules = [_rule(day, "09:00", "17:00") for day in range(7)]
    found = hours.openings(
        rules, change - datetime.timedelta(days=3), change + datetime.timedelta(days=3), TORONTO
    )
    assert len(found) == 7
    assert {o.start.astimezone(TORONTO).time() for o in found} == {datetime.time(9)}
    assert {o.end.astimezone(TORONTO).time() for o in found} == {datetime.time(17)}
    # In UTC the start moves by an hour at the change.
    before = [o.start.astimezone(UTC).hour for o in found if o.start.date() < change]
    after = [o.start.astimezone(UTC).hour for o in found if o.start.date() > change]
    if change == SPRING:
        assert set(before) == {14} and set(after) == {13}
    else:
        assert set(before) == {13} and set(after) == {14}


@pytest.mark.parametrize("change", [SPRING, AUTUMN], ids=["march", "november"])
def test_a_booking_at_nine_on_the_monday_after_the_change_is_nine_local(
    alice, alice_client, massage, change
):
    open_every_day(alice, "09:00", "17:00", valid_from=datetime.date(YEAR, 1, 1))
    monday = change + datetime.timedelta(days=1)
    start = hours.local_to_utc(datetime.datetime.combine(monday, datetime.time(9)), TORONTO)
    appointment = services.appointment_book(
        client=alice_client, appointment_type=massage, start=start, booked_by=alice
    )
    assert appointment.start.astimezone(TORONTO).time() == datetime.time(9)
    # 8:30 local is before her hours, whatever UTC says.
    early = hours.local_to_utc(
        datetime.datetime.combine(monday + datetime.timedelta(days=1), datetime.time(8, 30)),
        TORONTO,
    )
    with pytest.raises(ValidationError):
        services.appointment_book(
            client=ClientFactory(therapist=alice),
            appointment_type=massage,
            start=early,
            booked_by=alice,
        )


def test_the_skipped_half_past_two_in_march_is_refused_with_a_message():
    with pytest.raises(ValidationError) as refused:
        hours.local_to_utc(datetime.datetime.combine(SPRING, datetime.time(2, 30)), TORONTO)
    message = refused.value.message_dict["start"][0]
    assert "does not exist in America/Toronto" in message
    assert "clocks go forward" in message


def test_the_repeated_half_past_one_in_november_is_the_first_of_the_two():
    naive = datetime.datetime.combine(AUTUMN, datetime.time(1, 30))
    assert hours.is_ambiguous(naive, TORONTO)
    start = hours.local_to_utc(naive, TORONTO)
    assert start.astimezone(UTC).time() == datetime.time(5, 30)  # 1:30 EDT, UTC-4
    assert start.astimezone(TORONTO).tzname() == "EDT"


def test_a_night_opening_over_the_november_change_is_five_hours_long(alice, alice_client, massage):
    open_every_day(alice, "00:00", "04:00", valid_from=datetime.date(YEAR, 1, 1))
    found = hours.openings(list(alice.working_hours.all()), AUTUMN, AUTUMN, TORONTO)
    assert [(o.end - o.start) for o in found] == [datetime.timedelta(hours=5)]
    # Both half past ones can be booked, one after the other.
    first = hours.local_to_utc(datetime.datetime.combine(AUTUMN, datetime.time(1, 30)), TORONTO)
    second = first + datetime.timedelta(hours=1)  # 1:30 again, now EST
    for start, client in ((first, alice_client), (second, ClientFactory(therapist=alice))):
        services.appointment_book(
            client=client, appointment_type=massage, start=start, booked_by=alice
        )
    assert second.astimezone(TORONTO).strftime("%H:%M %Z") == "01:30 EST"


def test_the_local_day_is_twenty_three_hours_in_march_and_twenty_five_in_november():
    start, end = hours.local_day_bounds(SPRING, TORONTO)
    assert end - start == datetime.timedelta(hours=23)
    start, end = hours.local_day_bounds(AUTUMN, TORONTO)
    assert end - start == datetime.timedelta(hours=25)
