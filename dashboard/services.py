"""Writes that span apps: each calls the owning app's services in one transaction."""

from dataclasses import dataclass

from django.db import transaction

from clients import services as client_services
from intake.services import intake_links_cancel_unused
from schedule.selectors import client_upcoming_appointments
from schedule.services import appointment_cancel

ARCHIVED_REASON = "The client's record was archived."


@dataclass(frozen=True)
class Archived:
    links_cancelled: int
    appointments_cancelled: int


@transaction.atomic
def client_archive(*, client, by):
    """Archive a client, cancel their unused intake links (an archived record takes no new
    answers) and their appointments still to come (a slot kept for someone who is no longer a
    client is lost to others, and its reminder would still go out)."""
    client_services.client_archive(client=client)
    links = intake_links_cancel_unused(client=client)
    upcoming = client_upcoming_appointments(client)
    for appointment in upcoming:
        appointment_cancel(appointment=appointment, by=by, reason=ARCHIVED_REASON)
    return Archived(links_cancelled=links, appointments_cancelled=len(upcoming))
