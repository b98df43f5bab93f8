"""In the session-note tests Alice's client has sent an intake answered no throughout: a
note is refused for a client whose health is unknown (tests/notes/test_enforcement.py)."""

import pytest

from tests.factories import make_submitted_intake


@pytest.fixture
def alice_client(alice_client):
    make_submitted_intake(alice_client, {})
    return alice_client


@pytest.fixture
def on_blood_thinners(alice_client, complaint_map):
    """Alice's client with a later intake on anticoagulants: the deep-pressure caution."""
    make_submitted_intake(alice_client, {"anticoagulants": True})
    return alice_client
