"""Reads for the therapist's dashboard.

Each panel is one function so later features (intake review, referrals, session
notes) fill their own panel without touching the dashboard view.
"""

from dataclasses import dataclass

from django.apps import apps
from django.db.models import Case, IntegerField, OuterRef, Q, Subquery, Value, When
from django.urls import NoReverseMatch
from django.utils import timezone

from clients.models import Client
from intake.models import Intake, Screening
from intake.tiers import EMERGENCY, REFER, TIER_ORDER
from referrals import selectors as referral_selectors
from referrals.models import Clearance


def recent_clients(user, limit=8):
    return Client.objects.for_therapist(user).active().order_by("-updated_at")[:limit]


def _urgency(field):
    """0 for emergency ... 3 for clear (4 when missing), to sort the most urgent first in SQL."""
    return Case(
        *(When(**{field: tier}, then=Value(index)) for index, tier in enumerate(TIER_ORDER)),
        default=Value(len(TIER_ORDER)),
        output_field=IntegerField(),
    )


def _original_screening_of_intake():
    return Screening.objects.filter(intake=OuterRef("pk"), is_rescreen=False)


def intakes_to_review(user):
    """Submitted intakes not yet reviewed: emergency, then refer, caution, clear; oldest first.

    Each carries `original_tier`, the tier of the screening at submission.
    """
    return list(
        Intake.objects.awaiting_review()
        .filter(client__therapist=user)
        .select_related("client")
        .annotate(original_tier=Subquery(_original_screening_of_intake().values("tier")[:1]))
        .annotate(urgency=_urgency("original_tier"))
        .order_by("urgency", "submitted_at", "pk")
    )


def clients_needing_clearance(user):
    """Active clients whose latest screening is emergency or refer, with no clearance since.

    The queryset form of intake.selectors.clearance_status(client).needs_clearance: the same
    "latest original screening" and "latest clearance recorded at or after it", as two
    subqueries instead of two queries per client. Each client carries `screening_tier`,
    `screening_intake_id`, `screening_submitted_at` and `clearance_outcome`.
    """
    latest = Screening.objects.filter(intake__client=OuterRef("pk"), is_rescreen=False).order_by(
        "-intake__submitted_at", "-created_at"
    )
    latest_clearance = Clearance.objects.filter(
        client=OuterRef("pk"), recorded_at__gte=OuterRef("screening_at")
    ).order_by("-recorded_at")
    lifting = [Clearance.Outcome.GRANTED, Clearance.Outcome.RESTRICTED]
    return list(
        Client.objects.for_therapist(user)
        .active()
        .annotate(
            screening_tier=Subquery(latest.values("tier")[:1]),
            screening_at=Subquery(latest.values("created_at")[:1]),
            screening_intake_id=Subquery(latest.values("intake_id")[:1]),
            screening_submitted_at=Subquery(latest.values("intake__submitted_at")[:1]),
        )
        .filter(screening_tier__in=[EMERGENCY, REFER])
        .annotate(clearance_outcome=Subquery(latest_clearance.values("outcome")[:1]))
        .filter(Q(clearance_outcome__isnull=True) | ~Q(clearance_outcome__in=lifting))
        .annotate(urgency=_urgency("screening_tier"))
        .order_by("urgency", "-screening_submitted_at", "pk")
    )


def client_intakes(client):
    """A client's intakes, newest first, each with `original_tier` (None until submitted)."""
    return list(
        client.intakes.annotate(
            original_tier=Subquery(_original_screening_of_intake().values("tier")[:1])
        ).order_by("-created_at", "-pk")
    )


def dashboard_panels(user):
    """What the dashboard shows; every panel is present even while it is empty."""
    return {
        "recent_clients": recent_clients(user),
        "client_count": Client.objects.for_therapist(user).active().count(),
        "intakes_to_review": intakes_to_review(user),
        "clients_needing_clearance": clients_needing_clearance(user),
        "todays_sessions": todays_sessions(user),
        "outstanding_referrals": referral_selectors.outstanding_referrals(user),
        "unfinished_referrals": referral_selectors.unfinished_referrals(user),
        "today": timezone.localdate(),
    }


# Session notes: today's sessions and the client's timeline.


def todays_sessions(user):
    """The therapist's session notes dated today, in the order they were written."""
    from clients.models import SessionNote

    return list(
        SessionNote.objects.filter(therapist=user, client__therapist=user)
        .filter(session_date=timezone.localdate())
        .select_related("client")
        .order_by("created_at", "pk")
    )


@dataclass(frozen=True)
class TimelineEntry:
    date: object
    kind: str  # "intake", "session", "referral", "clearance"
    title: str
    detail: str = ""
    url: str = ""
    tier: str = ""


def _url_of(obj):
    try:
        return obj.get_absolute_url()
    except NoReverseMatch:  # a page another feature has not added yet
        return ""


def client_timeline(client):
    """Intakes, sessions, referral letters and clearances of one client, newest first."""
    from intake.tiers import TIER_LABELS

    entries = []
    for intake in client_intakes(client):
        if not intake.is_submitted:
            continue
        tier = intake.original_tier or ""
        entries.append(
            TimelineEntry(
                date=timezone.localdate(intake.submitted_at),
                kind="intake",
                title="Intake submitted",
                detail=f"Screening: {TIER_LABELS[tier]}" if tier in TIER_LABELS else "",
                url=_url_of(intake),
                tier=tier,
            )
        )
    for note in client.session_notes.all():
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
    try:
        ReferralLetter = apps.get_model("referrals", "ReferralLetter")
    except LookupError:
        ReferralLetter = None
    if ReferralLetter is not None:
        for letter in ReferralLetter.objects.filter(client=client):
            day = getattr(letter, "sent_on", None) or getattr(letter, "letter_date", None)
            entries.append(
                TimelineEntry(
                    date=day or timezone.localdate(letter.created_at),
                    kind="referral",
                    title="Referral letter",
                    detail=", ".join(
                        part
                        for part in (letter.physician_name, letter.get_status_display())
                        if part
                    ),
                    url=_url_of(letter),
                )
            )
    for clearance in client.clearances.all():
        entries.append(
            TimelineEntry(
                date=clearance.received_on,
                kind="clearance",
                title=clearance.get_outcome_display(),
                detail=clearance.physician_name or "",
            )
        )
    order = {"session": 0, "clearance": 1, "referral": 2, "intake": 3}
    entries.sort(key=lambda e: (e.date, -order.get(e.kind, 9)), reverse=True)
    return entries
