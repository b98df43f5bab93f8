"""Writes of the schedule: booking, moving, cancelling and marking appointments; appointment
types, working hours, time off and calendar feeds.

The clash rule (a therapist is never booked twice: no two appointments that hold their time
overlap over [start, end + buffer)) is checked here under a lock on the therapist's row, so
two bookings of the same slot take turns and the second is refused with a message; on
PostgreSQL an exclusion constraint holds it too (migration 0002), whatever writes the row.
Every change is recorded by the audit trail's signals (audit/tracking.py).
"""

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from clients.models import Therapist
from clients.selectors import therapist_profile
from clients.submission import create_once
from schedule import hours
from schedule.models import (
    Appointment,
    AppointmentType,
    CalendarFeed,
    TimeOff,
    WorkingHours,
    hash_feed_token,
)

# How far ahead an appointment may be booked (a typo in the year is not a booking).
BOOKING_HORIZON = timedelta(days=2 * 366)


def _lock_therapist(therapist):
    """Take the therapist's row lock: every booking, move and time-off change of one
    therapist takes its turn here (SQLite's IMMEDIATE transactions already do)."""
    get_user_model().objects.select_for_update().filter(pk=therapist.pk).first()


def _zone(therapist):
    return hours.zone_of(therapist)


def _local_text(moment, zone):
    local = moment.astimezone(zone)
    return f"{local:%H:%M} on {local:%A %-d %B}"


def check_slot(*, therapist, start, end, blocked_until, exclude_pk=None):
    """Refuse a slot that is outside the therapist's working hours, in their time off, or
    that overlaps another appointment holding its time (with both appointments' buffers).
    The caller holds the therapist's lock."""
    zone = _zone(therapist)
    local_start, local_end = start.astimezone(zone), end.astimezone(zone)
    rules = list(WorkingHours.objects.filter(therapist=therapist))
    found = hours.openings(rules, local_start.date() - timedelta(days=1), local_end.date(), zone)
    if not hours.within_openings(start, end, found):
        raise ValidationError(
            {
                "start": f"{_local_text(start, zone)} to "
                f"{local_end:%H:%M} is outside "
                f"{_name(therapist)}'s working hours."
            },
            code="outside_hours",
        )
    off = TimeOff.objects.filter(therapist=therapist, start__lt=end, end__gt=start).first()
    if off is not None:
        raise ValidationError(
            {
                "start": f"{_name(therapist)} is away from {_local_text(off.start, zone)} "
                f"to {_local_text(off.end, zone)}."
            },
            code="time_off",
        )
    clashes = Appointment.objects.filter(therapist=therapist).holding_time()
    if exclude_pk is not None:
        clashes = clashes.exclude(pk=exclude_pk)
    clash = clashes.overlapping(start, blocked_until).order_by("start").first()
    if clash is not None:
        raise ValidationError({"start": _clash_message(therapist, clash, zone)}, code="clash")


def _clash_message(therapist, clash, zone):
    until = clash.blocked_until.astimezone(zone)
    return (
        f"{_name(therapist)} already has an appointment from "
        f"{_local_text(clash.start, zone)} until "
        f"{until:%H:%M} (with the time kept free after it)."
    )


def _name(user):
    profile = therapist_profile(user)
    return profile.display_name if profile else user.get_username()


def _check_start(start, *, moving=False):
    now = timezone.now()
    if start < now - timedelta(minutes=5):
        verb = "moved to" if moving else "booked in"
        raise ValidationError({"start": f"An appointment cannot be {verb} the past."})
    if start > now + BOOKING_HORIZON:
        raise ValidationError({"start": "That is more than two years ahead. Check the year."})


def _save_checked(appointment):
    """Save after the slot check; the database's own refusal (PostgreSQL's exclusion
    constraint, should anything slip past the lock) reads as the same clash message."""
    try:
        with transaction.atomic():
            appointment.save()
    except IntegrityError as error:
        if "appointment_no_overlap" not in str(error):
            raise
        raise ValidationError(
            {"start": f"{_name(appointment.therapist)} already has an appointment then."},
            code="clash",
        ) from None


def _queue_messages(appointment, *, moved=False):
    from schedule import messages

    messages.appointment_messages_queue(appointment, moved=moved)


def _supersede_messages(appointment, reason):
    from schedule import messages

    messages.appointment_messages_supersede(appointment, reason=reason)


@transaction.atomic
def appointment_book(*, client, appointment_type, start, booked_by, submission_key=""):
    """Book `client` with their own therapist at `start` (aware) for `appointment_type`.

    Refused with a ValidationError (on "start" or "appointment_type") when the type is not
    offered, the slot is outside working hours or in time off, or it clashes. Queues the
    confirmation and the reminders in the same transaction (schedule/messages.py). The same
    form posted twice (its submission_key) books once and returns the first booking.
    """
    therapist = client.therapist
    if not appointment_type.active:
        raise ValidationError({"appointment_type": "This appointment type is no longer offered."})
    profile = therapist_profile(therapist)
    if profile is None or profile.practice_id != appointment_type.practice_id:
        raise ValidationError({"appointment_type": "Not an appointment type of this practice."})
    if client.is_archived:
        raise ValidationError({"client": "This client is archived. Restore them to book."})

    def create():
        _check_start(start)
        _lock_therapist(therapist)
        end = start + appointment_type.duration
        appointment = Appointment(
            client=client,
            therapist=therapist,
            appointment_type=appointment_type,
            start=start,
            end=end,
            blocked_until=end + appointment_type.buffer,
            booked_by=booked_by,
            submission_key=submission_key or None,
        )
        check_slot(
            therapist=therapist, start=start, end=end, blocked_until=appointment.blocked_until
        )
        appointment.full_clean(exclude=["blocked_until"], validate_unique=False)
        _save_checked(appointment)
        _queue_messages(appointment)
        return appointment

    appointment, _ = create_once(
        Appointment.objects.filter(client=client), key=submission_key, create=create
    )
    return appointment


def _lock(appointment):
    return Appointment.objects.select_for_update().get(pk=appointment.pk)


def _refresh(appointment, locked):
    for field in locked._meta.concrete_fields:
        setattr(appointment, field.attname, getattr(locked, field.attname))
    return appointment


@transaction.atomic
def appointment_move(*, appointment, start, by, appointment_type=None):
    """Move an upcoming appointment to `start` (and another type, if given). Its pending
    messages are superseded and the new time's are queued, in the same transaction."""
    _lock_therapist(appointment.therapist)
    locked = _lock(appointment)
    if not locked.is_upcoming:
        raise ValidationError(
            {"start": f"A {locked.get_status_display().lower()} appointment cannot be moved."}
        )
    kind = appointment_type or locked.appointment_type
    changed_type = kind.pk != locked.appointment_type_id
    if changed_type and (
        not kind.active or kind.practice_id != locked.appointment_type.practice_id
    ):
        raise ValidationError({"appointment_type": "This appointment type is no longer offered."})
    _check_start(start, moving=True)
    end = start + kind.duration
    blocked_until = end + kind.buffer
    check_slot(
        therapist=locked.therapist,
        start=start,
        end=end,
        blocked_until=blocked_until,
        exclude_pk=locked.pk,
    )
    if (locked.start, locked.appointment_type_id) == (start, kind.pk):
        return _refresh(appointment, locked)
    locked.start, locked.end, locked.blocked_until = start, end, blocked_until
    locked.appointment_type = kind
    # A confirmation was for the old time.
    locked.status = Appointment.Status.BOOKED
    locked.full_clean(exclude=["blocked_until"], validate_unique=False)
    _save_checked(locked)
    _supersede_messages(locked, "moved")
    _queue_messages(locked, moved=True)
    return _refresh(appointment, locked)


@transaction.atomic
def appointment_cancel(*, appointment, by, reason=""):
    """Cancel an upcoming appointment: its time is free again and its pending messages are
    superseded (never sent)."""
    locked = _lock(appointment)
    if locked.status == Appointment.Status.CANCELLED:
        return _refresh(appointment, locked)
    if not locked.is_upcoming:
        raise ValidationError(
            f"A {locked.get_status_display().lower()} appointment cannot be cancelled."
        )
    locked.status = Appointment.Status.CANCELLED
    locked.cancelled_at = timezone.now()
    locked.cancellation_reason = (reason or "").strip()[:200]
    locked.full_clean(exclude=["blocked_until"], validate_unique=False)
    locked.save()
    _supersede_messages(locked, "cancelled")
    return _refresh(appointment, locked)


# The marks and the states each may follow.
MARKS = {
    Appointment.Status.CONFIRMED: {Appointment.Status.BOOKED},
    Appointment.Status.ARRIVED: {Appointment.Status.BOOKED, Appointment.Status.CONFIRMED},
    Appointment.Status.NO_SHOW: {Appointment.Status.BOOKED, Appointment.Status.CONFIRMED},
    Appointment.Status.COMPLETED: {
        Appointment.Status.BOOKED,
        Appointment.Status.CONFIRMED,
        Appointment.Status.ARRIVED,
    },
}
# The front desk welcomes and confirms; only the clinical staff say a session took place.
FRONT_DESK_MARKS = {
    Appointment.Status.CONFIRMED,
    Appointment.Status.ARRIVED,
    Appointment.Status.NO_SHOW,
}


@transaction.atomic
def appointment_mark(*, appointment, status, by):
    """Mark an appointment confirmed, arrived, no-show or completed.

    Arrived and completed only from the appointment's day, no-show only once it has
    started; a no-show frees its time and supersedes its pending messages.
    """
    if status not in MARKS:
        raise ValidationError(f"Not a mark: {status}.")
    profile = therapist_profile(by)
    if profile is None or (
        profile.role == Therapist.Role.FRONT_DESK and status not in FRONT_DESK_MARKS
    ):
        raise PermissionDenied("The therapist marks a session completed.")
    locked = _lock(appointment)
    if locked.status == status:
        return _refresh(appointment, locked)
    label = Appointment.Status(status).label.lower()
    if locked.status not in MARKS[status]:
        raise ValidationError(
            f"A {locked.get_status_display().lower()} appointment cannot be marked {label}."
        )
    now = timezone.now()
    zone = _zone(locked.therapist)
    on_the_day = now.astimezone(zone).date() >= locked.start.astimezone(zone).date()
    if status in (Appointment.Status.ARRIVED, Appointment.Status.COMPLETED) and not on_the_day:
        raise ValidationError(f"The appointment is not until {_local_text(locked.start, zone)}.")
    if status == Appointment.Status.NO_SHOW and now < locked.start:
        raise ValidationError("A client is a no-show only once the appointment has started.")
    locked.status = status
    locked.save(update_fields=["status", "updated_at"])
    if status == Appointment.Status.NO_SHOW:
        _supersede_messages(locked, "no-show")
    return _refresh(appointment, locked)


# --- The practice's settings ----------------------------------------------------------


@transaction.atomic
def appointment_type_save(*, practice, data, appointment_type=None):
    """Add an appointment type to `practice` or change one; a change applies to bookings
    made after it (booked appointments keep their times)."""
    kind = appointment_type or AppointmentType(practice=practice)
    for name, value in data.items():
        setattr(kind, name, value)
    kind.full_clean()
    kind.save()
    return kind


@transaction.atomic
def working_hours_add(*, therapist, weekday, start_time, end_time, valid_from, valid_until=None):
    rule = WorkingHours(
        therapist=therapist,
        weekday=weekday,
        start_time=start_time,
        end_time=end_time,
        valid_from=valid_from,
        valid_until=valid_until,
    )
    rule.full_clean()
    overlapping = WorkingHours.objects.filter(
        therapist=therapist,
        weekday=weekday,
        start_time__lt=end_time,
        end_time__gt=start_time,
    ).exclude(valid_until__lt=valid_from)
    if valid_until is not None:
        overlapping = overlapping.exclude(valid_from__gt=valid_until)
    if overlapping.exists():
        raise ValidationError({"start_time": "These hours overlap hours already set for that day."})
    rule.save()
    return rule


@transaction.atomic
def working_hours_remove(*, rule):
    """Remove a rule. Appointments already booked in those hours stay booked."""
    rule.delete()


@transaction.atomic
def time_off_add(*, therapist, start, end, reason=""):
    """Time off. Booked appointments in it are not cancelled here: the hours page says how
    many there are, for the practice to move them with the client."""
    _lock_therapist(therapist)
    off = TimeOff(therapist=therapist, start=start, end=end, reason=reason)
    off.full_clean()
    off.save()
    return off


@transaction.atomic
def time_off_remove(*, time_off):
    time_off.delete()


# --- Calendar feeds -------------------------------------------------------------------


@transaction.atomic
def calendar_feed_create(*, therapist):
    """A new private calendar address for `therapist`; returns (feed, token). The token is
    shown once and never stored; an earlier address stops working."""
    calendar_feed_revoke(therapist=therapist)
    token = CalendarFeed.new_token()
    feed = CalendarFeed(therapist=therapist, token_hash=hash_feed_token(token))
    feed.full_clean(validate_unique=False, validate_constraints=False)
    feed.save()
    return feed, token


@transaction.atomic
def calendar_feed_revoke(*, therapist):
    """End the therapist's calendar address; returns how many were live (0 or 1)."""
    live = list(
        CalendarFeed.objects.select_for_update().filter(therapist=therapist, revoked_at=None)
    )
    now = timezone.now()
    for feed in live:
        feed.revoked_at = now
        feed.save(update_fields=["revoked_at", "updated_at"])
    return len(live)
