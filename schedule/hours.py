"""Local time of the practice, and the weekly working-hours rules expanded with rrule.

A working-hours rule is local wall-clock time ("Mondays 9:00 to 17:00"): it is expanded to
naive local datetimes by dateutil's rrule, then each is placed in the practice's zone, so
9:00 is 9:00 on both sides of a daylight-saving change and the UTC instant moves instead.
"""

import zoneinfo
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from dateutil.rrule import WEEKLY, rrule
from django.core.exceptions import ValidationError

from clients.selectors import therapist_profile


def practice_zone(practice):
    return zoneinfo.ZoneInfo(practice.time_zone if practice else "UTC")


def zone_of(user):
    """The time zone of a staff login's practice (UTC without one)."""
    profile = therapist_profile(user)
    return practice_zone(profile.practice if profile else None)


def _describe(moment):
    return f"{moment:%H:%M} on {moment:%-d %B %Y}"


def local_to_utc(naive, zone, *, field="start"):
    """An aware UTC datetime for a wall-clock time typed in the practice's zone.

    A time the clocks skip (2:30 on the night they go forward) does not exist: refused with
    a message saying so. A time that happens twice (1:30 on the night they go back) is read
    as the first of the two, still on summer time; the page shows the zone's abbreviation
    beside each time, so the choice is visible.
    """
    first = naive.replace(tzinfo=zone, fold=0)
    round_trip = first.astimezone(UTC).astimezone(zone).replace(tzinfo=None)
    if round_trip != naive:
        raise ValidationError(
            {
                field: f"{_describe(naive)} does not exist in {zone.key}: the clocks go "
                "forward that night. Choose a time after the change."
            },
            code="nonexistent_time",
        )
    return first.astimezone(UTC)


def is_ambiguous(naive, zone):
    """The wall-clock time happens twice (the clocks go back over it)."""
    return (
        naive.replace(tzinfo=zone, fold=0).utcoffset()
        != naive.replace(tzinfo=zone, fold=1).utcoffset()
    )


def local_day_bounds(day, zone):
    """[start, end) in UTC of a local calendar day (23 or 25 hours long on a change day)."""
    start = datetime.combine(day, time.min, tzinfo=zone).astimezone(UTC)
    end = datetime.combine(day + timedelta(days=1), time.min, tzinfo=zone).astimezone(UTC)
    return start, end


@dataclass(frozen=True)
class Opening:
    """One stretch of working time on one day, in UTC."""

    start: datetime
    end: datetime


def _local(naive, zone):
    """A naive local time in the zone, moved past a skipped hour (a rule starting at 2:30
    on the night the clocks go forward starts at 3:30 that day) and the first of a
    repeated one."""
    aware = naive.replace(tzinfo=zone, fold=0)
    return aware.astimezone(UTC)


def openings(rules, first_day, last_day, zone):
    """The working stretches of `rules` (WorkingHours of one therapist) on the local days
    first_day..last_day inclusive, as UTC Openings, in order."""
    found = []
    window_start = datetime.combine(first_day, time.min)
    window_end = datetime.combine(last_day, time.max)
    for rule in rules:
        begin = max(rule.valid_from, first_day)
        until_day = min(rule.valid_until, last_day) if rule.valid_until else last_day
        if until_day < begin:
            continue
        # Started at the window, not at the rule's first day: a weekly rule from 2020 would
        # otherwise be walked week by week up to today on every page.
        dates = rrule(
            WEEKLY,
            byweekday=rule.weekday,
            dtstart=datetime.combine(begin, rule.start_time),
            until=datetime.combine(until_day, rule.start_time),
        ).between(window_start, window_end, inc=True)
        length = datetime.combine(date.min, rule.end_time) - datetime.combine(
            date.min, rule.start_time
        )
        for local_start in dates:
            found.append(Opening(_local(local_start, zone), _local(local_start + length, zone)))
    found.sort(key=lambda opening: opening.start)
    return found


def within_openings(start, end, found):
    """[start, end) lies inside one opening (or openings that touch end to start)."""
    cursor = start
    for opening in found:
        if opening.start <= cursor < opening.end:
            cursor = opening.end
            if cursor >= end:
                return True
    return False
