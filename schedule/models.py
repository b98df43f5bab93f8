"""Appointments, appointment types, therapists' working hours and time off, calendar feeds.

Times are stored in UTC (aware datetimes) and shown, booked and reminded in the practice's
time zone (`clients.models.Practice.time_zone`); working hours are weekly rules in local
time, so a 9:00 start stays 9:00 across daylight-saving changes (schedule/hours.py).
"""

import hashlib
import secrets
from datetime import timedelta

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models.functions import Lower

from clients.links import record_url
from clients.models import Client, Practice, TimeStampedModel
from clients.submission import key_model_field


class AppointmentType(TimeStampedModel):
    """What can be booked: "First visit, 75 min" or "Massage, 60 min", with the time the
    therapist needs after it (notes, changing the table) as a buffer no one can book."""

    class Kind(models.TextChoices):
        FIRST_VISIT = "first_visit", "First visit"
        RETURN = "return", "Return visit"

    practice = models.ForeignKey(
        Practice, on_delete=models.CASCADE, related_name="appointment_types"
    )
    name = models.CharField(max_length=100)
    duration_minutes = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(5), MaxValueValidator(480)]
    )
    buffer_minutes = models.PositiveSmallIntegerField(
        default=0,
        validators=[MaxValueValidator(120)],
        help_text="Minutes kept free after the appointment.",
    )
    kind = models.CharField(max_length=12, choices=Kind.choices, default=Kind.RETURN)
    active = models.BooleanField(default=True, help_text="Offered when booking.")

    class Meta:
        ordering = ["-active", Lower("name"), "pk"]
        constraints = [
            models.UniqueConstraint(
                "practice", Lower("name"), name="appointment_type_name_unique_in_practice"
            ),
            models.CheckConstraint(
                condition=models.Q(duration_minutes__gte=5, duration_minutes__lte=480),
                name="appointment_type_duration_in_range",
            ),
            models.CheckConstraint(
                condition=models.Q(buffer_minutes__lte=120),
                name="appointment_type_buffer_in_range",
            ),
        ]

    def __str__(self):
        return f"{self.name} ({self.duration_minutes} min)"

    @property
    def is_first_visit(self):
        return self.kind == self.Kind.FIRST_VISIT

    @property
    def duration(self):
        return timedelta(minutes=self.duration_minutes)

    @property
    def buffer(self):
        return timedelta(minutes=self.buffer_minutes)


class AppointmentQuerySet(models.QuerySet):
    def holding_time(self):
        """The appointments that keep their slot: all but the cancelled and the no-shows."""
        return self.exclude(status__in=Appointment.FREEING)

    def overlapping(self, start, end):
        """Appointments whose held time [start, blocked_until) meets [start, end)."""
        return self.filter(start__lt=end, blocked_until__gt=start)


class Appointment(TimeStampedModel):
    """One client's appointment with one therapist (the client's own).

    `blocked_until` is the end plus the type's buffer, copied when the appointment is booked
    or moved, so the clash rule is one range comparison (and, on PostgreSQL, an exclusion
    constraint over [start, blocked_until), migration 0002) and a later change of the type's
    buffer does not move anyone's booked time.
    """

    class Status(models.TextChoices):
        BOOKED = "booked", "Booked"
        CONFIRMED = "confirmed", "Confirmed"
        ARRIVED = "arrived", "Arrived"
        COMPLETED = "completed", "Completed"
        CANCELLED = "cancelled", "Cancelled"
        NO_SHOW = "no_show", "No-show"

    # A cancelled appointment or a no-show gives its time back to the schedule.
    FREEING = (Status.CANCELLED, Status.NO_SHOW)
    # Still to come: it can be moved or cancelled, and its messages are still due.
    UPCOMING = (Status.BOOKED, Status.CONFIRMED)

    client = models.ForeignKey(Client, on_delete=models.CASCADE, related_name="appointments")
    therapist = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="appointments"
    )
    appointment_type = models.ForeignKey(
        AppointmentType, on_delete=models.PROTECT, related_name="appointments"
    )
    start = models.DateTimeField()
    end = models.DateTimeField()
    blocked_until = models.DateTimeField(editable=False)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.BOOKED)
    booked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    cancelled_at = models.DateTimeField(null=True, blank=True)
    cancellation_reason = models.CharField(max_length=200, blank=True)
    # The one-time key of the booking form (clients.submission): a double post books once.
    submission_key = key_model_field()

    objects = AppointmentQuerySet.as_manager()

    class Meta:
        ordering = ["start", "pk"]
        indexes = [
            # A therapist's day and week, and the clash check.
            models.Index(fields=["therapist", "start"], name="appointment_therapist_start"),
            # A client's appointments (the client page, "has a visit coming").
            models.Index(fields=["client", "start"], name="appointment_client_start"),
            # The practice's day.
            models.Index(fields=["start"], name="appointment_start"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end__gt=models.F("start")),
                name="appointment_ends_after_it_starts",
            ),
            models.CheckConstraint(
                condition=models.Q(blocked_until__gte=models.F("end")),
                name="appointment_buffer_after_the_end",
            ),
            models.CheckConstraint(
                condition=models.Q(status="cancelled", cancelled_at__isnull=False)
                | (~models.Q(status="cancelled") & models.Q(cancelled_at__isnull=True)),
                name="appointment_cancelled_has_a_time",
            ),
        ]

    def __str__(self):
        return f"Appointment #{self.pk}"

    def get_absolute_url(self):
        return record_url("schedule:appointment-detail", self.pk)

    @property
    def is_upcoming(self):
        return self.status in self.UPCOMING

    # The outbox topic of this appointment's messages (messaging): the prefix and the key.
    TOPIC_PREFIX = "appointment:"

    @property
    def topic(self):
        return f"{self.TOPIC_PREFIX}{self.pk}"

    @property
    def duration_minutes(self):
        return int((self.end - self.start).total_seconds() // 60)


class WorkingHours(TimeStampedModel):
    """A weekly rule of a therapist's hours, in the practice's local time: "Mondays 9:00 to
    17:00, from 5 January". Expanded with dateutil's rrule (schedule/hours.py)."""

    class Weekday(models.IntegerChoices):
        MONDAY = 0, "Monday"
        TUESDAY = 1, "Tuesday"
        WEDNESDAY = 2, "Wednesday"
        THURSDAY = 3, "Thursday"
        FRIDAY = 4, "Friday"
        SATURDAY = 5, "Saturday"
        SUNDAY = 6, "Sunday"

    therapist = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="working_hours"
    )
    weekday = models.PositiveSmallIntegerField(choices=Weekday.choices)
    start_time = models.TimeField()
    end_time = models.TimeField()
    valid_from = models.DateField()
    valid_until = models.DateField(null=True, blank=True, help_text="Empty: no end.")

    class Meta:
        ordering = ["therapist", "weekday", "start_time", "pk"]
        verbose_name_plural = "working hours"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_time__gt=models.F("start_time")),
                name="working_hours_end_after_start",
            ),
            models.CheckConstraint(
                condition=models.Q(weekday__lte=6), name="working_hours_weekday_in_range"
            ),
            models.CheckConstraint(
                condition=models.Q(valid_until__isnull=True)
                | models.Q(valid_until__gte=models.F("valid_from")),
                name="working_hours_valid_until_after_from",
            ),
        ]

    def __str__(self):
        return f"{self.get_weekday_display()} {self.start_time:%H:%M}–{self.end_time:%H:%M}"


class TimeOff(TimeStampedModel):
    """A stretch when a therapist takes no bookings (a holiday, a course), in UTC."""

    therapist = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="time_off"
    )
    start = models.DateTimeField()
    end = models.DateTimeField()
    reason = models.CharField(max_length=100, blank=True, help_text="For example: holiday.")

    class Meta:
        ordering = ["therapist", "start", "pk"]
        verbose_name_plural = "time off"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end__gt=models.F("start")), name="time_off_ends_after_start"
            ),
        ]

    def __str__(self):
        return f"Time off #{self.pk}"


FEED_TOKEN_BYTES = 32


def hash_feed_token(token):
    return hashlib.sha256(token.encode()).hexdigest()


class CalendarFeed(TimeStampedModel):
    """A therapist's private calendar address (for a phone's calendar app). The token is in
    the address and never stored, only its hash; revoking it ends the address for good."""

    therapist = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_feeds"
    )
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    revoked_at = models.DateTimeField(null=True, blank=True)
    last_fetched_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["therapist"],
                condition=models.Q(revoked_at__isnull=True),
                name="one_live_calendar_feed_per_therapist",
            ),
        ]

    def __str__(self):
        return f"Calendar feed #{self.pk}"

    @staticmethod
    def new_token():
        return secrets.token_urlsafe(FEED_TOKEN_BYTES)

    @property
    def is_live(self):
        return self.revoked_at is None
