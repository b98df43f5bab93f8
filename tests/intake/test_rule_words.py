"""What the rulebook says each rule reads and when it fires, in words: the sentences a
clinician signs off (screening/conditions.py's describe() and question_ids), pinned for one rule
of each shape (found by mutation testing, docs/mutation.md)."""

import datetime

import pytest

from intake.demo import ALL_NO
from screening.conditions import (
    AgeAtLeast,
    AgeOutside,
    All,
    AnswerIn,
    AnswerIs,
    Any,
    Not,
    PainIn,
    Unanswered,
    Yes,
)
from screening.engine import pain_in_words, screen
from screening.questions import LEGACY_DIZZINESS, QUESTIONS, AnswersError
from screening.rules import RULES_BY_ID


def test_each_condition_says_what_it_means():
    assert Yes("a").describe() == "answered yes to a"
    assert Yes("a", "b").describe() == "answered yes to a or b"
    assert Yes("a", "b", "c").describe() == "answered yes to a, b or c"
    assert AnswerIs("pain_onset", "after_fall").describe() == "pain_onset is after_fall"
    assert AgeOutside(20, 50).describe() == "age under 20 or over 50 on the intake date"
    assert AgeAtLeast(60).describe() == "age 60 or over on the intake date"
    assert PainIn("neck", "upper_back").describe() == "pain_areas includes neck or upper_back"
    assert AnswerIn("d", "x", "y").describe() == "d is x or y"
    assert Unanswered("d").describe() == "d is unanswered"
    assert Not(Yes("a")).describe() == "not answered yes to a"
    nested = All(Yes("a"), Any(Yes("b"), Not(All(Yes("c"), Yes("d")))))
    assert nested.describe() == (
        "answered yes to a, and (answered yes to b, or not (answered yes to c, "
        "and answered yes to d))"
    )


def test_each_condition_names_the_questions_it_reads_once_in_order():
    assert Yes("a", "b", "a").question_ids == ("a", "b")
    assert AnswerIs("x", "v").question_ids == ("x",)
    assert AnswerIn("x", "v", "w").question_ids == ("x",)
    assert Unanswered("x").question_ids == ("x",)
    assert AgeOutside(1, 2).question_ids == AgeAtLeast(3).question_ids == ("date_of_birth",)
    assert PainIn("neck").question_ids == ("pain_areas",)
    assert Not(Yes("a")).question_ids == ("a",)
    both = All(Yes("b"), Any(Yes("a"), Yes("b")), PainIn("neck"))
    assert both.question_ids == ("b", "a", "pain_areas")
    assert Any(Yes("b"), Yes("a"), Yes("b")).question_ids == ("b", "a")


def test_the_conditions_fire_on_their_edges():
    assert AgeOutside(20, 50)({}, 19) and AgeOutside(20, 50)({}, 51)
    assert not AgeOutside(20, 50)({}, 20) and not AgeOutside(20, 50)({}, 50)
    assert not AgeOutside(20, 50)({}, None)
    assert AgeAtLeast(60)({}, 60) and not AgeAtLeast(60)({}, 59)
    assert not AgeAtLeast(60)({}, None)
    assert Yes("a")({"a": True}, None) and not Yes("a")({"a": False}, None)
    assert not Yes("a")({}, None)
    assert Unanswered("a")({}, None) and not Unanswered("a")({"a": False}, None)
    assert PainIn("neck")({"pain_areas": ["neck"]}, None)
    assert not PainIn("neck")({"pain_areas": None}, None)


def test_a_rule_in_the_rulebook_with_its_addendum():
    weight_loss = RULES_BY_ID["weight_loss"].as_dict()

    assert weight_loss["trigger"] == "answered yes to weight_loss_unexplained"
    assert weight_loss["question_ids"] == ["weight_loss_unexplained", "date_of_birth"]
    [addendum] = weight_loss["addenda"]
    assert addendum["when"] == "age 60 or over on the intake date"
    assert addendum["reason"].startswith("At 60 or over")
    assert addendum["physician_sentence"].startswith("At 60 or over")
    assert RULES_BY_ID["weight_loss"].tier_label == "Refer to physician"
    assert RULES_BY_ID["osteoporosis"].technique_labels == (
        "Deep or forceful pressure (deep tissue, ischemic compression, trigger point release at "
        "full pressure, forceful stretching)",
    )
    for key in ("id", "tier", "reason", "physician_sentence", "source", "restriction"):
        assert weight_loss[key] == getattr(RULES_BY_ID["weight_loss"], key)
    assert RULES_BY_ID["osteoporosis"].as_dict()["restricts_techniques"] == ["deep_pressure"]


def test_the_stored_result_has_the_documented_shape_and_causes():
    answers = {
        **ALL_NO,
        "weight_loss_unexplained": True,
        "saddle_numbness": True,
        "not_sure": ["saddle_numbness"],
        "medications": "stopped warfarin in 2019",
        "main_complaint": "Back ache and night sweats",
    }
    del answers["bowel_change"]

    stored = screen(answers, datetime.date(2026, 6, 15)).as_dict()

    assert set(stored) == {"tier", "flags", "unanswered", "ask_in_person"}
    [flag] = stored["flags"]
    assert set(flag) == {"id", "tier", "reason", "source", "physician_sentence"}
    assert flag["physician_sentence"] == "The client reports unexplained weight loss."
    causes = {ask["id"]: ask["cause"] for ask in stored["ask_in_person"]}
    assert causes == {
        "bowel_change": "unanswered",
        "saddle_numbness": "not_sure",
        "medicine:warfarin": "medicine",
        "words:main_complaint:night_sweats": "words",
    }
    for ask in stored["ask_in_person"]:
        assert set(ask) == {"id", "ask", "question", "cause"} and ask["ask"] and ask["question"]
    assert stored["unanswered"] == ["bowel_change"]


# Each area of the pain map, and the region a reason names for it.
AREAS = {
    "head": "head",
    "neck": "neck",
    "shoulder_left": "shoulder",
    "shoulder_right": "shoulder",
    "arm_left": "arm",
    "arm_right": "arm",
    "hand_left": "hand",
    "hand_right": "hand",
    "chest": "chest",
    "upper_back": "back",
    "abdomen": "belly",
    "lower_back_left": "back",
    "lower_back_right": "back",
    "buttock_left": "buttock",
    "buttock_right": "buttock",
    "hip_left": "hip",
    "hip_right": "hip",
    "thigh_left": "leg",
    "thigh_right": "leg",
    "leg_below_knee_left": "leg",
    "leg_below_knee_right": "leg",
    "foot_left": "foot",
    "foot_right": "foot",
}


def test_a_reason_names_the_clients_own_region_for_each_area():
    for area, region in AREAS.items():
        assert pain_in_words({"pain_areas": [area]}) == f"{region} pain", area
    assert pain_in_words({"pain_areas": ["neck", "upper_back"]}) == "neck and back pain"
    assert pain_in_words({"pain_areas": ["neck", "hip_left", "foot_left"]}) == "pain"
    assert pain_in_words({}) == "pain"


def test_a_reason_about_the_spine_names_only_the_spine_and_starts_with_a_capital():
    answers = {
        **ALL_NO,
        "first_episode": True,
        "date_of_birth": "1960-01-01",
        "pain_areas": ["upper_back", "hip_left"],
        "pain_onset": "after_major_trauma",
        "pain_duration": "over_12_weeks",
    }
    flags = {flag.rule_id: flag for flag in screen(answers, datetime.date(2026, 6, 15)).flags}

    assert flags["age_new_episode"].reason.startswith("A first episode of back pain under age")
    assert flags["old_major_trauma"].reason.startswith("Back and hip pain that began after")


def test_an_addendum_is_a_sentence_of_its_own():
    answers = {**ALL_NO, "weight_loss_unexplained": True, "date_of_birth": "1950-01-01"}
    [flag] = screen(answers, datetime.date(2026, 6, 15)).flags

    assert ". At 60 or over, pain with weight loss" in flag.reason
    assert ". At 60 or over, unexplained weight loss" in flag.physician_sentence


def test_not_sure_asks_say_what_a_yes_would_mean():
    def ask_for(question):
        answers = {**ALL_NO, question: True, "not_sure": [question]}
        stored = screen(answers, datetime.date(2026, 6, 15)).as_dict()
        [ask] = [ask for ask in stored["ask_in_person"] if ask["id"] == question]
        return ask["ask"]

    assert ask_for("dizziness_new").endswith(
        "; a yes is a caution, or care today with neck pain, a headache or a stroke sign."
    )
    assert ask_for("drop_attacks").endswith("; a yes means a physician before massage.")
    assert ask_for("saddle_numbness").endswith("; a yes means care today.")


def test_a_not_sure_to_the_old_dizziness_question_is_asked_as_the_new_one():
    answers = {**ALL_NO, LEGACY_DIZZINESS: True, "not_sure": [LEGACY_DIZZINESS]}
    del answers["dizziness_new"]

    stored = screen(answers, datetime.date(2026, 6, 15)).as_dict()

    causes = {ask["id"]: ask["cause"] for ask in stored["ask_in_person"]}
    assert causes == {"dizziness_new": "not_sure"}


def test_an_unanswered_question_is_asked_in_its_own_words():
    answers = {**ALL_NO}
    del answers["bowel_change"]

    [ask] = screen(answers, datetime.date(2026, 6, 15)).ask_in_person

    assert ask.ask == f"Ask: {QUESTIONS['bowel_change'].label}"


ON = datetime.date(2026, 6, 15)


def test_medicines_are_read_in_both_free_text_answers_each_named_once():
    answers = {**ALL_NO, "medications": "warfarin", "conditions": "AF, on Eliquis too, warfarin"}
    result = screen(answers, ON)

    [flag] = result.flags
    assert flag.rule_id == "anticoagulation"
    assert flag.reason.count("warfarin is an anticoagulant") == 1
    assert "Eliquis (apixaban) is an anticoagulant" in flag.reason
    assert result.ask_in_person == ()  # a medicine that counts needs no question


def test_letrozole_counts_as_cancer_treatment_with_a_history_of_cancer():
    answers = {**ALL_NO, "medications": "letrozole", "cancer_history": True}

    assert "cancer_treatment" in [flag.rule_id for flag in screen(answers, ON).flags]


def test_answers_given_in_person_settle_only_their_own_question():
    answers = {
        **ALL_NO,
        "saddle_numbness": True,
        "bladder_change": True,
        "not_sure": ["saddle_numbness", "bladder_change"],
    }

    result = screen(answers, ON, in_person={"saddle_numbness": False})

    assert [ask.id for ask in result.ask_in_person] == ["bladder_change"]


def test_a_client_born_on_the_day_is_screened_and_one_born_after_is_refused():
    assert screen({**ALL_NO, "date_of_birth": ON.isoformat()}, ON).tier == "clear"
    tomorrow = (ON + datetime.timedelta(days=1)).isoformat()
    with pytest.raises(AnswersError) as refused:
        screen({**ALL_NO, "date_of_birth": tomorrow}, ON)
    assert list(refused.value.errors) == ["date_of_birth"]
