"""Demo data of the schedule: the practice's appointment types, the demo therapists' working
hours (every day, 9:00 to 17:00, so the demo has a "today" whatever the day) and this
week's appointments.

The appointments are written directly, not through the booking service: the week's past days
are in it (the service books only ahead), and a demo queues no email to anyone.
"""

import datetime

from django.db import transaction
from django.utils import timezone

from clients.selectors import therapist_profile
from schedule import hours
from schedule.models import Appointment, AppointmentType, WorkingHours
from screening import tiers

TYPES = (
    {"name": "First visit", "kind": "first_visit", "duration_minutes": 75, "buffer_minutes": 15},
    {"name": "Massage, 60 minutes", "kind": "return", "duration_minutes": 60, "buffer_minutes": 15},
    {"name": "Massage, 90 minutes", "kind": "return", "duration_minutes": 90, "buffer_minutes": 15},
)
# Local start times of the demo days; the busier demo therapist has all four.
SLOTS = ("09:00", "10:30", "13:00", "14:45")


@transaction.atomic
def seed_appointment_types(practice):
    return [
        AppointmentType.objects.update_or_create(
            practice=practice, name=spec["name"], defaults=spec
        )[0]
        for spec in TYPES
    ]


@transaction.atomic
def seed_schedule(user, *, slots_per_day=4):
    """Working hours and this week's appointments for one demo therapist; a second run adds
    nothing (hours are kept, a week that has appointments is left as it is)."""
    profile = therapist_profile(user)
    types = seed_appointment_types(profile.practice)
    if not WorkingHours.objects.filter(therapist=user).exists():
        for weekday in range(7):
            WorkingHours.objects.create(
                therapist=user,
                weekday=weekday,
                start_time=datetime.time(9),
                end_time=datetime.time(17),
                valid_from=datetime.date(2020, 1, 1),
            )
    zone = hours.practice_zone(profile.practice)
    today = timezone.localdate(timezone=zone)
    monday = today - datetime.timedelta(days=today.weekday())
    week_start, _ = hours.local_day_bounds(monday, zone)
    _, week_end = hours.local_day_bounds(monday + datetime.timedelta(days=6), zone)
    if Appointment.objects.filter(therapist=user, start__gte=week_start, start__lt=week_end):
        return 0
    clients = list(user.clients.active().order_by("pk"))
    if not clients:
        return 0
    now = timezone.now()
    made = 0
    for day_index in range(7):
        day = monday + datetime.timedelta(days=day_index)
        for slot_index, slot in enumerate(SLOTS[:slots_per_day]):
            client = clients[(day_index * slots_per_day + slot_index) % len(clients)]
            kind = (
                types[0]
                if client.intakes.filter(submitted_at__isnull=False).count() == 0
                else (types[1 + (slot_index % 2)])
            )
            start = hours.local_to_utc(
                datetime.datetime.combine(day, datetime.time.fromisoformat(slot)), zone
            )
            end = start + kind.duration
            status, cancelled_at, reason = Appointment.Status.BOOKED, None, ""
            held = client.care_hold in tiers.NEEDS_PHYSICIAN and client.care_hold_since
            if held and client.care_hold_since <= start:
                # A client flagged for a physician is not massaged until cleared: the demo
                # shows the visit called off, as the therapist would have done.
                status, cancelled_at = Appointment.Status.CANCELLED, client.care_hold_since
                reason = "Waiting for the physician's clearance"
            elif end <= now:
                status = Appointment.Status.COMPLETED
            elif start <= now:
                status = Appointment.Status.ARRIVED
            appointment = Appointment(
                client=client,
                therapist=user,
                appointment_type=kind,
                start=start,
                end=end,
                blocked_until=end + kind.buffer,
                status=status,
                booked_by=user,
                cancelled_at=cancelled_at,
                cancellation_reason=reason,
            )
            appointment.full_clean(exclude=["blocked_until"], validate_unique=False)
            appointment.save()
            made += 1
    return made
