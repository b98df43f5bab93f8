"""The note form offers the structures worth assessing for the areas on the client's pain
map as "Check first": never ticked for the therapist, never called a diagnosis."""

import re

import pytest

from notes.complaint_map import STRUCTURES_TO_ASSESS, structures_to_assess
from screening.questions import PAIN_AREAS
from tests.factories import make_submitted_intake

# docs/clinical/complaint-map.md, "From the pain map to structures worth assessing"
EXPECTED = {
    "neck": ["upper_trapezius", "levator_scapulae", "suboccipitals", "scalenes"],
    "upper_back": ["rhomboids", "levator_scapulae", "erector_spinae"],
    "lower_back": ["quadratus_lumborum", "erector_spinae", "gluteus_medius", "iliopsoas"],
    "buttock": ["gluteus_medius", "gluteus_maximus", "piriformis", "quadratus_lumborum"],
    "hip": ["gluteus_minimus", "piriformis", "iliopsoas", "hamstrings"],
    "thigh": ["gluteus_minimus", "piriformis", "iliopsoas", "hamstrings"],
    "leg_below_knee": ["gluteus_minimus", "piriformis", "sciatic_nerve"],
    "shoulder": ["rotator_cuff", "upper_trapezius", "pectoralis_minor", "scalenes"],
    "other": [],
    # Added to the pain map in version 2; no structures listed for them yet.
    "head": [],
    "arm": [],
    "hand": [],
    "chest": [],
    "abdomen": [],
    "foot": [],
}


def _expected(area):
    return EXPECTED[re.sub(r"_(left|right)$", "", area)]


def test_every_pain_area_of_the_intake_has_an_entry():
    assert set(STRUCTURES_TO_ASSESS) == {area for area, _ in PAIN_AREAS}


@pytest.mark.parametrize("area", [area for area, _ in PAIN_AREAS])
def test_each_pain_area_points_to_its_structures(area):
    assert structures_to_assess([area]) == _expected(area)


def test_several_areas_list_each_structure_once():
    assert structures_to_assess(["neck", "shoulder_right"]) == [
        "upper_trapezius",
        "levator_scapulae",
        "suboccipitals",
        "scalenes",
        "rotator_cuff",
        "pectoralis_minor",
    ]


def test_pain_below_both_knees_is_not_a_referral_pattern():
    assert structures_to_assess(["leg_below_knee_left", "leg_below_knee_right"]) == []


@pytest.mark.parametrize("area", [area for area, _ in PAIN_AREAS if _expected(area)])
def test_the_form_offers_them_to_check_first_unticked(as_alice, alice_client, complaint_map, area):
    make_submitted_intake(alice_client, {"pain_areas": [area]})

    page = as_alice.get(f"/clients/{alice_client.pk}/notes/new/").content.decode()

    listed = re.findall(r'<li data-complaint="([a-z_]+)">', page)
    assert listed == _expected(area)
    assert "Check first" in page and "not a diagnosis" in page
    assert "diagnosis:" not in page.lower()
    for complaint_id in listed:
        assert not re.search(rf'value="{complaint_id}" id="complaint-{complaint_id}" checked', page)


def test_nothing_to_check_first_without_a_pain_map(as_alice, alice_client, complaint_map):
    make_submitted_intake(alice_client, {"pain_areas": ["other"]})

    page = as_alice.get(f"/clients/{alice_client.pk}/notes/new/").content.decode()

    assert 'id="check-first"' not in page


def test_both_knees_point_to_the_both_legs_question(as_alice, alice_client, complaint_map):
    make_submitted_intake(
        alice_client, {"pain_areas": ["leg_below_knee_left", "leg_below_knee_right"]}
    )

    page = as_alice.get(f"/clients/{alice_client.pk}/notes/new/").content.decode()

    assert "Pain below both knees is not a referral pattern" in page
    assert "<li data-complaint=" not in page
