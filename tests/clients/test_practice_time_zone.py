"""Staff pages show times on the practice's clock (Practice settings), not the server's."""

import datetime
import zoneinfo

from django.urls import reverse

from audit.models import Event
from clients.models import Therapist
from tests.factories import make_therapist


def test_the_audit_log_reads_in_the_practices_time_zone(client, practice, alice_client):
    practice.time_zone = "America/Toronto"
    practice.save()
    owner = make_therapist(practice, "olivia", "Olivia", "Grant")
    Therapist.objects.filter(user=owner).update(role=Therapist.Role.OWNER)
    event = Event.objects.filter(object_type="clients.client").latest("at")
    toronto = event.at.astimezone(zoneinfo.ZoneInfo("America/Toronto"))
    utc = event.at.astimezone(datetime.UTC)
    client.force_login(owner)

    page = client.get(reverse("records:audit-log")).content.decode()

    assert f"{toronto:%H:%M}" in page
    assert f"{utc:%Y-%m-%dT%H:%M}" not in page  # the machine-readable time is local too
    assert f"{toronto.day} {toronto:%b %Y}, {toronto:%H:%M}" in page
