"""What may be done for a client today: the one place that decides it.

It reads the client's latest original screening and the latest physician's clearance
recorded after it, and answers whether treatment is blocked until a physician clears it,
which restrictions every session must show, and which techniques the cautions exclude.
`clients_needing_clearance` is the same rule as SQL, for the dashboard; a test keeps the
two equal.
"""

from dataclasses import dataclass, field

from clearance.models import Clearance
from intake.screening import DEEP_TISSUE
from intake.selectors import latest_screening, latest_screenings_of_clients
from intake.tiers import NEEDS_PHYSICIAN, TIER_LABELS, urgency

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
    urgent first (emergency, then refer; the latest intake first), in three queries.

    The same "latest original screening" and "latest clearance recorded at or after it" as
    care_status, for every client at once: one ranked query of the latest screenings that ask
    for a physician, one of those clients' clearances, one of the clients. Each client
    carries `screening_tier`, `screening_intake_id`, `screening_submitted_at` and
    `clearance_outcome`.
    """
    flagged = {
        row["intake__client_id"]: row
        for row in latest_screenings_of_clients(clients)
        .filter(latest_tier__in=NEEDS_PHYSICIAN)
        .values("intake__client_id", "tier", "created_at", "intake_id", "intake__submitted_at")
    }
    outcome = {}
    for clearance in (
        Clearance.objects.filter(client_id__in=flagged)
        .order_by("recorded_at", "pk")
        .values("client_id", "outcome", "recorded_at")
    ):
        if clearance["recorded_at"] >= flagged[clearance["client_id"]]["created_at"]:
            outcome[clearance["client_id"]] = clearance["outcome"]
    waiting = [pk for pk in flagged if outcome.get(pk) not in LIFTING_OUTCOMES]
    found = []
    for client in clients.filter(pk__in=waiting):
        row = flagged[client.pk]
        client.screening_tier = row["tier"]
        client.screening_intake_id = row["intake_id"]
        client.screening_submitted_at = row["intake__submitted_at"]
        client.clearance_outcome = outcome.get(client.pk)
        found.append(client)
    found.sort(key=lambda c: (c.pk,))
    found.sort(key=lambda c: c.screening_submitted_at, reverse=True)
    found.sort(key=lambda c: urgency(c.screening_tier))
    return found
