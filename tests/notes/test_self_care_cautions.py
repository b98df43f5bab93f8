"""Self-care follows the same cautions as techniques: pressure the client applies alone (the
tennis-ball release) is not suggested to a client on blood thinners, the form says why, the
notes service refuses it whoever calls it, and their handout never lists it.

docs/clinical/hazard-log.md, H-06, action A11.
"""

import html
import re
from importlib import import_module

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.db.migrations.loader import MigrationLoader
from django.urls import reverse

from clearance.status import care_status
from notes import services
from notes.complaint_map import load_map
from notes.models import Complaint, SelfCareItem, SessionNote
from screening.restrictions import DEEP_PRESSURE
from tests.factories import make_note, make_submitted_intake, note_form_data
from tests.pdf import pdf_text

BLOOD_THINNERS = "No deep tissue or forceful pressure (anticoagulants or bleeding disorder)."
BALL_RELEASE_EXCLUDED = f"Not suggested: ball release — {BLOOD_THINNERS}"


def _suggest(as_alice, client, **post):
    return as_alice.post(
        reverse("notes:note-create", args=[client.pk]),
        {"suggest": "1", "complaints": ["quadratus_lumborum"], **post},
    )


def _box(page, item_id):
    match = re.search(rf'<input[^>]*id="self-care-{item_id}"[^>]*>', page)
    assert match, item_id
    return match.group(0)


def test_ball_release_is_not_suggested_for_a_client_on_blood_thinners(as_alice, on_blood_thinners):
    complaints = Complaint.objects.filter(pk="quadratus_lumborum")
    suggestions = services.suggestions_for(complaints, care_status(on_blood_thinners))
    assert [s.pk for s in suggestions.self_care] == ["side_bend_stretch", "heat"]
    assert [e.message for e in suggestions.self_care_exclusions] == [BALL_RELEASE_EXCLUDED]

    response = _suggest(as_alice, on_blood_thinners)

    assert response.status_code == 200
    page = html.unescape(response.content.decode())
    panel = page[page.index('id="suggestions"') : page.index('id="apply-suggestions"')]
    suggested = panel[panel.index('class="suggested-self-care"') :]
    assert "Side-bend stretch" in suggested
    assert '<li data-self-care="ball_release">Ball release</li>' not in panel
    assert "Not suggested for this client" in panel
    assert f'<li data-self-care="ball_release">{BALL_RELEASE_EXCLUDED}</li>' in panel
    # The page's script reads the same answer.
    entry = next(s for s in response.context["note_map"]["self_care"] if s["id"] == "ball_release")
    assert entry == {
        "id": "ball_release",
        "label": "Ball release",
        "excluded": True,
        "reason": BALL_RELEASE_EXCLUDED,
    }


def test_ball_release_is_still_suggested_without_a_caution(as_alice, alice_client, complaint_map):
    response = _suggest(as_alice, alice_client)

    suggestions = response.context["suggestions"]
    assert [s.pk for s in suggestions.self_care] == ["side_bend_stretch", "heat", "ball_release"]
    assert not suggestions.self_care_exclusions
    page = response.content.decode()
    assert '<li data-self-care="ball_release">Ball release</li>' in page
    assert "Not suggested for this client" not in page
    assert "disabled" not in _box(page, "ball_release")
    entry = next(s for s in response.context["note_map"]["self_care"] if s["id"] == "ball_release")
    assert entry["excluded"] is False and entry["reason"] == ""
    note = make_note(alice_client, self_care=["ball_release"])
    assert list(note.self_care.values_list("pk", flat=True)) == ["ball_release"]


def test_the_form_disables_ball_release_and_says_why_for_a_client_on_blood_thinners(
    as_alice, on_blood_thinners
):
    page = html.unescape(
        as_alice.get(reverse("notes:note-create", args=[on_blood_thinners.pk])).content.decode()
    )

    box = _box(page, "ball_release")
    assert "disabled" in box
    assert 'aria-describedby="self-care-ball_release-why"' in box
    assert f'id="self-care-ball_release-why">{BALL_RELEASE_EXCLUDED}</div>' in page
    assert "disabled" not in _box(page, "heat")
    assert "Excluded techniques and self-care are never ticked." in page


def test_a_posted_ball_release_is_refused_next_to_self_care(as_alice, on_blood_thinners):
    response = as_alice.post(
        reverse("notes:note-create", args=[on_blood_thinners.pk]),
        note_form_data(self_care=["heat", "ball_release"]),
    )

    assert response.status_code == 200
    errors = response.context["form"].errors
    assert errors["self_care"][0].startswith(BALL_RELEASE_EXCLUDED.rstrip("."))
    page = html.unescape(response.content.decode())
    errors_html = page[page.index('id="self-care-errors"') :]
    assert "Untick it, or record what you advised instead." in errors_html[:600]
    assert not SessionNote.objects.exists()


def test_apply_suggestions_never_ticks_ball_release_for_a_client_on_blood_thinners(
    as_alice, on_blood_thinners
):
    """Without JavaScript, "Apply suggestions" ticks the allowed self-care only."""
    response = _suggest(as_alice, on_blood_thinners, apply="1")

    page = response.content.decode()
    assert "checked" in _box(page, "side_bend_stretch")
    assert "checked" in _box(page, "heat")
    assert "checked" not in _box(page, "ball_release")


def test_the_handout_never_lists_ball_release_for_a_client_on_blood_thinners(
    as_alice, alice_client, complaint_map, tmp_path
):
    """The service refuses it on a new note; a note written before the caution keeps it on
    the record, but the handout printed now leaves it out."""
    note = make_note(alice_client, self_care=["piriformis_stretch", "ball_release"])
    make_submitted_intake(alice_client, {"anticoagulants": True})

    response = as_alice.get(reverse("notes:handout-pdf", args=[note.pk]))

    assert response.status_code == 200
    text = " ".join(pdf_text(response.content, tmp_path, name="handout.pdf").split())
    assert "Piriformis stretch" in text
    assert "Ball release" not in text and "tennis ball" not in text
    assert set(note.self_care.values_list("pk", flat=True)) == {
        "piriformis_stretch",
        "ball_release",
    }


def test_the_map_restricts_only_the_self_applied_pressure(complaint_map):
    restricted = {s.pk: s.restricted_by for s in SelfCareItem.objects.all() if s.restricted_by}
    assert restricted == {"ball_release": [DEEP_PRESSURE]}


def test_a_self_care_item_with_an_unknown_restriction_id_is_refused(complaint_map):
    item = SelfCareItem(
        id="foam_rolling",
        label="Foam rolling",
        instructions="Roll slowly.",
        source="x",
        restricted_by=["deep"],
    )
    with pytest.raises(ValidationError, match="Unknown restriction id"):
        item.full_clean()


def test_the_migration_restricts_the_ball_release_of_an_existing_map(complaint_map):
    SelfCareItem.objects.filter(pk="ball_release").update(restricted_by=[])
    loader = MigrationLoader(connection)
    # The earlier migrations load the map into a SelfCareItem without the field.
    before = loader.project_state(("notes", "0005_one_deep_pressure_restriction")).apps
    load_map(
        *(before.get_model("notes", name) for name in ("Complaint", "Technique", "SelfCareItem"))
    )
    assert SelfCareItem.objects.get(pk="ball_release").restricted_by == []

    migration = import_module("notes.migrations.0006_self_care_restricted_by").Migration
    load = migration.operations[-1].code
    load(loader.project_state(("notes", "0006_self_care_restricted_by")).apps, None)

    assert SelfCareItem.objects.get(pk="ball_release").restricted_by == [DEEP_PRESSURE]
