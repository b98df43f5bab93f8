"""Writes for client records."""

from django.db import transaction
from django.utils import timezone

from clients.models import Client


@transaction.atomic
def client_archive(*, client):
    """Archive a client: their records are kept and can be restored."""
    client.archived_at = timezone.now()
    client.save(update_fields=["archived_at", "updated_at"])
    return client


@transaction.atomic
def client_restore(*, client):
    client.archived_at = None
    client.save(update_fields=["archived_at", "updated_at"])
    return client


@transaction.atomic
def client_create(*, therapist, **details):
    """A new client record of `therapist`'s, checked before it is saved."""
    client = Client(therapist=therapist, **details)
    client.full_clean()
    client.save()
    return client


@transaction.atomic
def client_update_details(*, client, details):
    """Copy `details` (field name -> value, e.g. a submitted intake's answers) onto the
    record, checked before it is saved; fields not named are left as they are."""
    for name, value in details.items():
        setattr(client, name, value)
    client.full_clean()
    client.save(update_fields=[*details, "updated_at"])
    return client
