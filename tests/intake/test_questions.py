import datetime

import pytest

from intake.questions import (
    QUESTIONS,
    SECTIONS,
    AnswersError,
    missing_required,
    questions_in_section,
    signature_matches_name,
    validate_answers,
)

# The contract of docs/clinical/intake-questions.md: these ids and types must never change.
CONTRACT = {
    "text": [
        "first_name",
        "last_name",
        "email",
        "phone",
        "emergency_contact_name",
        "emergency_contact_phone",
        "physician_name",
        "physician_practice",
        "physician_address",
        "physician_phone",
        "physician_email",
        "main_complaint",
        "goals",
        "signature_name",
        "medications",
        "conditions",
        "allergies",
    ],
    "date": ["date_of_birth"],
    "int": ["pain_now", "pain_worst_week"],
    "choice": ["pain_duration", "pain_onset"],
    "multi": ["pain_areas"],
    "bool": [
        "consent_contact_physician",
        "first_episode",
        "consent_treatment",
        "saddle_numbness",
        "bladder_change",
        "bowel_change",
        "both_legs_symptoms",
        "leg_weakness_worsening",
        "sexual_function_change",
        "chest_pain",
        "calf_pain_swelling",
        "breathless",
        "fever_unwell",
        "iv_drug_use",
        "immunosuppressed",
        "cancer_history",
        "cancer_treatment_now",
        "weight_loss_unexplained",
        "night_pain_unrelieved",
        "worsening_after_month",
        "back_lump_or_deformity",
        "osteoporosis",
        "long_term_steroids",
        "one_leg_pain_below_knee",
        "one_leg_numbness_tingling",
        "blood_clot_recent",
        "anticoagulants",
        "bleeding_disorder",
        "recent_fracture",
        "recent_surgery",
        "radiation_treated_area",
        "skin_wounds_or_infection",
        "pregnant",
        "pregnancy_high_risk",
        "allergies_oils_latex",
    ],
}
CONTRACT_IDS = [(id, type_) for type_, ids in CONTRACT.items() for id in ids]


@pytest.mark.parametrize(("id", "type_"), CONTRACT_IDS)
def test_every_contract_question_exists_with_its_type(id, type_):
    assert QUESTIONS[id].type == type_
    assert QUESTIONS[id].label


def test_pain_areas_offer_exactly_the_listed_values():
    assert QUESTIONS["pain_areas"].choice_values == (
        "neck",
        "upper_back",
        "lower_back_left",
        "lower_back_right",
        "buttock_left",
        "buttock_right",
        "hip_left",
        "hip_right",
        "thigh_left",
        "thigh_right",
        "leg_below_knee_left",
        "leg_below_knee_right",
        "shoulder_left",
        "shoulder_right",
        "other",
    )
    assert QUESTIONS["pain_areas"].choice_label("lower_back_left") == "Lower back, left side"


def test_pain_duration_and_onset_offer_exactly_the_listed_values():
    assert QUESTIONS["pain_duration"].choice_values == (
        "under_6_weeks",
        "6_to_12_weeks",
        "over_12_weeks",
    )
    assert QUESTIONS["pain_onset"].choice_values == (
        "gradual",
        "sudden",
        "after_minor_strain",
        "after_major_trauma",
    )


def test_pain_scores_run_from_0_to_10():
    for id in ("pain_now", "pain_worst_week"):
        assert (QUESTIONS[id].min_value, QUESTIONS[id].max_value) == (0, 10)


def test_required_questions_are_names_birth_date_and_consent():
    required = {q.id for q in QUESTIONS.values() if q.required}
    assert required == {"first_name", "last_name", "date_of_birth", "consent_treatment"}


def test_sections_come_in_order_and_hold_every_question_once():
    assert [s.id for s in SECTIONS] == ["about", "complaint", "screening", "history", "consent"]
    assert [s.title for s in SECTIONS] == [
        "About you",
        "Your pain",
        "Health screening",
        "Health history",
        "Consent",
    ]
    in_sections = [q.id for s in SECTIONS for q in questions_in_section(s.id)]
    assert sorted(in_sections) == sorted(QUESTIONS)


def test_screening_section_holds_every_screening_question():
    screening = {q.id for q in questions_in_section("screening")}
    assert (
        set(CONTRACT["bool"]) - {"consent_contact_physician", "first_episode", "consent_treatment"}
        <= screening
    )
    assert {q.type for q in questions_in_section("screening")} == {"bool"}


def test_sections_follow_the_brief():
    assert [q.id for q in questions_in_section("complaint")] == [
        "main_complaint",
        "pain_areas",
        "pain_now",
        "pain_worst_week",
        "pain_duration",
        "first_episode",
        "pain_onset",
        "goals",
    ]
    assert [q.id for q in questions_in_section("history")] == [
        "medications",
        "conditions",
        "allergies",
    ]
    assert [q.id for q in questions_in_section("consent")] == [
        "consent_treatment",
        "signature_name",
    ]
    assert "consent_contact_physician" in {q.id for q in questions_in_section("about")}


def test_unknown_section_is_an_error():
    with pytest.raises(KeyError):
        questions_in_section("nope")


def test_saddle_question_is_in_plain_words():
    label = QUESTIONS["saddle_numbness"].label
    assert "saddle" in label and "genitals" in label
    assert "cauda" not in label.lower()


# validate_answers


def test_valid_answers_come_back_cleaned():
    cleaned = validate_answers(
        {
            "first_name": "  Ana ",
            "date_of_birth": "1980-02-29",
            "pain_now": 0,
            "pain_worst_week": 10,
            "pain_areas": ["hip_left", "neck"],
            "pain_duration": "under_6_weeks",
            "saddle_numbness": False,
        }
    )
    assert cleaned == {
        "first_name": "Ana",
        "date_of_birth": datetime.date(1980, 2, 29),
        "pain_areas": ["neck", "hip_left"],
        "pain_now": 0,
        "pain_worst_week": 10,
        "pain_duration": "under_6_weeks",
        "saddle_numbness": False,
    }


def test_validating_cleaned_answers_changes_nothing():
    cleaned = validate_answers({"date_of_birth": "1980-01-31", "pain_areas": ["neck"]})
    assert validate_answers(cleaned) == cleaned


def test_null_blank_text_and_empty_lists_count_as_unanswered():
    assert validate_answers({"saddle_numbness": None, "goals": "   ", "pain_areas": []}) == {}


def test_unknown_id_is_named():
    with pytest.raises(AnswersError, match="unknown question id 'foo'") as error:
        validate_answers({"foo": True})
    assert set(error.value.errors) == {"foo"}


@pytest.mark.parametrize(
    ("answers", "message"),
    [
        ({"pain_now": "x"}, "'pain_now' must be a whole number from 0 to 10, got 'x'"),
        ({"pain_now": True}, "'pain_now' must be a whole number from 0 to 10, got True"),
        ({"pain_now": 11}, "'pain_now' must be a whole number from 0 to 10, got 11"),
        ({"pain_now": -1}, "'pain_now' must be a whole number from 0 to 10, got -1"),
        ({"pain_worst_week": 5.0}, "'pain_worst_week' must be a whole number from 0 to 10"),
        ({"saddle_numbness": 1}, "'saddle_numbness' must be true or false, got 1"),
        ({"saddle_numbness": "true"}, "'saddle_numbness' must be true or false, got 'true'"),
        ({"pain_duration": "forever"}, "'pain_duration' must be one of under_6_weeks"),
        ({"pain_onset": ["sudden"]}, "'pain_onset' must be one of"),
        ({"pain_areas": "neck"}, "'pain_areas' must be a list of values"),
        ({"pain_areas": ["neck", "knee"]}, "'pain_areas' must only contain"),
        ({"pain_areas": ["neck", "neck"]}, "'pain_areas' lists a value twice"),
        ({"date_of_birth": "1981-02-29"}, "'date_of_birth' must be a date written YYYY-MM-DD"),
        ({"date_of_birth": "19800101"}, "'date_of_birth' must be a date written YYYY-MM-DD"),
        ({"date_of_birth": "01/02/1980"}, "'date_of_birth' must be a date written YYYY-MM-DD"),
        ({"date_of_birth": 1980}, "'date_of_birth' must be a date written YYYY-MM-DD"),
        ({"first_name": 7}, "'first_name' must be text, got 7"),
        ({"first_name": "a" * 201}, "'first_name' must be at most 200 characters"),
    ],
)
def test_wrong_answer_is_named_with_what_was_expected(answers, message):
    with pytest.raises(AnswersError) as error:
        validate_answers(answers)
    assert message in str(error.value)
    assert set(error.value.errors) == set(answers)


def test_every_wrong_answer_is_named_at_once():
    with pytest.raises(AnswersError) as error:
        validate_answers({"pain_now": "x", "foo": 1, "first_name": "Ana"})
    assert set(error.value.errors) == {"pain_now", "foo"}
    assert "'pain_now'" in str(error.value) and "'foo'" in str(error.value)


def test_answers_must_be_an_object():
    with pytest.raises(AnswersError, match="JSON object"):
        validate_answers(["saddle_numbness"])


def test_answers_error_is_a_value_error():
    assert issubclass(AnswersError, ValueError)


# Completeness and signature, for submitting the form.


def test_missing_required_lists_unanswered_and_unconsented():
    assert missing_required({"first_name": "Ana", "consent_treatment": False}) == (
        "last_name",
        "date_of_birth",
        "consent_treatment",
    )
    complete = {
        "first_name": "Ana",
        "last_name": "Silva",
        "date_of_birth": datetime.date(1980, 1, 1),
        "consent_treatment": True,
    }
    assert missing_required(complete) == ()


@pytest.mark.parametrize(
    ("signature", "matches"),
    [
        ("Ana Silva", True),
        ("  ana   SILVA ", True),
        ("Ana", False),
        ("", False),
        ("A. Silva", False),
    ],
)
def test_signature_must_be_the_clients_full_name(signature, matches):
    answers = {"first_name": "Ana", "last_name": "Silva", "signature_name": signature}
    assert signature_matches_name(answers) is matches
