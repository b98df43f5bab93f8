"""Reads of client records."""

from django.shortcuts import get_object_or_404

from clients.models import Client, Therapist


def get_client_for_user(user, pk):
    """A therapist reaches only their own clients; anyone else's is a 404, not a 403, so
    the existence of a record is not revealed. Every page that shows a client uses this."""
    return get_object_or_404(Client, pk=pk, therapist=user)


def recent_clients(user, limit=8):
    """The therapist's latest updated active clients: their names, links and update times."""
    clients = Client.objects.for_therapist(user).active().order_by("-updated_at", "-pk")
    return clients.only("first_name", "last_name", "updated_at")[:limit]


def therapist_profile(user):
    """The user's therapist profile (practice, credentials), or None for a staff login
    without one (an administrator, say)."""
    try:
        return user.therapist
    except Therapist.DoesNotExist:
        return None
