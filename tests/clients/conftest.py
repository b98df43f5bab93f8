"""Session-note fixtures: the complaint map, a draft note and a signed one for Alice's client.

Browser tests flush the database, so the map (loaded by a data migration) is re-loaded here
for every test that needs it.
"""

import datetime

import pytest
from django.utils import timezone

from clients import services
from clients.models import Complaint, SelfCareItem, Technique
from clients.techniques import load_map


@pytest.fixture
def complaint_map(db):
    load_map(Complaint, Technique, SelfCareItem)


def note_form_data(**overrides):
    """A valid POST of the session-note form."""
    data = {
        "session_date": timezone.localdate().isoformat(),
        "duration_minutes": "60",
        "subjective": "Ache in the right low back after gardening.",
        "pain_before": "6",
        "complaints": ["quadratus_lumborum"],
        "findings": "Right QL hypertonic, trigger point at L3 level.",
        "techniques": ["neuromuscular_therapy", "muscle_energy_technique"],
        "pressure": "moderate",
        "assessment": "Muscular low back pain, responding.",
        "plan": "Weekly for three weeks.",
        "self_care": ["side_bend_stretch", "heat"],
        "self_care_notes": "",
        "pain_after": "3",
        "save": "1",
    }
    data.update(overrides)
    return data


def make_note(client, *, day=None, pain_before=6, pain_after=3, **fields):
    cautions = services.client_cautions(client)
    assert not cautions.needs_clearance
    data = {
        "session_date": day or timezone.localdate(),
        "duration_minutes": 60,
        "subjective": "Ache in the right low back after gardening.",
        "pain_before": pain_before,
        "pain_after": pain_after,
        "complaints": ["quadratus_lumborum"],
        "techniques": ["neuromuscular_therapy"],
        "self_care": ["side_bend_stretch", "heat"],
        **fields,
    }
    return services.note_create(client=client, therapist=client.therapist, data=data)


@pytest.fixture
def note(alice_client, complaint_map):
    return make_note(alice_client, day=timezone.localdate() - datetime.timedelta(days=1))


@pytest.fixture
def signed_note(note, alice):
    return services.note_sign(note=note, user=alice)
