"""Medicines named in the client's own words count as a yes to their class's question
(docs/clinical/medications.md)."""

import datetime

import pytest

from intake.medications import DRUG_CLASSES, SOURCE, find_medicines
from intake.questions import QUESTIONS, REQUIRED_SCREENING
from intake.screening import CAUTION, CLEAR, REFER, RULES_BY_ID, screen

ON = datetime.date(2026, 6, 15)
ALL_NO = {id: False for id in REQUIRED_SCREENING}

# (class ATC, brand, generic, an upper-case name, an accented name, a one-typo spelling, the
# rule that fires with everything else no, and any answers the rule needs besides).
CLASSES = [
    ("B01AA", "Coumadin", "warfarin", "WARFARIN", "Wárfarin", "warfrin", "anticoagulation", {}),
    ("B01AB", "Clexane", "enoxaparin", "LOVENOX", "Énoxaparin", "enoxparin", "anticoagulation", {}),
    (
        "B01AC",
        "Plavix",
        "clopidogrel",
        "BRILIQUE",
        "Clopidogrél",
        "clopidogrol",
        "anticoagulation",
        {},
    ),
    ("B01AE", "Pradaxa", "dabigatran", "DABIGATRAN", "Prádaxa", "dabigatrn", "anticoagulation", {}),
    ("B01AF", "Eliquis", "apixaban", "XARELTO", "Éliquis", "apixiban", "anticoagulation", {}),
    (
        "H02AB",
        "Medrol",
        "prednisolone",
        "DEXAMETHASONE",
        "Prednisolöne",
        "prednisolon",
        "fracture_risk",
        {"pain_onset": "after_minor_strain"},
    ),
    (
        "L01, L02B",
        "Arimidex",
        "tamoxifen",
        "LETROZOLE",
        "Tamoxifène",
        "tamoxifin",
        "cancer_treatment",
        {},
    ),
]
CLASS_IDS = [row[0] for row in CLASSES]


def fired(answers):
    return [flag.rule_id for flag in screen({**ALL_NO, **answers}, ON).flags]


def flag_for(answers, rule_id):
    (flag,) = [f for f in screen({**ALL_NO, **answers}, ON).flags if f.rule_id == rule_id]
    return flag


@pytest.mark.parametrize(
    "field", [1, 2, 3, 4, 5], ids=["brand", "generic", "upper", "accent", "typo"]
)
@pytest.mark.parametrize(
    ("atc", "brand", "generic", "upper", "accent", "typo", "rule_id", "extra"),
    CLASSES,
    ids=CLASS_IDS,
)
def test_each_class_is_found_by_brand_generic_case_accent_and_one_typo(
    atc, brand, generic, upper, accent, typo, rule_id, extra, field
):
    written = (None, brand, generic, upper, accent, typo)[field]
    (match,) = find_medicines(f"{written} 5 mg daily")
    assert match.drug_class.atc == atc
    # The client answered no to the class's question; the medicine still fires its rule.
    assert rule_id in fired({match.question_id: False, "medications": written, **extra})


@pytest.mark.parametrize(
    "text",
    [
        "Ibuprofen 200 mg when needed",
        "Paracetamol 1 g",
        "Metformin 500mg twice daily",
        "Vitamin D",
        "Aspirin 75 mg (low dose)",
        "Heparinoid cream",  # a name inside a longer word
        "prewarfarinised",
        "",
    ],
)
def test_other_medicines_and_names_inside_longer_words_fire_nothing(text):
    assert find_medicines(text) == ()
    assert screen({**ALL_NO, "medications": text}, ON).tier == CLEAR


def test_six_letter_names_tolerate_one_typo_and_a_medicine_matches_once():
    assert find_medicines("Medrol")  # six letters: a typo is tolerated
    assert find_medicines("Medral")
    assert len("Femara") == 6 and find_medicines("Femura")
    assert not find_medicines("Xelodaa Xelodo")[1:]  # one of them, once


def test_eliquis_with_a_no_to_blood_thinners_names_apixaban_and_its_class():
    flag = flag_for({"anticoagulants": False, "medications": "Eliquis 5mg,"}, "anticoagulation")
    assert flag.tier == CAUTION
    assert flag.reason.startswith(
        "Eliquis (apixaban) is an anticoagulant (direct factor Xa inhibitor)."
    )
    assert "apixaban" in flag.physician_sentence
    assert flag.restricts_techniques == RULES_BY_ID["anticoagulation"].restricts_techniques


def test_several_medicines_each_match_and_the_rule_fires_once_naming_both():
    flag = flag_for({"medications": "warfarin; Plavix 75mg; aspirin"}, "anticoagulation")
    assert fired({"medications": "warfarin; Plavix 75mg; aspirin"}) == ["anticoagulation"]
    assert "warfarin is an anticoagulant (vitamin K antagonist)." in flag.reason
    assert "Plavix (clopidogrel) is an antiplatelet blood thinner." in flag.reason


def test_a_steroid_alone_fires_nothing_but_with_a_minor_fall_refers():
    assert fired({"medications": "prednisolone 5mg"}) == []
    answers = {"medications": "prednisolone 5mg", "pain_onset": "after_minor_strain"}
    assert "fracture_risk" in fired(answers)
    assert screen({**ALL_NO, **answers}, ON).tier == REFER


def test_a_matched_medicine_counts_as_an_answer_for_incomplete():
    answers = {key: value for key, value in ALL_NO.items() if key != "anticoagulants"}
    result = screen({**answers, "medications": "Xarelto"}, ON)
    assert "anticoagulants" not in result.unanswered
    assert result.tier == CAUTION
    # Without the medicine the skipped question makes it incomplete.
    assert screen(answers, ON).unanswered == ("anticoagulants",)


def test_the_classes_are_reviewable_data_with_their_source():
    for drug_class in DRUG_CLASSES:
        assert drug_class.source == SOURCE == "WHO ATC/DDD index"
        assert drug_class.question_id in QUESTIONS
        assert drug_class.generic_names and drug_class.brand_names
        assert set(drug_class.names.values()) <= set(drug_class.generic_names)
