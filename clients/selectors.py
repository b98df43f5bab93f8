"""Reads for the therapist's dashboard.

Each panel is one function so later features (intake review, referrals, session
notes) fill their own panel without touching the dashboard view.
"""

from django.utils import timezone

from clients.models import Client


def recent_clients(user, limit=8):
    return Client.objects.for_therapist(user).active().order_by("-updated_at")[:limit]


def dashboard_panels(user):
    """What the dashboard shows; every panel is present even while it is empty."""
    return {
        "recent_clients": recent_clients(user),
        "client_count": Client.objects.for_therapist(user).active().count(),
        "intakes_to_review": [],
        "clients_needing_clearance": [],
        "todays_sessions": [],
        "outstanding_referrals": [],
        "today": timezone.localdate(),
    }
