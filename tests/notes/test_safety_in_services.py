"""The notes services themselves refuse what would harm the client, whoever calls them.

These call the services directly, without the form or the page, as a script, an import or
a future API would.
"""

import pytest
from django.core.exceptions import ValidationError

from notes import services
from notes.models import SessionNote
from tests.factories import make_note, make_submitted_intake


def _data(**fields):
    return {
        "session_date": "2026-11-30",
        "duration_minutes": 60,
        "pain_before": 5,
        "pain_after": 3,
        "complaints": ["quadratus_lumborum"],
        "techniques": ["neuromuscular_therapy"],
        **fields,
    }


def test_deep_tissue_is_refused_for_a_client_on_blood_thinners(on_blood_thinners, alice):
    with pytest.raises(ValidationError) as refused:
        services.note_create(
            client=on_blood_thinners,
            therapist=alice,
            data=_data(techniques=["deep_tissue", "ischemic_compression"]),
        )

    messages = refused.value.message_dict["techniques"]
    assert any("deep tissue" in message for message in messages)
    assert any("ischemic compression" in message for message in messages)
    assert any("anticoagulants" in message for message in messages)
    assert not SessionNote.objects.exists()


def test_deep_pressure_is_refused_for_a_client_on_blood_thinners(on_blood_thinners, alice):
    with pytest.raises(ValidationError) as refused:
        services.note_create(client=on_blood_thinners, therapist=alice, data=_data(pressure="deep"))

    assert "Deep pressure is not suggested" in refused.value.message_dict["pressure"][0]
    assert not SessionNote.objects.exists()


def test_a_draft_cannot_be_changed_to_a_refused_technique(alice_client, complaint_map, alice):
    note = make_note(alice_client)
    make_submitted_intake(alice_client, {"anticoagulants": True})

    with pytest.raises(ValidationError):
        services.note_update(note=note, data=_data(techniques=["deep_tissue"], pressure="deep"))

    note.refresh_from_db()
    assert list(note.techniques.values_list("pk", flat=True)) == ["neuromuscular_therapy"]
    assert note.pressure == ""


def test_gentle_work_is_saved_for_the_same_client(on_blood_thinners, alice):
    note = services.note_create(
        client=on_blood_thinners, therapist=alice, data=_data(pressure="light")
    )

    assert note.pk and note.pressure == "light"


def test_no_new_note_while_a_physician_must_clear_the_client(alice_client, complaint_map, alice):
    make_submitted_intake(alice_client, {"cancer_treatment_now": True})

    with pytest.raises(services.ClearanceNeeded):
        services.note_create(client=alice_client, therapist=alice, data=_data())

    assert not SessionNote.objects.exists()


def test_a_signed_note_is_not_changed_by_the_service(signed_note):
    with pytest.raises(services.NoteIsSigned):
        services.note_update(note=signed_note, data=_data(findings="rewritten"))

    signed_note.refresh_from_db()
    assert signed_note.findings != "rewritten"


# Self-care follows the same cautions (tests/notes/test_self_care_cautions.py).
def test_the_service_refuses_ball_release_for_a_client_on_blood_thinners(on_blood_thinners, alice):
    with pytest.raises(ValidationError) as refused:
        services.note_create(
            client=on_blood_thinners,
            therapist=alice,
            data=_data(self_care=["heat", "ball_release"]),
        )

    assert refused.value.message_dict["self_care"] == [
        "Not suggested: ball release — No deep tissue or forceful pressure (anticoagulants or "
        "bleeding disorder). Untick it, or record what you advised instead."
    ]
    assert not SessionNote.objects.exists()


def test_a_draft_cannot_be_changed_to_ball_release_once_on_blood_thinners(
    alice_client, complaint_map
):
    note = make_note(alice_client)
    make_submitted_intake(alice_client, {"anticoagulants": True})

    with pytest.raises(ValidationError) as refused:
        services.note_update(note=note, data={"self_care": ["ball_release"]})

    message = refused.value.message_dict["self_care"][0]
    assert message.endswith("Untick it, or record what you advised instead.")
    assert list(note.self_care.values_list("pk", flat=True)) == ["side_bend_stretch", "heat"]
