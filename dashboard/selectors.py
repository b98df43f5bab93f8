"""Reads for the pages that bring every part of a client's care together: the therapist's
dashboard and the client page. The only app that reads from all the others."""

from dataclasses import dataclass

from django.db.models import Count, QuerySet, Window
from django.utils import timezone

from clearance.status import clients_needing_clearance
from clients.models import Therapist
from clients.selectors import recent_clients, therapist_profile, treated_clients
from intake.selectors import (
    intakes_submitted_since,
    intakes_to_review,
    intakes_waiting,
    with_screening_tier,
)
from notes.selectors import short_date, todays_sessions
from referrals import selectors as referral_selectors
from referrals.models import ReferralLetter
from schedule.hours import local_day_bounds, zone_of
from schedule.selectors import todays_appointments, treating_staff
from screening.tiers import TIER_LABELS

PANEL_SIZE = 10  # rows a dashboard panel shows; "show all" pages the rest


def clients_to_clear(user, *, therapist_id=None):
    """The therapist's active clients who need a physician's clearance, most urgent first
    (the owner's: the practice's, or one therapist's)."""
    clients = treated_clients(user, therapist_id=therapist_id).active()
    return clients_needing_clearance(clients).only(
        "first_name", "last_name", "care_hold", "care_hold_since", "therapist"
    )


class Panel(list):
    """The first PANEL_SIZE rows of a list (it is a list of them), and how many there are."""

    def __init__(self, rows, total):
        super().__init__(rows)
        self.total = total

    @property
    def more(self):
        return self.total > len(self)


def panel(rows, sorted_in_sql=False, total=None):
    """The first PANEL_SIZE rows and the count of a list, in a number of queries that never
    depends on the number of rows.

    A queryset read in an index's order (the letters) is read a page at a time and counted
    in a query of its own: a window count would make the database build every row of the
    list to count them, where the page can stop at PANEL_SIZE rows and the count can come
    from an index alone. A queryset ordered by something computed (`sorted_in_sql`: an
    urgency) is read in full by the database anyway to sort it, so the count rides along
    as a window over those rows, one query instead of two. A list is sliced. `total` is the
    count when it is read another way (the letter panels: referrals.selectors)."""
    if isinstance(rows, QuerySet) and sorted_in_sql:
        shown = list(rows.annotate(panel_total=Window(Count("pk")))[:PANEL_SIZE])
        return Panel(shown, shown[0].panel_total if shown else 0)
    if isinstance(rows, QuerySet):
        return Panel(list(rows[:PANEL_SIZE]), rows.count() if total is None else total)
    return Panel(list(rows[:PANEL_SIZE]), len(rows))


# The dashboard lists that can grow, each with its own "show all" page.
LISTS = {
    "intakes-to-review": ("New intakes to review", intakes_to_review),
    "clients-needing-clearance": ("Clients who need a physician's clearance", clients_to_clear),
    "outstanding-letters": (
        "Outstanding referral letters",
        referral_selectors.outstanding_referrals,
    ),
    "unsent-letters": ("Referral letters not sent yet", referral_selectors.unfinished_referrals),
    "waiting-for-client": ("Waiting for the client", intakes_waiting),
}


def _names(users):
    return {user.pk: user.get_full_name() or user.username for user in users}


def name_therapists(rows, therapists):
    """Give each row (an intake, a letter or a client) `therapist_name`, its client's
    therapist's, from `therapists` already read: the owner's panels across the practice
    say whose client each is, without a query."""
    names = _names(therapists)
    for row in rows:
        client = getattr(row, "client", row)
        row.therapist_name = names.get(client.therapist_id, "")
    return rows


def therapist_choices(user):
    """The owner's therapist filter: the practice's logins who treat clients, by name (one
    query); none for anyone else, whose dashboard is their own work."""
    profile = therapist_profile(user)
    if profile is None or profile.role != Therapist.Role.OWNER:
        return []
    return treating_staff(profile.practice_id)


def dashboard_panels(user, *, therapist_id=None, therapists=()):
    """What the dashboard shows; every panel is present even while it is empty, and none
    shows more than PANEL_SIZE rows (each links to all of its rows), but "Today", which
    shows the whole day's appointments.

    The owner's covers the whole practice, or with `therapist_id` one of `therapists`
    (therapist_choices), and names each appointment's therapist."""
    zone = zone_of(user)
    today = timezone.localdate(timezone=zone)
    scope = {"therapist_id": therapist_id}
    sessions = todays_sessions(user, **scope)
    appointments = todays_appointments(user, today, zone, **scope)
    notes_by_client = {note.client_id: note for note in sessions}
    names = _names(therapists)
    for row in appointments:
        row.note = notes_by_client.pop(row.appointment.client_id, None)
        row.therapist_name = names.get(row.appointment.therapist_id, "")
    # The active clients' count rides on the recent ones (a window over the same rows: one
    # query instead of two; the database counts them by index either way).
    recent = list(recent_clients(user, **scope, counted=True))
    panels = {
        "recent_clients": recent,
        "client_count": recent[0].active_total if recent else 0,
        "intakes_to_review": panel(intakes_to_review(user, **scope), sorted_in_sql=True),
        # A few dozen links at most: counted by a window over them, one query instead of two.
        "waiting_for_client": panel(intakes_waiting(user, **scope), sorted_in_sql=True),
        "clients_needing_clearance": panel(clients_to_clear(user, **scope), sorted_in_sql=True),
        "todays_sessions": sessions,
        # Today's appointments in the practice's zone, each with its note written today;
        # the notes of clients with no appointment today are listed after them.
        "todays_appointments": appointments,
        "other_notes_today": list(notes_by_client.values()),
        "schedule_zone": zone.key,
        "outstanding_referrals": panel(
            referral_selectors.outstanding_referrals(user, **scope),
            total=referral_selectors.letter_panel_count(
                user, referral_selectors.OUTSTANDING, **scope
            ),
        ),
        "unfinished_referrals": panel(
            referral_selectors.unfinished_referrals(user, **scope),
            total=referral_selectors.letter_panel_count(
                user, referral_selectors.UNFINISHED, **scope
            ),
        ),
        "today": today,
    }
    # Every row gets a therapist_name ("" but on the owner's practice-wide dashboard): a
    # template lookup of a missing attribute costs a dir() of the row.
    named = therapists if therapist_id is None else ()
    for name in LIST_PANELS:
        name_therapists(panels[name], named)
    return panels


# The panels of dashboard_panels that list other therapists' work on the owner's dashboard.
LIST_PANELS = (
    "intakes_to_review",
    "waiting_for_client",
    "clients_needing_clearance",
    "outstanding_referrals",
    "unfinished_referrals",
)


# Intakes submitted since the local midnight the front desk's dashboard lists, at most.
SUBMITTED_TODAY_SHOWN = 20


def front_desk_panels(user):
    """The front desk's dashboard: the practice's links waiting for the client, the intakes
    submitted today (names and times: a status, never a tier), today's appointments of the
    practice with their intake status (no tier: rows_for with clinical=False). Nothing
    clinical, whoever the user treated before their role changed."""
    zone = zone_of(user)
    today = timezone.localdate(timezone=zone)
    midnight, _ = local_day_bounds(today, zone)
    therapists = _names(treating_staff(therapist_profile(user).practice_id))
    appointments = todays_appointments(user, today, zone)
    for row in appointments:
        row.therapist_name = therapists.get(row.appointment.therapist_id, "")
    return {
        "waiting_for_client": panel(intakes_waiting(user)),
        "submitted_today": panel(intakes_submitted_since(user, midnight)),
        "todays_appointments": appointments,
        "schedule_zone": zone.key,
        "today": today,
    }


@dataclass(frozen=True)
class TimelineEntry:
    date: object
    kind: str  # "intake", "session", "referral", "clearance"
    title: str
    detail: str = ""
    url: str = ""
    tier: str = ""

    @property
    def date_text(self):
        return short_date(self.date)


TIMELINE_ORDER = {"session": 0, "clearance": 1, "referral": 2, "intake": 3}


def client_timeline(client, limit=None, *, intakes=None, notes=None, letters=None, clearances=None):
    """Intakes, sessions, referral letters and clearances of one client, newest first.

    With `limit`, reads at most limit + 1 of each kind (the newest) and returns limit + 1
    entries at most: one more than is shown tells the page there is more to see. The client
    page passes the client's intakes (with `screening_tier`), letters and clearances it has
    read already (its newest notes among them), so they are not read twice.
    """

    def newest(rows, *order):
        if isinstance(rows, list):
            rows = sorted(rows, key=lambda row: tuple(getattr(row, key) for key in order))
            rows.reverse()
        else:
            rows = rows.order_by(*(f"-{key}" for key in order))
        return rows if limit is None else rows[: limit + 1]

    entries = []
    if intakes is None:
        intakes = with_screening_tier(client.intakes.submitted()).only(
            "pk", "client", "submitted_at"
        )
    else:
        intakes = [intake for intake in intakes if intake.submitted_at is not None]
    for intake in newest(intakes, "submitted_at", "pk"):
        tier = intake.screening_tier or ""
        entries.append(
            TimelineEntry(
                date=timezone.localdate(intake.submitted_at),
                kind="intake",
                title="Intake submitted",
                detail=f"Screening: {TIER_LABELS[tier]}" if tier in TIER_LABELS else "",
                url=intake.get_absolute_url(),
                tier=tier,
            )
        )
    if notes is None:
        notes = client.session_notes.only(
            "client", "session_date", "duration_minutes", "signed_at", "pain_before", "pain_after"
        )
    for note in newest(notes, "session_date", "created_at", "pk"):
        status = "signed" if note.is_signed else "draft"
        entries.append(
            TimelineEntry(
                date=note.session_date,
                kind="session",
                title=f"Session, {note.duration_minutes} min ({status})",
                detail=f"Pain {note.pain_before} → {note.pain_after}",
                url=note.get_absolute_url(),
            )
        )
    if letters is None:
        letters = ReferralLetter.objects.filter(client=client).only(
            "pk", "client", "sent_on", "letter_date", "created_at", "physician_name", "status"
        )
    for letter in newest(letters, "created_at", "pk"):
        day = letter.sent_on or letter.letter_date or timezone.localdate(letter.created_at)
        entries.append(
            TimelineEntry(
                date=day,
                kind="referral",
                title="Referral letter",
                detail=", ".join(
                    part for part in (letter.physician_name, letter.get_status_display()) if part
                ),
                url=letter.get_absolute_url(),
            )
        )
    if clearances is None:
        clearances = client.clearances.all()
    for clearance in newest(clearances, "received_on", "pk"):
        entries.append(
            TimelineEntry(
                date=clearance.received_on,
                kind="clearance",
                title=clearance.get_outcome_display(),
                detail=clearance.physician_name or "",
            )
        )
    entries.sort(key=lambda e: (e.date, -TIMELINE_ORDER.get(e.kind, 9)), reverse=True)
    return entries if limit is None else entries[: limit + 1]
