"""Reads about a client's screenings that other features rely on."""

from django.db.models import Case, F, FilteredRelation, IntegerField, Q, Value, When

from intake.models import Intake, Screening
from intake.tiers import TIER_ORDER, urgency


def latest_screening_of_client(client):
    """The client's original screenings, latest first (`client` may be an OuterRef)."""
    return Screening.objects.filter(intake__client=client, is_rescreen=False).order_by(
        *LATEST_FIRST
    )


# The order that makes a screening a client's latest; pk breaks a tie of equal times.
LATEST_FIRST = ("-intake__submitted_at", "-created_at", "-pk")


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


def with_original_tier(intakes):
    """Each intake carries `original_tier`, the tier of its screening at submission (None
    until submitted): a join, not a subquery repeated wherever the tier is used."""
    return intakes.annotate(
        original=FilteredRelation("screenings", condition=Q(screenings__is_rescreen=False)),
        original_tier=F("original__tier"),
    )


def intakes_to_review(user):
    """Submitted intakes not yet reviewed: emergency, then refer, caution, clear; oldest first.

    A queryset, so a page of it is read and counted in SQL. Each carries `original_tier` and
    `original_flags`, the flags of the screening at submission, most urgent first.
    """
    return (
        with_original_tier(Intake.objects.awaiting_review().filter(client__therapist=user))
        .annotate(original_flags=F("original__flags"))
        .select_related("client")
        .only("submitted_at", "client__first_name", "client__last_name")
        .annotate(urgency=urgency_of("original_tier"))
        .order_by("urgency", "submitted_at", "pk")
    )


def client_intakes(client):
    """A client's intakes, newest first, each with `original_tier` (None until submitted);
    without their answers, which the list does not show (a JSON document each)."""
    intakes = client.intakes.defer("answers", "draft_answers", "sections_done")
    return list(with_original_tier(intakes).order_by("-created_at", "-pk"))
