"""How long a client's health record must be kept: the practice's retention period, counted
from the client's last visit. Shown where a record is erased; erasing inside it is still
possible (a client's request, a court order), with a reason the audit trail keeps."""

from dataclasses import dataclass
from datetime import date

from dateutil.relativedelta import relativedelta
from django.db.models import Max
from django.utils import timezone

from clients.selectors import therapist_profile
from intake.models import Intake
from notes.models import SessionNote


@dataclass(frozen=True)
class Retention:
    years: int
    last_visit: date | None  # the latest session note's date
    last_intake: date | None  # the latest questionnaire sent back, for a client never seen
    today: date

    @property
    def counted_from(self):
        """The day the period runs from: the last visit, or without one the last intake
        (a health record too); None for a client with no health record yet."""
        return self.last_visit or self.last_intake

    @property
    def until(self):
        start = self.counted_from
        return start + relativedelta(years=self.years) if start else None

    @property
    def inside(self):
        """The record is still within the period the practice must keep it."""
        return self.until is not None and self.today < self.until


def retention_of(client):
    """The retention of `client`'s record under their practice's period."""
    profile = therapist_profile(client.therapist)
    years = profile.practice.record_retention_years if profile else 0
    last_visit = SessionNote.objects.filter(client=client).aggregate(day=Max("session_date"))
    last_intake = Intake.objects.filter(client=client).aggregate(at=Max("submitted_at"))["at"]
    return Retention(
        years=years,
        last_visit=last_visit["day"],
        last_intake=timezone.localdate(last_intake) if last_intake else None,
        today=timezone.localdate(),
    )
