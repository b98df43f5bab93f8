"""Reads of session notes that other features show."""

from django.utils import timezone

from notes.models import SessionNote


def recent_signed_notes(client, limit):
    """The client's latest `limit` signed notes, oldest first (for a letter's findings)."""
    notes = (
        SessionNote.objects.filter(client=client, signed_at__isnull=False)
        .prefetch_related("techniques")
        .order_by("-session_date", "-pk")[:limit]
    )
    return list(notes)[::-1]


def todays_sessions(user):
    """The therapist's session notes dated today, in the order they were written."""
    return list(
        SessionNote.objects.filter(therapist=user, client__therapist=user)
        .filter(session_date=timezone.localdate())
        .select_related("client")
        .order_by("created_at", "pk")
    )


def client_notes(client):
    """Every note of a client, newest first, with what the client page shows of each."""
    return list(client.session_notes.select_related("therapist").prefetch_related("complaints"))
