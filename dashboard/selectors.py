"""Reads for the pages that bring every part of a client's care together: the therapist's
dashboard and the client page. The only app that reads from all the others."""

from dataclasses import dataclass

from django.utils import timezone

from clearance.status import clients_needing_clearance
from clients.models import Client
from clients.selectors import recent_clients
from intake.selectors import intakes_to_review, urgency_of
from intake.tiers import TIER_LABELS
from notes.selectors import todays_sessions
from referrals import selectors as referral_selectors
from referrals.models import ReferralLetter


def clients_to_clear(user):
    """The therapist's active clients who need a physician's clearance, most urgent first."""
    return list(
        clients_needing_clearance(Client.objects.for_therapist(user).active())
        .annotate(urgency=urgency_of("screening_tier"))
        .order_by("urgency", "-screening_submitted_at", "pk")
    )


def dashboard_panels(user):
    """What the dashboard shows; every panel is present even while it is empty."""
    return {
        "recent_clients": recent_clients(user),
        "client_count": Client.objects.for_therapist(user).active().count(),
        "intakes_to_review": intakes_to_review(user),
        "clients_needing_clearance": clients_to_clear(user),
        "todays_sessions": todays_sessions(user),
        "outstanding_referrals": referral_selectors.outstanding_referrals(user),
        "unfinished_referrals": referral_selectors.unfinished_referrals(user),
        "today": timezone.localdate(),
    }


@dataclass(frozen=True)
class TimelineEntry:
    date: object
    kind: str  # "intake", "session", "referral", "clearance"
    title: str
    detail: str = ""
    url: str = ""
    tier: str = ""


TIMELINE_ORDER = {"session": 0, "clearance": 1, "referral": 2, "intake": 3}


def client_timeline(client, intakes, notes):
    """Intakes, sessions, referral letters and clearances of one client, newest first."""
    entries = []
    for intake in intakes:
        if not intake.is_submitted:
            continue
        tier = intake.original_tier or ""
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
    for note in notes:
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
    for letter in ReferralLetter.objects.filter(client=client).defer("pdf"):
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
    for clearance in client.clearances.all():
        entries.append(
            TimelineEntry(
                date=clearance.received_on,
                kind="clearance",
                title=clearance.get_outcome_display(),
                detail=clearance.physician_name or "",
            )
        )
    entries.sort(key=lambda e: (e.date, -TIMELINE_ORDER.get(e.kind, 9)), reverse=True)
    return entries
