"""Writes for clearances. Each is one transaction."""

from django.db import transaction

from clearance.models import Clearance
from clients.models import Client

ANSWER_FIELDS = ("outcome", "restrictions", "physician_name", "received_on", "notes")


def _same_answer(recorded, new):
    return all(getattr(recorded, name) == getattr(new, name) for name in ANSWER_FIELDS)


@transaction.atomic
def clearance_record(
    *,
    client,
    recorded_by,
    outcome,
    received_on,
    restrictions="",
    physician_name="",
    notes="",
    is_repeat=lambda latest: True,
):
    """Record a physician's answer about massage for `client`.

    The same answer as the client's latest one is a double submit (when `is_repeat(latest)`
    agrees): that one is returned and nothing new is stored.
    """
    # Locking the client makes a second, simultaneous submit wait and then see the first.
    client = Client.objects.select_for_update().get(pk=client.pk)
    if outcome != Clearance.Outcome.RESTRICTED:
        restrictions = restrictions.strip()
    clearance = Clearance(
        client=client,
        outcome=outcome,
        restrictions=restrictions,
        physician_name=physician_name,
        received_on=received_on,
        notes=notes,
        recorded_by=recorded_by,
    )
    clearance.full_clean()
    latest = client.clearances.order_by("-recorded_at", "-pk").first()
    if latest is not None and _same_answer(latest, clearance) and is_repeat(latest):
        return latest
    clearance.save()
    return clearance
