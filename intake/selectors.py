"""Reads about a client's screenings that other features rely on."""

from django.db.models import Case, IntegerField, JSONField, OuterRef, Subquery, Value, When

from intake.models import Intake, Screening
from intake.tiers import TIER_ORDER, urgency


def latest_screening_of_client(client):
    """The client's original screenings, latest first (`client` may be an OuterRef)."""
    return Screening.objects.filter(intake__client=client, is_rescreen=False).order_by(
        "-intake__submitted_at", "-created_at"
    )


def latest_screening(client):
    """The screening made when the client last submitted an intake, or None."""
    return latest_screening_of_client(client).select_related("intake").first()


def urgency_of(field):
    """0 for emergency ... 3 for clear (4 when missing), to sort the most urgent first in SQL."""
    return Case(
        *(When(**{field: tier}, then=Value(urgency(tier))) for tier in TIER_ORDER),
        default=Value(len(TIER_ORDER)),
        output_field=IntegerField(),
    )


def _original_screening_of_intake():
    return Screening.objects.filter(intake=OuterRef("pk"), is_rescreen=False)


def intakes_to_review(user):
    """Submitted intakes not yet reviewed: emergency, then refer, caution, clear; oldest first.

    Each carries `original_tier`, the tier of the screening at submission, and `first_flag`,
    its most urgent flag (a dict with at least "reason"), or None.
    """
    intakes = list(
        Intake.objects.awaiting_review()
        .filter(client__therapist=user)
        .select_related("client")
        .annotate(original_tier=Subquery(_original_screening_of_intake().values("tier")[:1]))
        .annotate(
            original_flags=Subquery(
                _original_screening_of_intake().values("flags")[:1], output_field=JSONField()
            )
        )
        .annotate(urgency=urgency_of("original_tier"))
        .order_by("urgency", "submitted_at", "pk")
    )
    for intake in intakes:
        flags = intake.original_flags
        intake.first_flag = flags[0] if isinstance(flags, list) and flags else None
    return intakes


def client_intakes(client):
    """A client's intakes, newest first, each with `original_tier` (None until submitted)."""
    return list(
        client.intakes.annotate(
            original_tier=Subquery(_original_screening_of_intake().values("tier")[:1])
        ).order_by("-created_at", "-pk")
    )
