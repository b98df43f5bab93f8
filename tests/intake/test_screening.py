import datetime
import json

import pytest

import screening.engine as screening_module
from screening.conditions import (
    Addendum,
    AgeAtLeast,
    AgeOutside,
    All,
    AnswerIs,
    Any,
    Not,
    Rule,
    Yes,
)
from screening.engine import age_on, screen
from screening.questions import (
    ASKED_SCREENING_V3,
    QUESTIONS,
    REQUIRED_SCREENING,
    AnswersError,
    is_screening_question,
)
from screening.restrictions import (
    DEEP_PRESSURE,
    RESTRICTION_LABELS,
    restrictions_named,
)
from screening.rules import RULES, RULES_BY_ID, rules_by_tier
from screening.tiers import CAUTION, CLEAR, EMERGENCY, INCOMPLETE, REFER, TIER_LABELS, TIER_ORDER

ON = datetime.date(2026, 6, 15)
AGE_60 = "1966-01-01"
AGE_35 = "1991-01-01"

# (rule id, its tier in docs/clinical/red-flags.md, the least answers that fire it). Rules that
# fire on either of two answers have one row per answer.
TRIGGERS = [
    ("saddle_numbness", EMERGENCY, {"saddle_numbness": True}),
    ("bladder_dysfunction", EMERGENCY, {"bladder_change": True}),
    ("bowel_dysfunction", EMERGENCY, {"bowel_change": True}),
    ("bilateral_leg_symptoms", EMERGENCY, {"both_legs_symptoms": True}),
    ("progressive_leg_weakness", EMERGENCY, {"leg_weakness_worsening": True}),
    ("sexual_dysfunction", EMERGENCY, {"sexual_function_change": True}),
    ("major_trauma", EMERGENCY, {"pain_onset": "after_major_trauma"}),
    ("chest_pain", EMERGENCY, {"chest_pain": True}),
    ("possible_dvt", EMERGENCY, {"calf_pain_swelling": True}),
    ("fever_infection", REFER, {"fever_unwell": True, "pain_areas": ["lower_back_left"]}),
    ("cancer_history", REFER, {"cancer_history": True, "first_episode": True}),
    ("cancer_history", REFER, {"cancer_history": True, "cancer_last_5_years": True}),
    ("weight_loss", REFER, {"weight_loss_unexplained": True}),
    ("night_pain", REFER, {"night_pain_unrelieved": True, "weight_loss_unexplained": True}),
    ("worsening_after_month", REFER, {"worsening_after_month": True}),
    ("back_deformity", REFER, {"back_lump_or_deformity": True}),
    ("fracture_risk", REFER, {"osteoporosis": True, "pain_onset": "after_minor_strain"}),
    ("fracture_risk", REFER, {"long_term_steroids": True, "pain_onset": "after_minor_strain"}),
    ("recent_clot", REFER, {"blood_clot_recent": True}),
    ("recent_fracture", REFER, {"recent_fracture": True}),
    ("recent_surgery", REFER, {"recent_surgery": True}),
    ("high_risk_pregnancy", REFER, {"pregnancy_high_risk": True}),
    ("cancer_treatment", REFER, {"cancer_treatment_now": True}),
    (
        "age_new_episode",
        CAUTION,
        {
            "first_episode": True,
            "date_of_birth": AGE_60,
            "pain_areas": ["lower_back_left"],
        },
    ),
    ("radicular_pain", CAUTION, {"one_leg_pain_below_knee": True}),
    ("radicular_pain", CAUTION, {"one_leg_numbness_tingling": True}),
    ("anticoagulation", CAUTION, {"anticoagulants": True}),
    ("anticoagulation", CAUTION, {"bleeding_disorder": True}),
    ("osteoporosis", CAUTION, {"osteoporosis": True}),
    ("skin_wounds", CAUTION, {"skin_wounds_or_infection": True}),
    ("radiation_area", CAUTION, {"radiation_treated_area": True}),
    ("pregnancy", CAUTION, {"pregnant": True}),
    ("allergies", CAUTION, {"allergies_oils_latex": True}),
    # Version 2: the whole client.
    ("thunderclap_headache", EMERGENCY, {"sudden_severe_headache": True}),
    ("cervical_arterial_signs", EMERGENCY, {"double_vision": True}),
    ("cervical_arterial_signs", EMERGENCY, {"speech_or_swallowing_trouble": True}),
    ("cervical_arterial_signs", EMERGENCY, {"face_numbness": True}),
    ("septic_joint", EMERGENCY, {"joint_hot_red_swollen": True, "fever_unwell": True}),
    ("cervical_myelopathy", REFER, {"hands_numb_or_clumsy_both": True}),
    ("cervical_myelopathy", REFER, {"unsteady_walking": True}),
    ("shoulder_injury_cannot_lift", REFER, {"arm_injury_cannot_lift": True}),
    ("hot_swollen_joint", REFER, {"joint_hot_red_swollen": True}),
    ("exertional_arm_jaw_pain", REFER, {"arm_jaw_pain_on_exertion": True}),
    ("unexplained_lump", REFER, {"unexplained_lump": True}),
    ("recent_heart_attack_or_stroke", REFER, {"heart_attack_or_stroke_recent": True}),
    ("uncontrolled_blood_pressure", REFER, {"blood_pressure_uncontrolled": True}),
    ("heart_or_kidney_failure", REFER, {"heart_or_kidney_failure": True}),
    ("varicose_veins", CAUTION, {"varicose_veins": True}),
    ("lymphoedema", CAUTION, {"lymphoedema": True}),
    ("diabetic_neuropathy", CAUTION, {"diabetes_reduced_feeling": True}),
    ("acute_injury", CAUTION, {"injury_last_72_hours": True}),
    # Version 3: right for an ordinary caseload (tests/intake/test_screening_v3.py has each
    # rule's boundaries).
    ("dizziness_with_neck_signs", EMERGENCY, {"dizziness_new": True, "unsteady_walking": True}),
    ("dizziness_alone", CAUTION, {"dizziness_new": True}),
    ("drop_attacks", REFER, {"drop_attacks": True}),
    (
        "meningitis",
        EMERGENCY,
        {"fever_unwell": True, "pain_areas": ["neck"], "sudden_severe_headache": True},
    ),
    (
        "spinal_infection_risk",
        REFER,
        {"immunosuppressed": True, "pain_areas": ["neck"], "first_episode": True},
    ),
    ("breathlessness", REFER, {"breathless": True}),
    (
        "fragility_fracture_age",
        REFER,
        {
            "date_of_birth": "1950-01-01",
            "pain_areas": ["upper_back"],
            "pain_onset": "after_minor_strain",
            "first_episode": True,
        },
    ),
    ("arm_weakness_worsening", REFER, {"arm_weakness_worsening": True}),
    (
        "old_major_trauma",
        CAUTION,
        {"pain_onset": "after_major_trauma", "pain_duration": "over_12_weeks"},
    ),
    ("night_pain_alone", CAUTION, {"night_pain_unrelieved": True}),
    ("cancer_history_stable", CAUTION, {"cancer_history": True}),
    ("fever_postpone", CAUTION, {"fever_unwell": True, "pain_areas": ["hip_left"]}),
    ("one_arm_nerve", CAUTION, {"one_arm_pain_or_tingling": True}),
]
TRIGGER_IDS = [f"{rule_id}-{'-'.join(answers)}" for rule_id, _, answers in TRIGGERS]


def no_to_the_rest(answers):
    """The answers, with every other required screening question answered no (a complete
    intake, so the tier is about the rules, not about a skipped question)."""
    every_no = {id: False for id in (*REQUIRED_SCREENING, *ASKED_SCREENING_V3)}
    return {**every_no, **answers}


def tier_of(answers, on_date=ON):
    """The tier of a complete intake with these answers."""
    return screen(no_to_the_rest(answers), on_date).tier


def fired(answers, on_date=ON):
    return [flag.rule_id for flag in screen(answers, on_date).flags]


def flag_for(answers, rule_id, on_date=ON):
    (flag,) = [flag for flag in screen(answers, on_date).flags if flag.rule_id == rule_id]
    return flag


def born_years_ago(years, on_date=ON):
    """A date of birth that makes the client exactly `years` old on `on_date` (birthday today)."""
    return on_date.replace(year=on_date.year - years).isoformat()


# Parts of a trigger that an unanswered question reads the cautious way (version 3): an
# unknown first episode is a first; no pain marked is no pain, so a fever is postponed.
READ_THE_CAUTIOUS_WAY_WHEN_UNKNOWN = {
    ("spinal_infection_risk", "first_episode"),
    ("fragility_fracture_age", "first_episode"),
    ("fever_postpone", "pain_areas"),
}


def test_every_rule_has_a_trigger_in_the_table():
    assert {rule.id for rule in RULES} == {rule_id for rule_id, _, _ in TRIGGERS}


@pytest.mark.parametrize(("rule_id", "tier", "answers"), TRIGGERS, ids=TRIGGER_IDS)
def test_rule_flags_its_trigger_with_its_tier(rule_id, tier, answers):
    flag = flag_for(answers, rule_id)
    assert flag.tier == tier
    assert tier_of(answers) == tier


@pytest.mark.parametrize(("rule_id", "tier", "answers"), TRIGGERS, ids=TRIGGER_IDS)
def test_rule_stays_quiet_without_any_part_of_its_trigger(rule_id, tier, answers):
    for left_out in answers:
        if (rule_id, left_out) in READ_THE_CAUTIOUS_WAY_WHEN_UNKNOWN:
            continue
        partial = {key: value for key, value in answers.items() if key != left_out}
        assert rule_id not in fired(partial), f"fired without {left_out}"


@pytest.mark.parametrize(("rule_id", "tier", "answers"), TRIGGERS, ids=TRIGGER_IDS)
def test_rule_stays_quiet_when_the_client_answers_no(rule_id, tier, answers):
    answered_no = {key: False if value is True else value for key, value in answers.items()}
    if answered_no == answers:  # no yes/no part (major trauma): the other onsets are the "no"
        answered_no = {"pain_onset": "gradual"}
    assert rule_id not in fired(answered_no)


def test_saddle_numbness_flags_emergency():
    result = screen({"saddle_numbness": True}, ON)
    assert result.tier == EMERGENCY
    assert result.label == "Emergency"
    assert "cauda equina" in result.flags[0].reason
    assert "emergency care today" in result.flags[0].reason


def test_all_screening_questions_answered_no_is_clear():
    answers = {id: False for id in QUESTIONS if is_screening_question(id)}
    answers.update(date_of_birth=AGE_35, first_episode=False, pain_onset="gradual")
    result = screen(answers, ON)
    assert result.tier == CLEAR
    assert result.flags == ()
    assert result.label == "Clear"


def test_empty_intake_is_incomplete_not_clear():
    result = screen({}, ON)
    assert result.tier == INCOMPLETE
    assert result.flags == ()
    # Version 3 asks dizziness as two questions, listed where the legacy one stood.
    expected = []
    for id in QUESTIONS:
        if id == "dizziness_or_drop_attacks":
            expected += ["dizziness_new", "drop_attacks"]
        elif id in REQUIRED_SCREENING and id != "pregnancy_high_risk":
            expected.append(id)
    assert result.unanswered == tuple(expected)


@pytest.mark.parametrize(
    ("answers", "tier"),
    [
        (
            {"allergies_oils_latex": True, "cancer_history": True, "saddle_numbness": True},
            EMERGENCY,
        ),
        ({"allergies_oils_latex": True, "cancer_history": True, "first_episode": True}, REFER),
        ({"allergies_oils_latex": True, "osteoporosis": True}, CAUTION),
    ],
)
def test_overall_tier_is_the_most_urgent_flag(answers, tier):
    assert tier_of(answers) == tier


def test_flags_are_listed_most_urgent_first_in_rule_order_within_a_tier():
    answers = {
        "allergies_oils_latex": True,
        "anticoagulants": True,
        "cancer_history": True,
        "cancer_last_5_years": True,
        "fever_unwell": True,
        "pain_areas": ["upper_back"],
        "chest_pain": True,
        "saddle_numbness": True,
    }
    result = screen(answers, ON)
    assert [(flag.tier, flag.rule_id) for flag in result.flags] == [
        (EMERGENCY, "saddle_numbness"),
        (EMERGENCY, "chest_pain"),
        (REFER, "fever_infection"),
        (REFER, "cancer_history"),
        (CAUTION, "anticoagulation"),
        (CAUTION, "allergies"),
    ]


def test_flags_are_sorted_by_tier_even_if_rules_are_listed_out_of_order(monkeypatch):
    # RULES happen to be listed by tier; the order of the flags must not depend on that.
    monkeypatch.setattr(screening_module, "RULES", tuple(reversed(RULES)))
    answers = {"allergies_oils_latex": True, "heart_or_kidney_failure": True, "chest_pain": True}
    result = screen(answers, ON)
    assert [flag.tier for flag in result.flags] == [EMERGENCY, REFER, CAUTION]
    assert result.tier == EMERGENCY


# Ages: "under 20 or over 50" in whole years on the day of the intake.


@pytest.mark.parametrize(
    ("dob", "on_date", "age"),
    [
        ("1976-06-15", ON, 50),  # birthday today counts
        ("1976-06-16", ON, 49),  # birthday tomorrow
        ("1976-06-14", ON, 50),
        ("1976-02-29", datetime.date(2026, 2, 28), 49),  # leap-day birthday, non-leap year
        ("1976-02-29", datetime.date(2026, 3, 1), 50),
        ("1976-02-29", datetime.date(2028, 2, 29), 52),
        ("2026-06-15", ON, 0),
    ],
)
def test_age_on_counts_whole_years(dob, on_date, age):
    assert age_on(datetime.date.fromisoformat(dob), on_date) == age


def test_age_on_refuses_a_birth_after_the_date():
    with pytest.raises(ValueError):
        age_on(datetime.date(2026, 6, 16), ON)


@pytest.mark.parametrize(
    ("age", "flagged"),
    [(18, True), (19, True), (20, False), (35, False), (49, False), (50, False), (51, True)],
)
def test_new_episode_is_a_caution_under_20_or_over_50(age, flagged):
    answers = {
        "first_episode": True,
        "pain_areas": ["upper_back"],
        "date_of_birth": born_years_ago(age),
    }
    assert ("age_new_episode" in fired(answers)) is flagged


def test_age_caution_starts_on_the_51st_birthday_itself():
    answers = {"first_episode": True, "pain_areas": ["upper_back"], "date_of_birth": "1975-06-15"}
    assert "age_new_episode" not in fired(answers, datetime.date(2026, 6, 14))  # still 50
    assert "age_new_episode" in fired(answers, datetime.date(2026, 6, 15))  # 51 today


def test_age_caution_ends_on_the_20th_birthday_itself():
    answers = {"first_episode": True, "pain_areas": ["upper_back"], "date_of_birth": "2006-06-15"}
    assert "age_new_episode" in fired(answers, datetime.date(2026, 6, 14))  # still 19
    assert "age_new_episode" not in fired(answers, datetime.date(2026, 6, 15))  # 20 today


def test_leap_day_birthday_turns_51_on_first_of_march():
    answers = {"first_episode": True, "pain_areas": ["upper_back"], "date_of_birth": "1975-02-28"}
    assert "age_new_episode" in fired(answers, datetime.date(2026, 2, 28))
    answers = {"first_episode": True, "pain_areas": ["upper_back"], "date_of_birth": "1976-02-29"}
    assert "age_new_episode" not in fired(answers, datetime.date(2027, 2, 28))  # 50
    assert "age_new_episode" in fired(answers, datetime.date(2027, 3, 1))  # 51


def test_age_alone_is_only_a_caution():
    assert (
        tier_of(
            {
                "first_episode": True,
                "pain_areas": ["upper_back"],
                "date_of_birth": born_years_ago(80),
            }
        )
        == CAUTION
    )


def test_recurring_pain_at_any_age_is_clear():
    answers = {"first_episode": False, "date_of_birth": born_years_ago(70)}
    assert tier_of(answers) == CLEAR


def test_screening_refuses_a_birth_date_after_the_intake():
    with pytest.raises(AnswersError, match="date_of_birth"):
        screen({"date_of_birth": "2026-06-16"}, ON)


# Rules whose wording depends on other answers.


def test_calf_pain_with_breathlessness_warns_of_pulmonary_embolism():
    flag = flag_for({"calf_pain_swelling": True, "breathless": True}, "possible_dvt")
    assert "pulmonary embolism" in flag.reason
    assert "pulmonary embolism" in flag.physician_sentence


def test_calf_pain_with_chest_pain_warns_of_pulmonary_embolism():
    flag = flag_for({"calf_pain_swelling": True, "chest_pain": True}, "possible_dvt")
    assert "pulmonary embolism" in flag.reason


def test_calf_pain_alone_does_not_mention_pulmonary_embolism():
    flag = flag_for({"calf_pain_swelling": True}, "possible_dvt")
    assert "pulmonary embolism" not in flag.reason
    assert "deep vein" in flag.reason


def test_breathlessness_alone_is_a_referral_in_version_3():
    assert tier_of({"breathless": True}) == REFER


@pytest.mark.parametrize(
    ("extra", "words"),
    [
        ("iv_drug_use", "injects drugs"),
        ("immunosuppressed", "immune system is weakened"),
        ("recent_infection", "recent bacterial infection"),
    ],
)
def test_fever_warning_is_stronger_with_an_infection_risk(extra, words):
    back = ["lower_back_left"]
    plain = flag_for({"fever_unwell": True, "pain_areas": back}, "fever_infection")
    stronger = flag_for({"fever_unwell": True, "pain_areas": back, extra: True}, "fever_infection")
    assert words not in plain.reason
    assert words in stronger.reason
    assert stronger.tier == REFER


@pytest.mark.parametrize("risk", ["iv_drug_use", "immunosuppressed", "recent_infection"])
def test_infection_risk_without_fever_flags_nothing(risk):
    assert tier_of({risk: True}) == CLEAR


def test_weight_loss_at_60_mentions_urgent_check():
    older = flag_for(
        {"weight_loss_unexplained": True, "date_of_birth": born_years_ago(60)}, "weight_loss"
    )
    younger = flag_for(
        {"weight_loss_unexplained": True, "date_of_birth": born_years_ago(59)}, "weight_loss"
    )
    assert "NICE NG12" in older.physician_sentence
    assert "NICE NG12" not in younger.physician_sentence


# Rules that must not fire on neighbouring answers.


def test_osteoporosis_with_gradual_onset_is_a_caution_not_a_referral():
    answers = {"osteoporosis": True, "pain_onset": "gradual"}
    assert fired(answers) == ["osteoporosis"]
    assert tier_of(answers) == CAUTION


def test_osteoporosis_after_a_minor_fall_refers_and_keeps_the_caution():
    answers = {"osteoporosis": True, "pain_onset": "after_minor_strain"}
    assert fired(answers) == ["fracture_risk", "osteoporosis"]


def test_long_term_steroids_alone_flag_nothing():
    assert tier_of({"long_term_steroids": True, "pain_onset": "sudden"}) == CLEAR


def test_pain_in_one_leg_spread_to_both_is_an_emergency_not_radicular_pain():
    answers = {"one_leg_pain_below_knee": True, "both_legs_symptoms": True}
    assert fired(answers) == ["bilateral_leg_symptoms"]


def test_high_risk_pregnancy_refers_instead_of_the_pregnancy_caution():
    answers = {"pregnant": True, "pregnancy_high_risk": True}
    assert fired(answers) == ["high_risk_pregnancy"]


def test_pregnancy_not_high_risk_is_a_caution():
    assert fired({"pregnant": True, "pregnancy_high_risk": False}) == ["pregnancy"]


def test_screening_refuses_a_mistyped_answer_instead_of_missing_the_flag():
    with pytest.raises(AnswersError, match="saddle_numbness"):
        screen({"saddle_numbness": "yes"}, ON)


def test_screening_accepts_already_cleaned_answers():
    answers = {
        "date_of_birth": datetime.date(1966, 1, 1),
        "first_episode": True,
        "pain_areas": ["neck"],
    }
    assert fired(answers) == ["age_new_episode"]


# Technique restrictions, for session notes.


def test_anticoagulants_exclude_deep_pressure():
    result = screen({"anticoagulants": True}, ON)
    assert result.excluded_techniques == {DEEP_PRESSURE}
    assert result.restrictions == (
        "No deep tissue or forceful pressure (anticoagulants or bleeding disorder).",
    )


def test_allergies_exclude_no_technique_but_name_the_modification():
    result = screen({"allergies_oils_latex": True}, ON)
    assert result.excluded_techniques == frozenset()
    assert "allergic" in result.restrictions[0]


def test_clear_intake_excludes_no_technique():
    result = screen({}, ON)
    assert result.excluded_techniques == frozenset()
    assert result.restrictions == ()


# The rules as data.


def test_rule_ids_are_unique_and_tiers_known():
    ids = [rule.id for rule in RULES]
    assert len(ids) == len(set(ids))
    assert {rule.tier for rule in RULES} <= set(TIER_ORDER) - {CLEAR}
    assert set(TIER_LABELS) == set(TIER_ORDER)


@pytest.mark.parametrize("rule", RULES, ids=lambda rule: rule.id)
def test_rule_carries_reason_letter_sentence_and_source(rule):
    assert rule.reason.endswith(".")
    assert rule.physician_sentence.startswith("The client ")
    assert rule.physician_sentence.endswith(".")
    assert rule.source
    assert set(rule.restricts_techniques) <= set(RESTRICTION_LABELS)
    if rule.restricts_techniques:
        assert rule.restriction, "a rule that excludes techniques must say so in plain words"


def test_deep_pressure_cautions_exclude_deep_techniques():
    by_id = {rule.id: rule for rule in RULES}
    for rule_id in (
        "anticoagulation",
        "osteoporosis",
        "radiation_area",
        "recent_surgery",
        "pregnancy",
    ):
        assert by_id[rule_id].restricts_techniques == (DEEP_PRESSURE,), rule_id


def test_the_four_technique_ids_of_older_screenings_read_as_the_one_restriction():
    older = ["deep_tissue", "ischemic_compression", "trigger_point_full_pressure"]
    assert restrictions_named(older) == (DEEP_PRESSURE,)
    assert restrictions_named(["forceful_stretching", "deep_pressure"]) == (DEEP_PRESSURE,)


def test_result_as_dict_has_the_contract_shape():
    result = screen({"saddle_numbness": True, "allergies_oils_latex": True}, ON)
    data = json.loads(json.dumps(result.as_dict()))
    assert set(data) == {"tier", "flags", "unanswered", "ask_in_person"}
    assert data["tier"] == "emergency"
    assert [flag["id"] for flag in data["flags"]] == ["saddle_numbness", "allergies"]
    for flag in data["flags"]:
        assert {"id", "tier", "reason", "source"} <= set(flag)


# The conditions rules are written with: each reads some answers and says so in words.


@pytest.mark.parametrize(
    ("condition", "question_ids", "words"),
    [
        (Yes("saddle_numbness"), ("saddle_numbness",), "answered yes to saddle_numbness"),
        (
            Yes("anticoagulants", "bleeding_disorder"),
            ("anticoagulants", "bleeding_disorder"),
            "answered yes to anticoagulants or bleeding_disorder",
        ),
        (
            Yes("iv_drug_use", "immunosuppressed", "recent_infection"),
            ("iv_drug_use", "immunosuppressed", "recent_infection"),
            "answered yes to iv_drug_use, immunosuppressed or recent_infection",
        ),
        (
            AnswerIs("pain_onset", "after_major_trauma"),
            ("pain_onset",),
            "pain_onset is after_major_trauma",
        ),
        (
            AgeOutside(20, 50),
            ("date_of_birth",),
            "age under 20 or over 50 on the intake date",
        ),
        (AgeAtLeast(60), ("date_of_birth",), "age 60 or over on the intake date"),
        (
            Not(Yes("both_legs_symptoms")),
            ("both_legs_symptoms",),
            "not answered yes to both_legs_symptoms",
        ),
        (
            All(Yes("first_episode"), AgeOutside(20, 50)),
            ("first_episode", "date_of_birth"),
            "answered yes to first_episode, and age under 20 or over 50 on the intake date",
        ),
        (
            Any(Yes("chest_pain"), AnswerIs("pain_onset", "sudden")),
            ("chest_pain", "pain_onset"),
            "answered yes to chest_pain, or pain_onset is sudden",
        ),
        (
            All(Yes("pregnant"), Not(Any(Yes("pregnancy_high_risk"), Yes("pregnant")))),
            ("pregnant", "pregnancy_high_risk"),  # each once, in the order first read
            "answered yes to pregnant, and not (answered yes to pregnancy_high_risk, or "
            "answered yes to pregnant)",
        ),
    ],
    ids=lambda value: value if isinstance(value, str) else None,
)
def test_condition_reports_its_questions_and_describes_itself(condition, question_ids, words):
    assert condition.question_ids == question_ids
    assert condition.describe() == words


def test_yes_is_only_an_answered_yes():
    condition = Yes("osteoporosis", "long_term_steroids")
    assert condition({"long_term_steroids": True}, None)
    assert not condition({"osteoporosis": False, "long_term_steroids": False}, None)
    assert not condition({}, None)  # unanswered is not yes


def test_answer_is_compares_the_answer():
    condition = AnswerIs("pain_onset", "after_minor_strain")
    assert condition({"pain_onset": "after_minor_strain"}, None)
    assert not condition({"pain_onset": "gradual"}, None)
    assert not condition({}, None)


@pytest.mark.parametrize(
    ("age", "outside"), [(None, False), (19, True), (20, False), (50, False), (51, True)]
)
def test_age_outside_is_strictly_under_or_over(age, outside):
    assert AgeOutside(20, 50)({}, age) is outside


@pytest.mark.parametrize(("age", "at_least"), [(None, False), (59, False), (60, True)])
def test_age_at_least_counts_the_birthday(age, at_least):
    assert AgeAtLeast(60)({}, age) is at_least


def test_all_any_and_not_combine_conditions():
    yes, no = Yes("chest_pain"), Yes("breathless")
    answers = {"chest_pain": True}
    assert All(yes, Not(no))(answers, None)
    assert not All(yes, no)(answers, None)
    assert Any(no, yes)(answers, None)
    assert not Any(no, Not(yes))(answers, None)
    assert Not(no)({}, None)  # unanswered counts as not yes


def test_conditions_are_small_values():
    assert Yes("chest_pain") == Yes("chest_pain")
    assert All(Yes("a"), AgeAtLeast(60)) == All(Yes("a"), AgeAtLeast(60))
    with pytest.raises(AttributeError):
        Yes("chest_pain").ids = ("breathless",)


def test_rules_are_built_with_keywords_only():
    with pytest.raises(TypeError):
        Rule("x", CAUTION, Yes("chest_pain"), "Reason.", "The client x.", "Source")


def test_a_rule_reads_its_conditions_and_its_addenda_questions():
    rule = Rule(
        id="example",
        tier=CAUTION,
        when=Yes("calf_pain_swelling"),
        reason="Reason.",
        physician_sentence="The client reports x.",
        source="Source",
        addenda=(
            Addendum(
                when=Yes("breathless", "calf_pain_swelling"), reason="", physician_sentence=""
            ),
            Addendum(when=AgeAtLeast(60), reason="", physician_sentence=""),
        ),
    )
    assert rule.question_ids == ("calf_pain_swelling", "breathless", "date_of_birth")
    assert rule.trigger == "answered yes to calf_pain_swelling"
    assert RULES_BY_ID["possible_dvt"].question_ids == (
        "calf_pain_swelling",
        "breathless",
        "chest_pain",
    )


@pytest.mark.parametrize("rule", RULES, ids=lambda rule: rule.id)
def test_rule_reads_only_real_questions_and_names_them_in_its_trigger(rule):
    assert rule.question_ids
    assert len(set(rule.question_ids)) == len(rule.question_ids)
    assert set(rule.question_ids) <= set(QUESTIONS)
    # Ages come from the date of birth; every other question is named in the rule's words.
    words = " ".join([rule.trigger, *(addendum.trigger for addendum in rule.addenda)])
    for question_id in rule.question_ids:
        assert ("age " if question_id == "date_of_birth" else question_id) in words


def test_trigger_words_of_the_rules_with_more_than_one_answer():
    assert RULES_BY_ID["fracture_risk"].trigger == (
        "answered yes to osteoporosis or long_term_steroids, and pain_onset is after_minor_strain"
    )
    assert RULES_BY_ID["radicular_pain"].trigger == (
        "answered yes to one_leg_pain_below_knee or one_leg_numbness_tingling, and not answered "
        "yes to both_legs_symptoms"
    )
    assert RULES_BY_ID["pregnancy"].trigger == (
        "answered yes to pregnant, and not answered yes to pregnancy_high_risk"
    )


def test_rules_by_tier_lists_every_rule_once_most_urgent_first():
    grouped = rules_by_tier()
    assert [tier for tier, _ in grouped] == [EMERGENCY, REFER, CAUTION]
    assert [rule for _, rules in grouped for rule in rules] == list(RULES)


def test_rule_as_dict_is_what_the_rulebook_prints():
    data = json.loads(json.dumps(RULES_BY_ID["weight_loss"].as_dict()))
    assert data["tier"] == REFER
    assert data["trigger"] == "answered yes to weight_loss_unexplained"
    assert data["addenda"][0]["when"] == "age 60 or over on the intake date"
    assert data["question_ids"] == ["weight_loss_unexplained", "date_of_birth"]
    assert RULES_BY_ID["osteoporosis"].as_dict()["restricts_techniques"] == [DEEP_PRESSURE]


# Version 2 rules that depend on each other or carry a restriction.


def test_a_hot_swollen_joint_with_fever_is_septic_not_the_refer_rule():
    answers = {"joint_hot_red_swollen": True, "fever_unwell": True, "pain_areas": ["neck"]}
    assert fired(answers) == ["septic_joint", "fever_infection"]
    assert "hot_swollen_joint" not in fired(answers)


def test_a_hot_swollen_joint_without_fever_refers():
    assert fired({"joint_hot_red_swollen": True, "fever_unwell": False}) == ["hot_swollen_joint"]
    assert tier_of({"joint_hot_red_swollen": True}) == REFER


@pytest.mark.parametrize("rule_id", ["thunderclap_headache", "cervical_arterial_signs"])
def test_neck_and_head_emergencies_say_no_neck_work(rule_id):
    assert "No neck work" in RULES_BY_ID[rule_id].restriction


def test_exertional_arm_pain_with_chest_pain_is_also_the_chest_pain_emergency():
    answers = {"arm_jaw_pain_on_exertion": True, "chest_pain": True}
    assert fired(answers) == ["chest_pain", "exertional_arm_jaw_pain"]


@pytest.mark.parametrize(
    ("rule_id", "words", "deep"),
    [
        ("varicose_veins", "No pressure over the varicose veins", False),
        ("lymphoedema", "Light pressure only on the affected limb", True),
        ("diabetic_neuropathy", "Light pressure", True),
        ("acute_injury", "Avoid the injured area", False),
    ],
)
def test_whole_body_cautions_carry_their_restriction(rule_id, words, deep):
    rule = RULES_BY_ID[rule_id]
    assert words in rule.restriction
    assert (rule.restricts_techniques == (DEEP_PRESSURE,)) is deep


def test_a_lump_on_the_back_keeps_the_back_rule_and_any_lump_is_its_own_rule():
    assert RULES_BY_ID["back_deformity"].question_ids == ("back_lump_or_deformity",)
    assert fired({"back_lump_or_deformity": True, "unexplained_lump": True}) == [
        "back_deformity",
        "unexplained_lump",
    ]
