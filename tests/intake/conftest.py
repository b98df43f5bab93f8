"""The intake tests' open link for Alice's client."""

import pytest

from tests.intake.questionnaire import make_link


@pytest.fixture
def link(alice_client):
    """(intake, token) of an open link for Alice's client Zoë."""
    return make_link(alice_client)
