"""Writes that span apps: each calls the owning app's services in one transaction."""

from django.db import transaction

from clients import services as client_services
from intake.services import intake_links_cancel_unused


@transaction.atomic
def client_archive(*, client):
    """Archive a client and cancel their unused intake links, so an archived record takes no
    new answers. Returns how many links were cancelled."""
    client_services.client_archive(client=client)
    return intake_links_cancel_unused(client=client)
