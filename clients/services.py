"""Writes for client records.

Each write locks the client's row and saves only the fields it is about, so two people (or a
therapist and a client's submitted intake) changing different things do not undo each other.
"""

from django.db import transaction
from django.utils import timezone

from audit.tracking import save_with_old_values
from clients.models import Client, Practice
from clients.submission import create_once


def _lock(client):
    return Client.objects.select_for_update().get(pk=client.pk)


@transaction.atomic
def client_archive(*, client):
    """Archive a client: their records are kept and can be restored."""
    _lock(client)
    client.archived_at = timezone.now()
    client.save(update_fields=["archived_at", "updated_at"])
    return client


@transaction.atomic
def client_restore(*, client):
    _lock(client)
    client.archived_at = None
    client.save(update_fields=["archived_at", "updated_at"])
    return client


@transaction.atomic
def client_create(*, therapist, submission_key="", **details):
    """A new client record of `therapist`'s, checked before it is saved.

    The same form posted twice (its `submission_key`, see clients.submission) adds the
    client once; the second call returns the first call's record.
    """

    def create():
        client = Client(therapist=therapist, submission_key=submission_key or None, **details)
        client.full_clean(validate_unique=False)
        client.save()
        return client

    client, _ = create_once(
        Client.objects.filter(therapist=therapist), key=submission_key, create=create
    )
    return client


@transaction.atomic
def client_update_details(*, client, details):
    """Copy `details` (field name -> value, e.g. a submitted intake's answers) onto the
    record, checked before it is saved; fields not named are left as they are."""
    _lock(client)
    return client_update_details_locked(client=client, details=details)


def client_update_details_locked(*, client, details, check_constraints=True, read_locked=False):
    """client_update_details for a caller whose transaction already holds the client's row
    lock (a submitted intake locks it with the intake). Only the named fields are checked:
    the others are not changed, and checking them would read the database (the therapist's
    row, for one). `check_constraints=False` is for a caller that has checked the values
    already (the database still enforces the constraints). `read_locked`: `client` itself
    was read under that lock, so its values are the row's and the audit trail takes the old
    values from it instead of reading the row again."""
    fields = [client._meta.get_field(name) for name in details]
    old = {field.attname: getattr(client, field.attname) for field in fields}
    for name, value in details.items():
        setattr(client, name, value)
    others = [f.name for f in client._meta.concrete_fields if f.name not in details]
    client.full_clean(exclude=others, validate_unique=False, validate_constraints=check_constraints)
    if read_locked:
        save_with_old_values(client, old, update_fields=[*details, "updated_at"])
    else:
        client.save(update_fields=[*details, "updated_at"])
    return client


@transaction.atomic
def client_reminders_stop(*, client):
    """The client asked (by the link in a reminder) not to be sent appointment reminders.
    Confirmations and questionnaire links still go out: they are part of the booking."""
    locked = _lock(client)
    if not locked.reminders_opt_out:
        locked.reminders_opt_out = True
        locked.save(update_fields=["reminders_opt_out", "updated_at"])
    client.reminders_opt_out = True
    return client


# What the owner's Practice settings page changes (records.views.practice_settings).
PRACTICE_SETTINGS = (
    "name",
    "address",
    "phone",
    "email",
    "website",
    "letter_page_size",
    "time_zone",
    "record_retention_years",
)


@transaction.atomic
def practice_update(*, practice, details):
    """Copy `details` (field name -> value, of PRACTICE_SETTINGS) onto the practice, checked
    (a time zone we know, a retention of at most 100 years) before it is saved. The audit
    trail records the change with its old and new values (audit.tracking)."""
    unknown = set(details) - set(PRACTICE_SETTINGS)
    if unknown:
        raise ValueError(f"Not a practice setting: {', '.join(sorted(unknown))}")
    locked = Practice.objects.select_for_update().get(pk=practice.pk)
    for name, value in details.items():
        setattr(locked, name, value)
    locked.full_clean()
    locked.save(update_fields=[*details, "updated_at"])
    return locked
