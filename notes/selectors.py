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
    """Every note of a client, newest first, with what the sessions table shows of each
    (a queryset: the client page reads one page of it)."""
    return (
        client.session_notes.only(
            "client",
            "session_date",
            "created_at",
            "pain_before",
            "pain_after",
            "psfs_activity_1",
            "psfs_score_1",
            "psfs_activity_2",
            "psfs_score_2",
            "psfs_activity_3",
            "psfs_score_3",
            "signed_at",
        )
        .prefetch_related("complaints")
        .order_by("-session_date", "-created_at", "-pk")
    )


def pain_series(client, limit):
    """The pain scores of the client's latest `limit` sessions, oldest first, for the chart:
    plain values, not notes."""
    from notes.pain_chart import PainPoint

    rows = client.session_notes.order_by("-session_date", "-created_at", "-pk").values_list(
        "session_date",
        "created_at",
        "pain_before",
        "pain_after",
        "psfs_score_1",
        "psfs_score_2",
        "psfs_score_3",
    )[:limit]
    return [PainPoint(*row[:4], psfs_scores=row[4:]) for row in reversed(rows)]
