"""Writes for clearances, and the care hold kept on the client's record. Each is one
transaction."""

from django.core.exceptions import ValidationError
from django.db import transaction

from clearance.models import Clearance
from clearance.status import care_status
from clients.models import Client

ANSWER_FIELDS = (
    "outcome",
    "restrictions",
    "physician_name",
    "received_on",
    "notes",
    "allows_neck_work",
)


def _same_answer(recorded, new):
    return all(getattr(recorded, name) == getattr(new, name) for name in ANSWER_FIELDS)


def client_care_hold_refresh(*, client):
    """Work out the client's care status from their history again and store what holds their
    sessions on their record (Client.care_hold, care_hold_since), for the dashboard. Called by
    every write of a screening (intake.signals), an answer given in person or a clearance."""
    client_pk = getattr(client, "pk", client)
    care = care_status(client_pk)
    Client.objects.filter(pk=client_pk).update(care_hold=care.hold, care_hold_since=care.hold_since)
    return care


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
    allows_neck_work=False,
    is_repeat=lambda latest: True,
):
    """Record a physician's answer about massage for `client`.

    The answer is given for the flags that hold the client's sessions now (what a letter
    asked about), or, with none held, for the neck or head emergency flags that still ban
    neck work: their ids are stored with it (Clearance.flag_ids). Neck work can be allowed
    only by an answer that clears massage, given for a neck or head emergency flag.

    The same answer as the client's latest one is a double submit (when `is_repeat(latest)`
    agrees): that one is returned and nothing new is stored.
    """
    # Locking the client makes a second, simultaneous submit wait and then see the first.
    client = Client.objects.select_for_update().get(pk=client.pk)
    if outcome != Clearance.Outcome.RESTRICTED:
        restrictions = restrictions.strip()
    care = care_status(client)
    if allows_neck_work and not care.neck_ban:
        raise ValidationError(
            {"allows_neck_work": "No neck or head emergency flag restricts neck work."}
        )
    clearance = Clearance(
        client=client,
        outcome=outcome,
        restrictions=restrictions,
        physician_name=physician_name,
        received_on=received_on,
        notes=notes,
        allows_neck_work=allows_neck_work,
        flag_ids=care.outstanding_flag_ids,
        recorded_by=recorded_by,
    )
    clearance.full_clean()
    latest = client.clearances.order_by("-recorded_at", "-pk").first()
    if latest is not None and _same_answer(latest, clearance) and is_repeat(latest):
        return latest
    clearance.save()
    client_care_hold_refresh(client=client)
    return clearance
