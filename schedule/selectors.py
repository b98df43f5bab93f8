"""Reads of the schedule: whose appointments a login reaches, a day and a week of them.

A day or a week is read in a fixed number of queries however many appointments it holds:
the appointments with their clients and types (one), their clients' intake status (one,
intake.selectors.intake_status_for_clients), the working hours shown beside them (one).
"""

from dataclasses import dataclass, field
from datetime import timedelta
from functools import cached_property
from html import escape

from django.utils import timezone
from django.utils.safestring import mark_safe

from audit.events import reachable_or_404, record_view
from clients.links import record_url
from clients.models import Therapist
from clients.selectors import clients_for_user, therapist_profile
from intake.selectors import NO_INTAKE, intake_status_for_clients
from schedule import hours
from schedule.models import Appointment, AppointmentType, CalendarFeed, WorkingHours
from screening.tiers import TIER_LABELS

# What a day or week shows of each client.
CLIENT_FIELDS = ("client__first_name", "client__last_name", "client__preferred_name")
TREATING_ROLES = (Therapist.Role.THERAPIST, Therapist.Role.OWNER)


def appointments_for_user(user):
    """The appointments a staff login may reach: a therapist their own, the practice owner
    and the front desk every one of the practice's therapists; anyone else none."""
    profile = therapist_profile(user) if user.is_authenticated else None
    if profile is None:
        return Appointment.objects.none()
    if profile.role == Therapist.Role.THERAPIST:
        return Appointment.objects.filter(therapist=user)
    return Appointment.objects.filter(therapist__therapist__practice_id=profile.practice_id)


def client_upcoming_appointments(client):
    """The client's appointments still to come (booked or confirmed, not yet started)."""
    return list(
        Appointment.objects.filter(
            client=client, status__in=Appointment.UPCOMING, start__gte=timezone.now()
        ).select_related("therapist")
    )


def get_appointment_for_user(user, pk):
    """An appointment the user may reach, with its client and type, or a 404 (recorded as a
    refusal when it exists); opening it is recorded in the audit trail."""
    appointment = reachable_or_404(
        appointments_for_user(user).select_related("client", "appointment_type", "therapist"),
        pk=pk,
    )
    record_view(appointment)
    return appointment


def is_clinical(user):
    """The login may see clinical content (tier badges): a therapist or the owner."""
    profile = therapist_profile(user)
    return profile is not None and profile.role in TREATING_ROLES


def treating_staff(practice_id):
    """The practice's logins who see clients (therapists and the owner), by name: the
    columns of the practice's day, the choices of the hours page."""
    profiles = (
        Therapist.objects.filter(practice_id=practice_id, role__in=TREATING_ROLES)
        .filter(user__is_active=True)
        .select_related("user")
        .order_by("user__first_name", "user__last_name", "pk")
    )
    return [profile.user for profile in profiles]


def bookable_clients(user):
    """The clients the user may book: a therapist their own; the owner and the front desk
    the practice's (names and contact details only); never archived ones."""
    return clients_for_user(user, clinical=False).active()


def appointment_types(practice, *, active_only=True):
    types = AppointmentType.objects.filter(practice=practice)
    return types.filter(active=True) if active_only else types


def _text(value):
    """A value as the template would write it: escaped, and "" for None or ""."""
    return "" if value is None or value == "" else escape(str(value))


# A day's or week's appointment card (Row.html). The markup is the template's it replaced,
# kept byte for byte: the page's tests and its browser tests read it.
CARD = (
    "\n"
    '<div class="appt-card card mb-2{cancelled}">\n'
    '  <div class="card-body py-2 px-3">\n'
    '    <div class="d-flex flex-wrap justify-content-between gap-1">\n'
    '      <a class="fw-semibold" href="{url}">'
    '<time datetime="{iso}">{start}</time>\u2013{end}</a>\n'
    '      <span class="badge appt-status appt-{status}">{status_label}</span>\n'
    "    </div>\n"
    '    <div><a href="{client_url}">{first_name} {last_name}</a>{preferred_name}</div>\n'
    '    <div class="small text-body-secondary">{type_name}</div>\n'
    '    <div class="small">\n'
    '      <span class="intake-status">Intake: {intake_label}{intake_until}</span>\n'
    "      {tier}\n"
    "    </div>\n"
    "  </div>\n"
    "</div>\n"
    "\n"
)


@dataclass
class Row:
    """An appointment as a day or week shows it."""

    appointment: Appointment
    intake: object  # intake.selectors.IntakeStatus
    tier: str = ""  # "" for the front desk: clinical
    clinical: bool = True

    @property
    def tier_label(self):
        return TIER_LABELS.get(self.tier, "")

    @property
    def when(self):
        """The start (ISO and HH:MM) and end (HH:MM) in the active time zone, as the |date:"c"
        and |time:"H:i" filters would write them: three filters a row were the largest part
        of rendering a week's forty rows."""
        start = timezone.localtime(self.appointment.start)
        end = timezone.localtime(self.appointment.end)
        return {"iso": start.isoformat(), "start": f"{start:%H:%M}", "end": f"{end:%H:%M}"}

    @cached_property
    def card(self):
        """What schedule/_row.html shows of the row, as one dict of plain values: each
        dotted lookup through a model or a property costs the template an exception and a
        getattr, some thirty a row, where a dict answers the first try."""
        appointment = self.appointment
        client = appointment.client
        intake = self.intake
        return {
            "url": appointment.get_absolute_url(),
            "status": appointment.status,
            "status_label": appointment.get_status_display(),
            **self.when,  # iso, start, end
            "client_url": self.client_url,
            "first_name": client.first_name,
            "last_name": client.last_name,
            "preferred_name": client.preferred_name,
            "type_name": appointment.appointment_type.name,
            "intake_label": intake.label,
            # The expiry only of a link the client still has to fill in.
            "intake_until": intake.expires_at if intake.is_waiting else None,
            "tier": self.tier,
            "tier_label": self.tier_label,
        }

    @property
    def html(self):
        """The row's card on a day or a week, what schedule/_row.html would write, written
        here (as intake_tiers.tier_badge writes its badge): some twenty variables and
        conditions a row in a template were most of the cost of a week's forty rows."""
        card = {key: _text(value) for key, value in self.card.items()}
        until = self.card["intake_until"]
        if until is not None:
            until = timezone.localtime(until)
            card["intake_until"] = f", until {until.day} {until:%b}"
        card["cancelled"] = " appt-card-cancelled" if self.card["status"] == "cancelled" else ""
        if card["preferred_name"]:
            card["preferred_name"] = (
                f' <span class="text-body-secondary">({card["preferred_name"]})</span>'
            )
        if card["tier"]:
            card["tier"] = (
                f'<span class="badge tier-badge tier-{card["tier"]} ms-1">'
                f"{card['tier_label']}</span>"
            )
        return mark_safe(CARD.format(**card))

    @property
    def client_url(self):
        """The client's page: their record for clinical staff, contact details otherwise
        (record_url: a week's forty links without forty reverse() calls)."""
        name = "dashboard:client-detail" if self.clinical else "clients:client-update"
        return record_url(name, self.appointment.client_id)


@dataclass
class Column:
    therapist: object
    rows: list = field(default_factory=list)
    openings: list = field(default_factory=list)


def rows_for(appointments, *, clinical):
    """Each appointment with its client's intake status (one query for all) and, for a
    clinical login, the tier."""
    appointments = list(appointments)
    statuses = intake_status_for_clients({a.client_id for a in appointments})
    rows = []
    for appointment in appointments:
        status = statuses.get(appointment.client_id, NO_INTAKE)
        tier = (status.tier or appointment.client.screening_tier) if clinical else ""
        rows.append(Row(appointment=appointment, intake=status, tier=tier, clinical=clinical))
    return rows


def _between(therapists, start, end, *, appointments=None):
    """The appointments of `therapists` (or of the queryset `appointments`) meeting
    [start, end), with what a day or week shows of them."""
    if appointments is None:
        appointments = Appointment.objects.filter(therapist__in=therapists)
    return (
        appointments.filter(start__lt=end, end__gt=start)
        .select_related("client", "appointment_type")
        .only(
            "pk",
            "therapist_id",
            "start",
            "end",
            "status",
            "client_id",
            "appointment_type__name",
            "appointment_type__kind",
            *CLIENT_FIELDS,
            "client__screening_tier",
        )
        .order_by("start", "pk")
    )


def day_columns(therapists, day, zone, *, clinical):
    """A column per therapist of their appointments on the local `day` (cancelled ones
    included, shown struck through) with their working hours."""
    start, end = hours.local_day_bounds(day, zone)
    rows = rows_for(_between(therapists, start, end), clinical=clinical)
    rules = list(WorkingHours.objects.filter(therapist__in=therapists))
    columns = []
    for therapist in therapists:
        mine = [rule for rule in rules if rule.therapist_id == therapist.pk]
        columns.append(
            Column(
                therapist=therapist,
                rows=[row for row in rows if row.appointment.therapist_id == therapist.pk],
                openings=hours.openings(mine, day, day, zone),
            )
        )
    return columns


@dataclass
class Day:
    date: object
    rows: list = field(default_factory=list)
    openings: list = field(default_factory=list)


def week_days(therapist, monday, zone, *, clinical):
    """The seven local days from `monday`, each with the therapist's appointments and hours."""
    last = monday + timedelta(days=6)
    start, _ = hours.local_day_bounds(monday, zone)
    _, end = hours.local_day_bounds(last, zone)
    rows = rows_for(_between([therapist], start, end), clinical=clinical)
    found = hours.openings(
        list(WorkingHours.objects.filter(therapist=therapist)), monday, last, zone
    )
    days = []
    for offset in range(7):
        date = monday + timedelta(days=offset)
        days.append(
            Day(
                date=date,
                rows=[r for r in rows if r.appointment.start.astimezone(zone).date() == date],
                openings=[o for o in found if o.start.astimezone(zone).date() == date],
            )
        )
    return days


def todays_appointments(user, day, zone, *, therapist_id=None):
    """The appointments of the local `day` the user reaches (a therapist their own, the
    owner and the front desk the practice's, `therapist_id` narrowing it to one
    therapist's), not cancelled, with intake status (the dashboard's "Today"); a tier only
    for a clinical login."""
    start, end = hours.local_day_bounds(day, zone)
    reached = appointments_for_user(user)
    if therapist_id is not None:
        reached = reached.filter(therapist_id=therapist_id)
    appointments = _between(None, start, end, appointments=reached).exclude(
        status=Appointment.Status.CANCELLED
    )
    return rows_for(appointments, clinical=is_clinical(user))


def live_feed(user):
    return CalendarFeed.objects.filter(therapist=user, revoked_at=None).first()
