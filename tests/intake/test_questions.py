import datetime

import pytest

from screening.questions import (
    ASKED_SCREENING_V3,
    FOLLOW_UPS,
    QUESTIONS,
    REQUIRED_SCREENING,
    SCREENING_SECTION_IDS,
    SECTION_BY_ID,
    SECTIONS,
    AnswersError,
    is_screening_question,
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
        "areas_to_avoid_notes",
    ],
    "date": ["date_of_birth"],
    "int": ["pain_now", "pain_worst_week"],
    "choice": ["pain_duration", "pain_onset", "pressure_preference"],
    "multi": ["pain_areas", "areas_to_avoid"],
    "bool": [
        "consent_contact_physician",
        "first_episode",
        "consent_treatment",
        "massage_before",
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
        "head",
        "neck",
        "shoulder_left",
        "shoulder_right",
        "arm_left",
        "arm_right",
        "hand_left",
        "hand_right",
        "chest",
        "upper_back",
        "abdomen",
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
        "foot_left",
        "foot_right",
        "other",
    )
    assert QUESTIONS["pain_areas"].choice_label("lower_back_left") == "Lower back, left side"


def test_version_1_pain_areas_keep_their_ids():
    version_1 = {
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
    }
    assert version_1 <= set(QUESTIONS["pain_areas"].choice_values)


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
    assert [s.id for s in SECTIONS] == [
        "about",
        "complaint",
        "massage",
        "recent",
        "back_legs",
        "neck_arms",
        "heart",
        "skin",
        "medicines",
        "history",
        "consent",
    ]
    assert [s.title for s in SECTIONS] == [
        "About you",
        "Your pain",
        "Your massage",
        "Today and recent changes",
        "Back, legs and bladder",
        "Neck, head and arms",
        "Heart and circulation",
        "Skin, joints and allergies",
        "Medicines and pregnancy",
        "Health history",
        "Consent",
    ]
    in_sections = [q.id for s in SECTIONS for q in questions_in_section(s.id)]
    assert sorted(in_sections) == sorted(q.id for q in QUESTIONS.values() if not q.derived)
    # Version 2's dizziness question stays valid in stored answers but is no longer asked.
    assert [q.id for q in QUESTIONS.values() if q.derived] == [
        "dizziness_or_drop_attacks",
        "not_sure",
    ]


def test_the_screening_pages_hold_every_screening_question():
    on_pages = {q.id for page in SCREENING_SECTION_IDS for q in questions_in_section(page)}
    expected = (
        (set(REQUIRED_SCREENING) - {"dizziness_or_drop_attacks"})
        | set(ASKED_SCREENING_V3)
        | {"recent_infection", "cancer_skin_only", "cancer_last_5_years"}
    )
    assert expected == on_pages - {"medications"}
    for page in SCREENING_SECTION_IDS:
        assert all(SECTION_BY_ID[page].screening for _ in questions_in_section(page))


# The themed screening pages, as the issue asks: everyday questions first, in plain words.
PAGES = {
    "recent": [
        "injury_last_72_hours",
        "fever_unwell",
        "recent_infection",
        "recent_surgery",
        "recent_fracture",
        "night_pain_unrelieved",
        "worsening_after_month",
        "weight_loss_unexplained",
        "unexplained_lump",
        "back_lump_or_deformity",
    ],
    "back_legs": [
        "one_leg_pain_below_knee",
        "one_leg_numbness_tingling",
        "both_legs_symptoms",
        "leg_weakness_worsening",
        "saddle_numbness",
        "bladder_change",
        "bowel_change",
        "sexual_function_change",
        "erection_ejaculation_change",  # asked only when sex at birth may be male
    ],
    "neck_arms": [
        "one_arm_pain_or_tingling",
        "arm_weakness_worsening",
        "hands_numb_or_clumsy_both",
        "unsteady_walking",
        "neck_injury_or_manipulation_recent",
        "dizziness_new",
        "drop_attacks",
        "double_vision",
        "face_numbness",
        "speech_or_swallowing_trouble",
        "sudden_severe_headache",
    ],
    "heart": [
        "varicose_veins",
        "blood_pressure_uncontrolled",
        "breathless",
        "chest_pain",
        "arm_jaw_pain_on_exertion",
        "calf_pain_swelling",
        "blood_clot_recent",
        "heart_attack_or_stroke_recent",
        "heart_or_kidney_failure",
        "lymphoedema",
    ],
    "skin": [
        "skin_wounds_or_infection",
        "joint_hot_red_swollen",
        "arm_injury_cannot_lift",
        "allergies_oils_latex",
        "diabetes_reduced_feeling",
        "radiation_treated_area",
    ],
    "medicines": [
        "medications",
        "anticoagulants",
        "bleeding_disorder",
        "long_term_steroids",
        "osteoporosis",
        "immunosuppressed",
        "cancer_history",
        "cancer_skin_only",  # follow-ups, shown after a yes
        "cancer_last_5_years",
        "cancer_treatment_now",
        "iv_drug_use",
        "pregnant",
        "pregnancy_high_risk",
    ],
}


@pytest.mark.parametrize("page_id", list(PAGES))
def test_each_screening_page_asks_its_questions_in_order(page_id):
    assert [q.id for q in questions_in_section(page_id)] == PAGES[page_id]
    # Short enough for about two phone screens (tests/browser measures them): at most 11
    # shown at once, follow-ups hidden until their parent is yes.
    shown = [id for id in PAGES[page_id] if id not in FOLLOW_UPS]
    assert len(shown) <= 11


def test_the_sensitive_questions_say_why_we_ask():
    lead_in = QUESTIONS["saddle_numbness"].lead_in
    assert "personal" in lead_in and "We ask them because" in lead_in
    assert len(lead_in) < 200  # about one line's worth, in plain words
    assert "cauda" not in lead_in.lower()
    assert PAGES["back_legs"].index("saddle_numbness") == 4  # after the everyday leg ones


def test_not_sure_is_offered_on_most_screening_questions():
    screening = [id for id in QUESTIONS if is_screening_question(id)]
    assert "dizziness_or_drop_attacks" not in screening  # no longer asked
    offered = [id for id in screening if QUESTIONS[id].not_sure]
    assert set(screening) - set(offered) == {
        "iv_drug_use",
        "recent_surgery",
        "cancer_treatment_now",
    }
    legacy = "dizziness_or_drop_attacks"  # still offered "not sure" in stored answers
    assert not any(
        q.not_sure for q in QUESTIONS.values() if not is_screening_question(q.id) and q.id != legacy
    )


def test_not_sure_is_a_multi_the_app_adds_listing_the_questions_that_offer_it():
    question = QUESTIONS["not_sure"]
    assert question.type == "multi" and question.derived and not question.required
    assert set(question.choice_values) == {q.id for q in QUESTIONS.values() if q.not_sure}
    assert "not_sure" not in REQUIRED_SCREENING


def test_not_sure_may_only_name_questions_answered_yes():
    cleaned = validate_answers({"pregnant": True, "not_sure": ["pregnant"]})
    assert cleaned == {"pregnant": True, "not_sure": ["pregnant"]}
    for answers in ({"pregnant": False, "not_sure": ["pregnant"]}, {"not_sure": ["pregnant"]}):
        with pytest.raises(AnswersError, match="'not_sure' lists 'pregnant'") as error:
            validate_answers(answers)
        assert set(error.value.errors) == {"not_sure"}
    with pytest.raises(AnswersError, match="'not_sure' must only contain"):
        validate_answers({"iv_drug_use": True, "not_sure": ["iv_drug_use"]})


def test_preferences_are_optional_questions_of_the_contract():
    assert QUESTIONS["pressure_preference"].choice_values == (
        "light",
        "medium",
        "firm",
        "not_sure",
    )
    assert QUESTIONS["areas_to_avoid"].type == "multi"
    assert QUESTIONS["areas_to_avoid"].choice_values == QUESTIONS["pain_areas"].choice_values
    assert QUESTIONS["areas_to_avoid_notes"].type == "text"
    assert QUESTIONS["massage_before"].type == "bool"
    assert [q.id for q in questions_in_section("massage")] == [
        "massage_before",
        "pressure_preference",
        "areas_to_avoid",
        "areas_to_avoid_notes",
    ]
    assert not any(q.required for q in questions_in_section("massage"))


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
