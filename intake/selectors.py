"""Reads about a client's screenings that other features rely on."""

import datetime
from dataclasses import dataclass

from django.db.models import Case, IntegerField, OuterRef, Subquery, Value, When
from django.db.models.functions import Coalesce
from django.utils import timezone

from clients.selectors import clients_for_user, is_owner, treated_clients, treats_clients
from intake.models import Intake, Screening
from screening.tiers import TIER_ORDER, urgency

# The order that makes a screening a client's latest; pk breaks a tie of equal times. Within
# an intake, the latest counted screening is the one made after the latest answers in person.
LATEST_FIRST = ("-intake__submitted_at", "-created_at", "-pk")
OLDEST_FIRST = ("intake__submitted_at", "created_at", "pk")


def latest_screening_of_client(client):
    """The client's counted screenings (each intake's original and those made after answers
    given in person), latest first (`client` may be an OuterRef): the first is the one that
    counts for the intake the client submitted last."""
    return Screening.objects.counted().filter(intake__client=client).order_by(*LATEST_FIRST)


def latest_screening(client):
    """The screening that counts for the intake the client submitted last, or None."""
    return latest_screening_of_client(client).select_related("intake").first()


def screening_history(client):
    """Every counted screening of the client's submitted intakes, oldest first, with its
    intake (clearance.status reads the history from it: one query)."""
    return list(
        Screening.objects.counted()
        .filter(intake__client=client, intake__submitted_at__isnull=False)
        .select_related("intake")
        .defer("intake__draft_answers", "intake__sections_done")
        .order_by(*OLDEST_FIRST)
    )


def urgency_of(field):
    """0 for emergency ... 3 for clear (4 when missing), to sort the most urgent first in SQL."""
    return Case(
        *(When(**{field: tier}, then=Value(urgency(tier))) for tier in TIER_ORDER),
        default=Value(len(TIER_ORDER)),
        output_field=IntegerField(),
    )


def _effective(column):
    """The `column` (or expression) of the screening that counts for the intake of the
    outer row."""
    counted = Screening.objects.counted().filter(intake=OuterRef("pk"))
    if not isinstance(column, str):
        counted, column = counted.annotate(value=column), "value"
    return Subquery(counted.order_by("-created_at", "-pk").values(column)[:1])


def _effective_urgency():
    """urgency_of the tier that counts for the outer intake, computed inside one subquery:
    urgency_of(screening_tier) would repeat the tier's subquery in each branch of the CASE
    (five a row, in the database, for every intake sorted)."""
    return Coalesce(
        _effective(urgency_of("tier")), Value(len(TIER_ORDER)), output_field=IntegerField()
    )


def with_screening_tier(intakes):
    """Each intake carries `screening_tier`, the tier of the screening that counts for it
    (None until submitted): the original, or the one made after answers given in person."""
    return intakes.annotate(screening_tier=_effective("tier"))


def intakes_to_review(user, *, therapist_id=None):
    """Submitted intakes not yet reviewed: emergency, then refer, caution, clear; oldest first.

    A queryset, so a page of it is read and counted in SQL. Each carries `screening_tier` and
    `screening_flags`, the flags of the screening that counts, most urgent first. None for a
    role that sees no health data (clients.selectors.treats_clients); the owner's are the
    practice's (or one therapist's: clients.selectors.treated_clients).
    """
    intakes = Intake.objects.awaiting_review()
    if not treats_clients(user):
        intakes = intakes.none()
    elif is_owner(user):
        intakes = intakes.filter(client__in=treated_clients(user, therapist_id=therapist_id))
    else:
        intakes = intakes.filter(client__therapist=user)
    return (
        with_screening_tier(intakes)
        .annotate(screening_flags=_effective("flags"))
        .select_related("client")
        .only("submitted_at", "client__first_name", "client__last_name", "client__therapist")
        .annotate(urgency=_effective_urgency())
        .order_by("urgency", "submitted_at", "pk")
    )


def client_intakes(client):
    """A client's intakes, newest first, each with `screening_tier` (None until submitted);
    without their answers, which the list does not show (a JSON document each)."""
    intakes = client.intakes.defer("answers", "draft_answers")
    return list(with_screening_tier(intakes).order_by("-created_at", "-pk"))


@dataclass(frozen=True)
class IntakeStatus:
    """Where a client's latest intake link stands, for a list of clients (the schedule, the
    dashboard). `tier` is clinical: a page for the front desk must not show it."""

    label: str
    expires_at: datetime.datetime | None = None
    intake: Intake | None = None
    tier: str = ""

    @property
    def is_waiting(self):
        """Sent, opened or in progress: the client still has something to fill in."""
        return self.intake is not None and self.intake.is_open


NO_INTAKE = IntakeStatus(label="No intake")


def latest_intakes(intakes):
    """Of `intakes`, each client's latest link (by creation), with `screening_tier`, without
    the answers and drafts (status reads none of them): one query."""
    latest = Intake.objects.filter(client=OuterRef("client")).order_by("-created_at", "-pk")
    return with_screening_tier(
        intakes.filter(pk=Subquery(latest.values("pk")[:1])).defer("answers", "draft_answers")
    )


# What a link's status (Intake.status_label, is_open) reads: a week's forty rows need no
# more (each datetime column left out is forty parses saved).
STATUS_FIELDS = (
    "client",
    "kind",
    "expires_at",
    "first_opened_at",
    "sections_done",
    "submitted_at",
    "cancelled_at",
)


def intake_status_for_clients(client_ids):
    """{client id: IntakeStatus} for every id in `client_ids` (NO_INTAKE for a client with no
    link), from one query whatever their number."""
    ids = list(client_ids)
    found = {
        intake.client_id: IntakeStatus(
            label=intake.status_label,
            expires_at=intake.expires_at,
            intake=intake,
            tier=intake.screening_tier or "",
        )
        for intake in latest_intakes(Intake.objects.filter(client_id__in=ids))
        .only(*STATUS_FIELDS)
        .order_by()
    }
    return {pk: found.get(pk, NO_INTAKE) for pk in ids}


# How long a link that expired unsubmitted stays in "Waiting for the client" (to resend).
EXPIRED_STILL_SHOWN = datetime.timedelta(days=14)


def intakes_waiting(user, *, therapist_id=None):
    """ "Waiting for the client": links not submitted nor cancelled (those expired in the last
    EXPIRED_STILL_SHOWN too, to send again), soonest expiry first, of the clients the user
    reaches for links (a therapist their own, the owner and front desk the practice's).
    Names, status and expiry only: nothing clinical. `therapist_id` narrows the owner's
    to one therapist's clients."""
    shown_since = timezone.now() - EXPIRED_STILL_SHOWN
    clients = clients_for_user(user, clinical=False)
    if therapist_id is not None and is_owner(user):
        clients = clients.filter(therapist_id=therapist_id)
    return (
        Intake.objects.filter(
            client__in=clients,
            submitted_at__isnull=True,
            cancelled_at__isnull=True,
            expires_at__gt=shown_since,
        )
        .select_related("client")
        .only(
            "kind",
            "expires_at",
            "sent_at",
            "first_opened_at",
            "sections_done",
            "submitted_at",
            "cancelled_at",
            "created_at",
            "client__first_name",
            "client__last_name",
            "client__therapist",
        )
        .order_by("expires_at", "pk")
    )


def intakes_submitted_since(user, since):
    """Intakes submitted since `since` of the clients the user reaches for links, newest
    first: names and times only, for the front desk ("Submitted today", a status, never a
    tier or an answer)."""
    return (
        Intake.objects.filter(
            client__in=clients_for_user(user, clinical=False), submitted_at__gte=since
        )
        .select_related("client")
        .only("submitted_at", "client__first_name", "client__last_name")
        .order_by("-submitted_at", "-pk")
    )
