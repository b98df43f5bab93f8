"""What each rule takes away from a session, and the words every rule gives: pinned, so a
rule weakened in screening/rules.py (a restriction emptied, a reason gone, a source dropped)
fails here and not only at the next clinical review (found by mutation testing,
docs/mutation.md)."""

import datetime
import re

import pytest

from clearance.status import care_status
from notes import services as notes
from screening.engine import screen
from screening.restrictions import DEEP_PRESSURE
from screening.rules import RULES, RULES_BY_ID, RULES_VERSION
from tests.factories import make_note, make_submitted_intake
from tests.intake.test_screening import TRIGGER_IDS, TRIGGERS

ON = datetime.date(2026, 6, 15)

# rule id -> (the sentence shown at the top of every session note, whether it takes deep or
# forceful pressure off the suggestions). Every other rule restricts nothing.
RESTRICTIONS = {
    "thunderclap_headache": ("No neck work until a physician's clearance allows it.", False),
    "cervical_arterial_signs": ("No neck work until a physician's clearance allows it.", False),
    "dizziness_with_neck_signs": ("No neck work until a physician's clearance allows it.", False),
    "meningitis": ("No neck work until a physician's clearance allows it.", False),
    "fracture_risk": ("Light pressure only, no forceful joint work (fragile bones).", True),
    "fragility_fracture_age": (
        "Light pressure only, no forceful joint work (possible fragile bones).",
        True,
    ),
    "recent_clot": ("No deep or forceful pressure; never massage the limb with the clot.", True),
    "recent_fracture": ("No deep or forceful pressure near the fracture (healing bone).", True),
    "recent_surgery": (
        "No deep pressure near the surgical site until 6 weeks after surgery.",
        True,
    ),
    "high_risk_pregnancy": (
        "Side-lying positions, no deep pressure on the legs (pregnancy).",
        True,
    ),
    "cancer_treatment": (
        "No deep pressure without the oncologist's clearance (cancer treatment).",
        True,
    ),
    "dizziness_alone": (
        "Let the client rise slowly from the table; no sustained end-range neck positions "
        "(dizziness).",
        False,
    ),
    "fever_postpone": (
        "Postpone massage until the client is well (fever or feeling unwell).",
        False,
    ),
    "radicular_pain": ("Gentle work only; no deep pressure along the nerve (sciatica).", True),
    "one_arm_nerve": (
        "Gentle work only; no deep pressure along the arm's nerve or over the scalenes.",
        True,
    ),
    "anticoagulation": (
        "No deep tissue or forceful pressure (anticoagulants or bleeding disorder).",
        True,
    ),
    "osteoporosis": ("Light pressure, no forceful joint work (osteoporosis).", True),
    "skin_wounds": ("Avoid the area of any wound, burn or skin infection.", False),
    "radiation_area": ("No deep pressure on the area treated with radiation.", True),
    "pregnancy": ("Side-lying positions, no deep pressure on the legs (pregnancy).", True),
    "allergies": ("Use a product the client is not allergic to; no latex gloves.", False),
    "varicose_veins": ("No pressure over the varicose veins.", False),
    "lymphoedema": (
        "Light pressure only on the affected limb, no deep work there (lymphoedema).",
        True,
    ),
    "diabetic_neuropathy": (
        "Light pressure; check the skin of the feet and hands (reduced feeling).",
        True,
    ),
    "acute_injury": ("Avoid the injured area (injury in the last 72 hours).", False),
}


@pytest.mark.parametrize("rule_id, tier, answers", TRIGGERS, ids=TRIGGER_IDS)
def test_each_rule_shows_its_restriction_and_takes_away_what_it_must(rule_id, tier, answers):
    result = screen(answers, ON)

    [flag] = [flag for flag in result.flags if flag.rule_id == rule_id]
    sentence, deep_pressure = RESTRICTIONS.get(rule_id, ("", False))
    assert flag.restriction == sentence
    assert (DEEP_PRESSURE in flag.restricts_techniques) is deep_pressure
    if sentence:
        assert sentence in result.restrictions


def test_every_rule_with_a_restriction_is_pinned_here():
    assert {rule.id for rule in RULES if rule.restriction} == set(RESTRICTIONS)


def test_an_open_wound_is_avoided_on_every_note_and_kept_with_the_signature(
    alice_client, complaint_map
):
    make_submitted_intake(alice_client, {"skin_wounds_or_infection": True})
    note = make_note(alice_client)

    wound = "Avoid the area of any wound, burn or skin infection."
    assert wound in care_status(alice_client).restrictions
    signed = notes.note_sign(note=note, user=alice_client.therapist)
    assert wound in signed.restrictions_at_signing


def _sources(rule):
    return rule.source.split("; ")


@pytest.mark.parametrize("rule", RULES, ids=[rule.id for rule in RULES])
def test_every_rule_says_why_tells_the_physician_what_and_cites_its_sources(rule):
    assert rule.id and RULES_BY_ID[rule.id] is rule
    assert len(rule.reason) > 20 and rule.reason.strip().endswith("."), rule.reason
    assert rule.physician_sentence.strip().endswith("."), rule.physician_sentence
    assert all(len(source) > 10 for source in _sources(rule)), rule.source
    for addendum in rule.addenda:
        assert addendum.reason.strip().endswith("."), addendum.reason
        assert addendum.physician_sentence.strip().endswith((".", ")")), addendum


def test_the_rules_version_is_a_dated_version():
    # A stored screening names the rules that made it (intake.models.Screening.rules_version).
    assert re.fullmatch(r"20\d\d\.\d{1,2}\.\d+", RULES_VERSION)
