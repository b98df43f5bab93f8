"""Reads about a client's screening state that other features rely on."""

from dataclasses import dataclass

from intake.models import Screening
from referrals.models import Clearance


@dataclass(frozen=True)
class ClearanceStatus:
    """Whether a client may be treated, and why not.

    `screening` is the latest original screening of a submitted intake; `clearance` the
    latest clearance recorded after it (if any).
    """

    screening: Screening | None
    clearance: Clearance | None

    @property
    def needs_clearance(self):
        if self.screening is None or not self.screening.needs_physician:
            return False
        return self.clearance is None or not self.clearance.lifts_block

    @property
    def restrictions(self):
        """The physician's restrictions that every later session note must show."""
        if self.clearance and self.clearance.outcome == Clearance.Outcome.RESTRICTED:
            return self.clearance.restrictions
        return ""


def latest_screening(client):
    return (
        Screening.objects.filter(intake__client=client, is_rescreen=False)
        .select_related("intake")
        .order_by("-intake__submitted_at", "-created_at")
        .first()
    )


def clearance_status(client):
    screening = latest_screening(client)
    clearance = None
    if screening is not None:
        clearance = (
            Clearance.objects.filter(client=client, recorded_at__gte=screening.created_at)
            .order_by("-recorded_at")
            .first()
        )
    return ClearanceStatus(screening=screening, clearance=clearance)
