"""The emails the schedule sends on its own, through the outbox (messaging)."""


def appointment_messages_queue(appointment, *, moved=False):
    """Queue the appointment's messages (filled in once the outbox lands)."""


def appointment_messages_supersede(appointment, *, reason):
    """Supersede the appointment's pending messages (filled in once the outbox lands)."""
