"""Reads of session notes that other features show."""

from dataclasses import dataclass

from django.core.paginator import Page, Paginator
from django.utils import timezone

from clients.paging import counted_page
from clients.selectors import is_owner, treated_clients, treats_clients
from intake.review import PAIN_AREA_LABELS, pain_areas
from notes.complaint_map import BOTH_LEGS_BELOW_KNEE, structures_to_assess
from notes.models import Complaint, SessionNote


def recent_signed_notes(client, limit):
    """The client's latest `limit` signed notes (all with None), oldest first (for a letter's
    findings)."""
    notes = (
        SessionNote.objects.filter(client=client, signed_at__isnull=False)
        .prefetch_related("techniques")
        .order_by("-session_date", "-pk")[:limit]
    )
    return list(notes)[::-1]


def todays_sessions(user, *, therapist_id=None):
    """The therapist's session notes dated today, in the order they were written (none for a
    role that sees no health data: clients.selectors.treats_clients); the owner's are every
    note of the practice's clients (or one therapist's: treated_clients)."""
    if not treats_clients(user):
        return []
    if is_owner(user):
        notes = SessionNote.objects.filter(
            client__in=treated_clients(user, therapist_id=therapist_id)
        )
    else:
        notes = SessionNote.objects.filter(therapist=user, client__therapist=user)
    return list(
        notes.filter(session_date=timezone.localdate())
        .select_related("client")
        .only(
            "client__first_name",
            "client__last_name",
            "duration_minutes",
            "pain_before",
            "pain_after",
            "signed_at",
        )
        .order_by("created_at", "pk")
    )


def client_notes(client):
    """Every note of a client, newest first, with what the sessions table shows of each
    (a queryset: the client page reads one page of it)."""
    return (
        client.session_notes.only(
            "client",
            "session_date",
            "created_at",
            "pain_before",
            "pain_after",
            "duration_minutes",
            "psfs_activity_1",
            "psfs_score_1",
            "psfs_activity_2",
            "psfs_score_2",
            "psfs_activity_3",
            "psfs_score_3",
            "signed_at",
        )
        .prefetch_related("complaints")
        .order_by("-session_date", "-created_at", "-pk")
    )


@dataclass(frozen=True)
class ClientSessions:
    """What the client page shows of the sessions: the newest notes (the chart's) and the
    asked-for page of the sessions table (its paginator knows how many there are)."""

    latest: list  # newest first, at most `chart_size`
    page: object  # a Page of notes, newest first


def client_sessions(client, page_number, *, per_page, chart_size):
    """The client's newest `chart_size` notes and their count, read once for the chart, the
    timeline and the table's first page; the table's other pages are read as asked for."""
    notes = client_notes(client)
    newest = counted_page(notes, 1, chart_size)
    if page_number in (None, "", "1"):
        paginator = Paginator(notes, per_page)
        paginator.count = newest.paginator.count  # Paginator.count is a cached property
        page = Page(newest.object_list[:per_page], 1, paginator)
    else:
        page = counted_page(notes, page_number, per_page)
    for note in page.object_list:
        _table_text(note)
    return ClientSessions(latest=newest.object_list, page=page)


def short_date(day):
    """5 Dec 2026, as the |date:"j M Y" filter writes it, at a fraction of its cost."""
    return f"{day.day} {day:%b %Y}"


def _table_text(note):
    """What the sessions table writes of a note, made once in Python: the date filter and
    a loop over the structures were most of the cost of the table's twenty rows."""
    note.table_date = short_date(note.session_date)
    note.table_structures = ", ".join(c.label for c in note.complaints.all()) or "—"


@dataclass(frozen=True)
class IntakeStart:
    """What the client's latest intake brings to a session note: the pain map, the structures
    it points to (to check first, never a diagnosis) and the client's preferences."""

    intake: object  # intake.models.Intake, or None
    pain_areas: list  # (id, label), as marked
    check_first: list  # Complaint, in the order of structures_to_assess
    both_legs_below_knee: bool
    pressure_preference: str
    areas_to_avoid: list  # labels
    areas_to_avoid_notes: str

    @property
    def answers(self):
        return (self.intake.answers or {}) if self.intake else {}

    @property
    def marked_areas(self):
        return [area for area, _ in self.pain_areas]

    @property
    def has_preferences(self):
        return bool(self.pressure_preference or self.areas_to_avoid or self.areas_to_avoid_notes)


def _text(value):
    return value.strip() if isinstance(value, str) else ""


def intake_start(care):
    """The IntakeStart of the screening in `care` (clearance.status.CareStatus).

    `pressure_preference`, `areas_to_avoid` and `areas_to_avoid_notes` are newer questions:
    an intake without them simply shows nothing for them.
    """
    intake = care.screening.intake if care.screening is not None else None
    answers = (intake.answers or {}) if intake else {}
    areas = pain_areas(answers)
    ids = structures_to_assess([area for area, _ in areas])
    by_id = Complaint.objects.in_bulk(ids)
    avoid = answers.get("areas_to_avoid") or []
    if isinstance(avoid, str):
        avoid = [avoid]
    preference = answers.get("pressure_preference")
    return IntakeStart(
        intake=intake,
        pain_areas=areas,
        check_first=[by_id[i] for i in ids if i in by_id],
        both_legs_below_knee={area for area, _ in areas} >= BOTH_LEGS_BELOW_KNEE,
        pressure_preference=_text(preference),
        areas_to_avoid=[
            PAIN_AREA_LABELS.get(a, a) for a in avoid if isinstance(a, str) and a.strip()
        ],
        areas_to_avoid_notes=_text(answers.get("areas_to_avoid_notes")),
    )


def previous_note(client, before=None):
    """The client's latest note (other than `before`), or None: a later note starts from it."""
    notes = SessionNote.objects.filter(client=client).order_by("-session_date", "-created_at")
    if before is not None:
        notes = notes.exclude(pk=before.pk)
    return notes.first()
