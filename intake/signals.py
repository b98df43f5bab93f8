"""The intake app's own signal: a client's screenings changed.

The client's care hold (Client.care_hold) is worked out by clearance.status from their
screenings and clearances. The clearance app sits below this one (tests/test_architecture.py),
so intake's services cannot call it: they send this signal at the end of a write that adds
or removes a counted screening, and clearance/apps.py refreshes the hold. It is sent inside
the service's transaction, so the hold commits (or rolls back) with the screening.
"""

from django.dispatch import Signal

# Sent with `client_id`.
screenings_changed = Signal()
