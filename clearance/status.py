"""What may be done for a client today: the one place that decides it.

It reads the client's latest original screening and the latest physician's clearance
recorded after it, and answers whether treatment is blocked until a physician clears it,
which restrictions every session must show, and which techniques the cautions exclude.
`clients_needing_clearance` is the same rule as SQL, for the dashboard; a test keeps the
two equal.
"""

from dataclasses import dataclass, field

from django.db.models import OuterRef, Q, Subquery

from clearance.models import Clearance
from intake.screening import DEEP_TISSUE
from intake.selectors import latest_screening, urgency_of
from intake.tiers import NEEDS_PHYSICIAN, TIER_LABELS

LIFTING_OUTCOMES = (Clearance.Outcome.GRANTED, Clearance.Outcome.RESTRICTED)


@dataclass(frozen=True)
class Exclusion:
    """Why one technique is not suggested (and is refused if chosen)."""

    technique: object  # notes.models.Technique, or anything with .label and .restricted_by
    reasons: tuple[str, ...]

    @property
    def message(self):
        """'Not suggested: ischemic compression — No deep tissue or forceful pressure (...)'."""
        return f"Not suggested: {self.technique.label.lower()} — {'; '.join(self.reasons)}"


@dataclass(frozen=True)
class CareStatus:
    """The client's latest screening, the clearance recorded after it, and what follows.

    `screening` is the latest original screening of a submitted intake (None when the client
    has none); `clearance` the latest clearance recorded at or after it.
    """

    screening: object = None  # intake.models.Screening
    clearance: Clearance | None = None
    # caution id (intake.screening) -> the restriction sentences that exclude it
    excluded_ids: dict = field(default_factory=dict)
    caution_restrictions: tuple[str, ...] = ()

    @property
    def needs_clearance(self):
        """True while an emergency or refer screening has no clearance that lifts it."""
        if self.screening is None or self.screening.tier not in NEEDS_PHYSICIAN:
            return False
        return self.clearance is None or not self.clearance.lifts_block

    @property
    def tier_label(self):
        return TIER_LABELS.get(self.screening.tier, "") if self.screening else ""

    @property
    def physician_restrictions(self):
        """The physician's restrictions that every later session note must show."""
        if self.clearance and self.clearance.outcome == Clearance.Outcome.RESTRICTED:
            return self.clearance.restrictions.strip()
        return ""

    @property
    def blocking_reasons(self):
        """The reasons of the emergency and refer flags that block treatment."""
        if self.screening is None:
            return []
        return [
            flag.get("reason", "")
            for flag in self.screening.flags
            if flag.get("tier") in NEEDS_PHYSICIAN
        ]

    @property
    def restrictions(self):
        """Every restriction sentence to show at the top of a note, physician's first."""
        shown = []
        if self.physician_restrictions:
            shown.append(f"Physician's restrictions: {self.physician_restrictions}")
        shown.extend(self.caution_restrictions)
        return shown

    def exclusion_for(self, technique):
        """Why `technique` must not be used for this client, or None when it may be."""
        reasons = []
        for caution_id in technique.restricted_by or []:
            for sentence in self.excluded_ids.get(caution_id, ()):
                if sentence not in reasons:
                    reasons.append(sentence)
        return Exclusion(technique, tuple(reasons)) if reasons else None

    @property
    def deep_pressure_excluded(self):
        return DEEP_TISSUE in self.excluded_ids


def _cautions_of(screening):
    excluded = {}
    restrictions = []
    for flag in screening.flags if screening is not None else []:
        sentence = flag.get("restriction") or flag.get("reason") or flag.get("id", "")
        if flag.get("restriction") and flag["restriction"] not in restrictions:
            restrictions.append(flag["restriction"])
        for caution_id in flag.get("restricts_techniques") or ():
            excluded.setdefault(caution_id, [])
            if sentence not in excluded[caution_id]:
                excluded[caution_id].append(sentence)
    return excluded, tuple(restrictions)


def care_status(client):
    """What may be done for `client` today (two queries)."""
    screening = latest_screening(client)
    clearance = None
    if screening is not None:
        clearance = (
            Clearance.objects.filter(client=client, recorded_at__gte=screening.created_at)
            .order_by("-recorded_at", "-pk")
            .first()
        )
    excluded, restrictions = _cautions_of(screening)
    return CareStatus(
        screening=screening,
        clearance=clearance,
        excluded_ids=excluded,
        caution_restrictions=restrictions,
    )


def clients_needing_clearance(clients):
    """The clients of a queryset whose care_status(client).needs_clearance is True, most
    urgent first (emergency, then refer; the latest intake first), as one queryset.

    The same "latest original screening" and "latest clearance recorded at or after it" as
    care_status, for every client at once: the latest screening is the copy on the client's
    record (Client.screening_tier, screened_at, screening_submitted_at, kept by
    intake_submit), read from a partial index; the latest clearance after it is a subquery
    per flagged client. Each client carries `clearance_outcome` (None without one).
    """
    latest_clearance = Clearance.objects.filter(
        client=OuterRef("pk"), recorded_at__gte=OuterRef("screened_at")
    ).order_by("-recorded_at", "-pk")
    return (
        clients.filter(screening_tier__in=NEEDS_PHYSICIAN)
        .annotate(clearance_outcome=Subquery(latest_clearance.values("outcome")[:1]))
        .filter(Q(clearance_outcome__isnull=True) | ~Q(clearance_outcome__in=LIFTING_OUTCOMES))
        .order_by(urgency_of("screening_tier"), "-screening_submitted_at", "pk")
    )
