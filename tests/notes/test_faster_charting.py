"""Faster charting: "Apply suggestions" ticks what the map suggests (never what the client's
cautions exclude) and saves nothing; "Save and sign" saves and signs in one step."""

import re

from notes.models import SessionNote
from tests.factories import make_submitted_intake, note_form_data


def _ticked(page, name):
    return re.findall(rf'name="{name}" value="([a-z_]+)" id="[a-z-]+[a-z_]+" checked', page)


def test_apply_suggestions_ticks_them_without_saving(as_alice, alice_client, complaint_map):
    response = as_alice.post(
        f"/clients/{alice_client.pk}/notes/new/",
        note_form_data(complaints=["piriformis"], techniques=[], self_care=[], apply="1"),
    )

    page = response.content.decode()
    assert _ticked(page, "techniques") == [
        "muscle_energy_technique",
        "glute_massage",
        "myofascial_release",
        "stretching_gentle",
    ]
    assert _ticked(page, "self_care") == ["heat", "ball_release", "piriformis_stretch"]
    assert "Right QL hypertonic" in page  # what was typed is kept
    assert not SessionNote.objects.exists()


def test_apply_suggestions_never_ticks_an_excluded_technique(as_alice, alice_client, complaint_map):
    make_submitted_intake(alice_client, {"anticoagulants": True})

    page = as_alice.post(
        f"/clients/{alice_client.pk}/notes/new/",
        note_form_data(complaints=["quadratus_lumborum"], techniques=[], apply="1"),
    ).content.decode()

    assert _ticked(page, "techniques") == ["neuromuscular_therapy", "muscle_energy_technique"]
    assert 'value="ischemic_compression" id="technique-ischemic_compression" disabled' in page


def test_apply_suggestions_leaves_out_deep_work_with_the_scalenes(
    as_alice, alice_client, complaint_map
):
    page = as_alice.post(
        f"/clients/{alice_client.pk}/notes/new/",
        note_form_data(complaints=["scalenes", "upper_trapezius"], techniques=[], apply="1"),
    ).content.decode()

    assert "trigger_point_full_pressure" not in _ticked(page, "techniques")
    assert "trigger_point_gentle" in _ticked(page, "techniques")


def test_save_and_sign_signs_the_new_note(as_alice, alice_client, complaint_map, alice):
    data = note_form_data(sign="1")
    del data["save"]

    response = as_alice.post(f"/clients/{alice_client.pk}/notes/new/", data)

    note = SessionNote.objects.get()
    assert response.status_code == 302 and note.is_signed and note.signed_by == alice


def test_save_and_sign_a_draft(as_alice, note, alice):
    data = note_form_data(findings="Checked again", sign="1")

    as_alice.post(f"/notes/{note.pk}/edit/", data)

    note.refresh_from_db()
    assert note.is_signed and note.findings == "Checked again"


def test_save_and_sign_signs_nothing_that_is_refused(as_alice, alice_client, complaint_map):
    make_submitted_intake(alice_client, {"anticoagulants": True})

    response = as_alice.post(
        f"/clients/{alice_client.pk}/notes/new/",
        note_form_data(techniques=["deep_tissue"], sign="1"),
    )

    assert response.status_code == 200 and not SessionNote.objects.exists()


def test_the_actions_bar_has_no_inline_script_or_style(as_alice, alice_client, complaint_map):
    page = as_alice.get(f"/clients/{alice_client.pk}/notes/new/").content.decode()

    assert 'id="note-actions"' in page and "Save and sign" in page
    assert " style=" not in page and " onclick=" not in page
    assert not re.search(r"<script(?![^>]*(src=|application/json))", page)
