"""Screening version 3 (docs/clinical/red-flags.md, "Version 3"): right for an ordinary
caseload. Each changed rule fires and stays quiet, with its boundaries (6 and 12 weeks, age 70,
age 50), and nothing unknown is read as clear."""

import datetime

import pytest

from screening.engine import screen
from screening.questions import ASKED_SCREENING_V3, LEGACY_DIZZINESS, REQUIRED_SCREENING
from screening.rules import RULES_BY_ID
from screening.tiers import CAUTION, CLEAR, EMERGENCY, INCOMPLETE, REFER

TODAY = datetime.date(2026, 12, 5)
ALL_NO = {
    **{id: False for id in REQUIRED_SCREENING if id != LEGACY_DIZZINESS},
    **{id: False for id in ASKED_SCREENING_V3},
}


def born_aged(years):
    return TODAY.replace(year=TODAY.year - years).isoformat()


def result_of(**answers):
    return screen({**ALL_NO, **answers}, TODAY)


def ids(result):
    return [flag.rule_id for flag in result.flags]


def flag(result, rule_id):
    return next(f for f in result.flags if f.rule_id == rule_id)


def test_every_question_answered_no_is_clear():
    result = result_of()
    assert (result.tier, ids(result), result.ask_in_person) == (CLEAR, [], ())


# Dizziness, split with its context (IFOMPT cervical framework 2023)


def test_one_dizzy_moment_alone_is_a_caution():
    result = result_of(dizziness_new=True, pain_areas=["lower_back_left"])
    assert result.tier == CAUTION
    assert ids(result) == ["dizziness_alone"]
    assert "rise slowly" in flag(result, "dizziness_alone").reason


def test_dizziness_with_new_neck_pain_is_an_emergency():
    result = result_of(dizziness_new=True, pain_areas=["neck"], pain_duration="under_6_weeks")
    assert result.tier == EMERGENCY
    assert ids(result) == ["dizziness_with_neck_signs"]


def test_dizziness_with_old_neck_pain_is_a_caution():
    result = result_of(dizziness_new=True, pain_areas=["neck"], pain_duration="6_to_12_weeks")
    assert ids(result) == ["dizziness_alone"]


@pytest.mark.parametrize(
    "sign", ["neck_injury_or_manipulation_recent", "unsteady_walking", "drop_attacks"]
)
def test_dizziness_with_a_neck_or_walking_sign_is_an_emergency(sign):
    result = result_of(dizziness_new=True, **{sign: True})
    assert result.tier == EMERGENCY
    assert "dizziness_with_neck_signs" in ids(result)


@pytest.mark.parametrize("sign", ["double_vision", "speech_or_swallowing_trouble", "face_numbness"])
def test_any_one_stroke_sign_is_an_emergency_without_dizziness(sign):
    result = result_of(**{sign: True})
    assert result.tier == EMERGENCY
    assert ids(result) == ["cervical_arterial_signs"]


def test_drop_attacks_alone_are_a_referral():
    result = result_of(drop_attacks=True)
    assert (result.tier, ids(result)) == (REFER, ["drop_attacks"])


def test_the_legacy_dizziness_answer_reads_as_new_dizziness():
    answers = {k: v for k, v in ALL_NO.items() if k not in ("dizziness_new", "drop_attacks")}
    result = screen({**answers, LEGACY_DIZZINESS: True}, TODAY)
    assert (result.tier, ids(result)) == (CAUTION, ["dizziness_alone"])


def test_an_old_answer_set_with_the_legacy_dizziness_id_is_complete():
    answers = {k: v for k, v in ALL_NO.items() if k not in ASKED_SCREENING_V3}
    result = screen({**answers, LEGACY_DIZZINESS: False}, TODAY)
    assert (result.tier, result.unanswered) == (CLEAR, ())


def test_dizziness_unanswered_either_way_lists_the_new_questions():
    answers = {k: v for k, v in ALL_NO.items() if k not in ("dizziness_new", "drop_attacks")}
    result = screen(answers, TODAY)
    assert result.tier == INCOMPLETE
    assert result.unanswered == ("dizziness_new", "drop_attacks")


def test_other_version_3_questions_left_blank_keep_an_older_set_complete():
    answers = {k: v for k, v in ALL_NO.items() if k not in ASKED_SCREENING_V3}
    result = screen({**answers, "dizziness_new": False, "drop_attacks": False}, TODAY)
    assert result.tier == CLEAR


# Major trauma, in time (IFOMPT 2020: recent significant trauma)


def test_major_trauma_under_6_weeks_is_an_emergency():
    result = result_of(pain_onset="after_major_trauma", pain_duration="under_6_weeks")
    assert (result.tier, ids(result)) == (EMERGENCY, ["major_trauma"])


def test_major_trauma_of_unknown_age_is_an_emergency():
    result = result_of(pain_onset="after_major_trauma")
    assert ids(result) == ["major_trauma"]


@pytest.mark.parametrize("duration", ["6_to_12_weeks", "over_12_weeks"])
def test_an_old_whiplash_is_a_caution_to_ask_whether_it_was_assessed(duration):
    result = result_of(pain_onset="after_major_trauma", pain_duration=duration, pain_areas=["neck"])
    assert (result.tier, ids(result)) == (CAUTION, ["old_major_trauma"])
    assert "assessed" in flag(result, "old_major_trauma").reason
    assert flag(result, "old_major_trauma").reason.startswith("Neck pain")


# Breathlessness (Artus 2014; Murphy and Bintcliffe 2023)


def test_new_breathlessness_with_shoulder_pain_is_a_referral():
    result = result_of(breathless=True, pain_areas=["shoulder_left"])
    assert (result.tier, ids(result)) == (REFER, ["breathlessness"])
    assert "shoulder pain" in flag(result, "breathlessness").physician_sentence


@pytest.mark.parametrize("with_", ["chest_pain", "calf_pain_swelling"])
def test_breathlessness_with_chest_pain_or_a_swollen_calf_is_an_emergency(with_):
    result = result_of(breathless=True, **{with_: True})
    assert result.tier == EMERGENCY
    assert "breathlessness" not in ids(result)


# Fracture: bone medicines, and age 70 with a minor fall or lift


def test_fosamax_with_sudden_back_pain_after_a_lift_at_75_is_a_referral():
    result = result_of(
        date_of_birth=born_aged(75),
        medications="Fosamax 70 mg weekly",
        pain_areas=["lower_back_left"],
        pain_onset="after_minor_strain",
        first_episode=True,
    )
    assert result.tier == REFER
    assert "fracture_risk" in ids(result)
    assert "Fosamax (alendronate)" in flag(result, "fracture_risk").reason


@pytest.mark.parametrize(("age", "fires"), [(69, False), (70, True), (71, True)])
def test_a_first_back_pain_after_a_minor_lift_refers_from_age_70(age, fires):
    result = result_of(
        date_of_birth=born_aged(age),
        pain_areas=["upper_back"],
        pain_onset="after_minor_strain",
        first_episode=True,
    )
    assert ("fragility_fracture_age" in ids(result)) is fires


def test_at_70_a_shoulder_after_a_minor_strain_is_not_a_spinal_fracture():
    result = result_of(
        date_of_birth=born_aged(72),
        pain_areas=["shoulder_right"],
        pain_onset="after_minor_strain",
        first_episode=True,
    )
    assert "fragility_fracture_age" not in ids(result)


# Fever by region (NICE NG240; IFOMPT 2020; Chou 2007)


def test_a_cold_with_a_sore_shoulder_is_a_caution_to_postpone_not_a_letter():
    result = result_of(fever_unwell=True, pain_areas=["shoulder_left"])
    assert (result.tier, ids(result)) == (CAUTION, ["fever_postpone"])
    assert "postpone" in flag(result, "fever_postpone").reason.lower()


@pytest.mark.parametrize("area", ["neck", "upper_back", "lower_back_right", "buttock_left"])
def test_fever_with_spinal_or_buttock_pain_is_a_referral(area):
    result = result_of(fever_unwell=True, pain_areas=[area])
    assert (result.tier, ids(result)) == (REFER, ["fever_infection"])


def test_fever_with_no_pain_marked_is_a_caution_to_postpone():
    # No pain marked is a relaxation massage, not an unknown region: a cold is not a referral.
    result = result_of(fever_unwell=True)
    assert (result.tier, ids(result)) == (CAUTION, ["fever_postpone"])


def test_unknown_duration_reads_as_recent_for_dizziness_with_neck_pain():
    result = result_of(dizziness_new=True, pain_areas=["neck"])
    assert "dizziness_with_neck_signs" in ids(result)


def test_unknown_duration_reads_as_under_12_weeks_for_night_pain_over_50():
    result = result_of(night_pain_unrelieved=True, date_of_birth=born_aged(60))
    assert "night_pain" in ids(result)


def test_unknown_first_episode_reads_as_a_first_for_a_fall_at_75():
    result = result_of(
        date_of_birth=born_aged(75), pain_areas=["lower_back_left"], pain_onset="after_minor_strain"
    )
    assert "fragility_fracture_age" in ids(result)


def test_long_term_steroid_tablets_with_new_back_pain_refer_for_infection_risk():
    result = result_of(
        long_term_steroids=True, pain_areas=["lower_back_left"], pain_duration="under_6_weeks"
    )
    assert "spinal_infection_risk" in ids(result)


def test_an_immunosuppressed_client_with_no_pain_is_not_referred():
    result = result_of(immunosuppressed=True)
    assert result.tier == CLEAR


def test_fever_with_neck_pain_and_a_new_severe_headache_is_an_emergency():
    result = result_of(fever_unwell=True, pain_areas=["neck"], sudden_severe_headache=True)
    assert result.tier == EMERGENCY
    assert "meningitis" in ids(result)
    assert "fever_infection" not in ids(result)


def test_fever_with_a_hot_joint_is_still_the_septic_joint_emergency():
    result = result_of(fever_unwell=True, joint_hot_red_swollen=True, pain_areas=["hip_left"])
    assert ids(result) == ["septic_joint"]


@pytest.mark.parametrize("risk", ["iv_drug_use", "immunosuppressed"])
def test_immunosuppression_or_injecting_with_new_spinal_pain_refers_without_fever(risk):
    result = result_of(pain_areas=["lower_back_left"], first_episode=True, **{risk: True})
    assert (result.tier, ids(result)) == (REFER, ["spinal_infection_risk"])


@pytest.mark.parametrize(
    ("duration", "first", "fires"),
    [
        ("under_6_weeks", False, True),
        ("6_to_12_weeks", False, False),
        ("over_12_weeks", True, True),
        ("over_12_weeks", False, False),
    ],
)
def test_spinal_infection_risk_needs_new_pain_first_episode_or_under_6_weeks(
    duration, first, fires
):
    result = result_of(
        immunosuppressed=True, pain_areas=["neck"], pain_duration=duration, first_episode=first
    )
    assert ("spinal_infection_risk" in ids(result)) is fires


def test_humira_counts_as_immunosuppression_with_new_back_pain():
    result = result_of(medications="Humira", pain_areas=["lower_back_left"], first_episode=True)
    assert "spinal_infection_risk" in ids(result)


# Night pain (Cochrane CD008686; BESS/BOA 2015)


def test_night_pain_alone_is_a_caution_to_ask_about_positions():
    result = result_of(night_pain_unrelieved=True, pain_areas=["shoulder_left"])
    assert (result.tier, ids(result)) == (CAUTION, ["night_pain_alone"])


@pytest.mark.parametrize(
    "extra",
    [
        {"weight_loss_unexplained": True},
        {"fever_unwell": True, "pain_areas": ["lower_back_left"]},
        {"cancer_history": True},
    ],
)
def test_night_pain_with_another_sign_is_a_referral(extra):
    result = result_of(night_pain_unrelieved=True, **extra)
    assert "night_pain" in ids(result)
    assert "night_pain_alone" not in ids(result)


@pytest.mark.parametrize(
    ("age", "duration", "fires"),
    [
        (50, "under_6_weeks", False),
        (51, "under_6_weeks", True),
        (51, "6_to_12_weeks", True),
        (51, "over_12_weeks", False),
    ],
)
def test_night_pain_over_50_refers_only_when_the_pain_is_under_12_weeks(age, duration, fires):
    result = result_of(
        night_pain_unrelieved=True, date_of_birth=born_aged(age), pain_duration=duration
    )
    assert ("night_pain" in ids(result)) is fires


# History of cancer, with its two follow-ups (Cochrane CD008686; NICE NG12)


def test_a_skin_cancer_cut_out_in_2020_raises_no_flag():
    result = result_of(cancer_history=True, cancer_skin_only=True, cancer_last_5_years=True)
    assert (result.tier, ids(result)) == (CLEAR, [])


def test_a_past_cancer_with_stable_pain_is_a_caution_to_ask_type_and_treatment():
    result = result_of(cancer_history=True, pain_duration="over_12_weeks")
    assert (result.tier, ids(result)) == (CAUTION, ["cancer_history_stable"])
    assert "type" in flag(result, "cancer_history_stable").reason


def test_a_cancer_in_the_last_5_years_is_a_referral():
    result = result_of(cancer_history=True, cancer_last_5_years=True, pain_duration="over_12_weeks")
    assert ids(result) == ["cancer_history"]


@pytest.mark.parametrize(
    "change",
    [
        {"first_episode": True},
        {"pain_duration": "under_6_weeks"},
        {"pain_duration": "6_to_12_weeks"},
        {"worsening_after_month": True},
        {"weight_loss_unexplained": True},
    ],
)
def test_a_past_cancer_with_new_or_changing_pain_is_a_referral(change):
    result = result_of(cancer_history=True, **change)
    assert "cancer_history" in ids(result)


def test_the_cancer_follow_ups_are_not_required():
    result = result_of(cancer_history=True, pain_duration="over_12_weeks")
    assert result.unanswered == ()


# Age and a first episode, for the neck or back only


@pytest.mark.parametrize(("age", "fires"), [(19, True), (20, False), (50, False), (51, True)])
def test_age_caution_boundaries_for_a_first_episode_of_back_pain(age, fires):
    result = result_of(
        first_episode=True, pain_areas=["lower_back_left"], date_of_birth=born_aged(age)
    )
    assert ("age_new_episode" in ids(result)) is fires


def test_age_caution_names_the_neck_for_a_neck_client():
    result = result_of(first_episode=True, pain_areas=["neck"], date_of_birth=born_aged(60))
    reason = flag(result, "age_new_episode").reason
    assert "neck pain" in reason
    assert "back pain" not in reason


def test_a_frozen_shoulder_at_60_raises_no_age_flag():
    result = result_of(
        first_episode=True, pain_areas=["shoulder_left"], date_of_birth=born_aged(60)
    )
    assert (result.tier, ids(result)) == (CLEAR, [])


# One arm


def test_tingling_down_one_arm_is_a_caution_with_no_deep_pressure_over_the_scalenes():
    result = result_of(one_arm_pain_or_tingling=True)
    assert (result.tier, ids(result)) == (CAUTION, ["one_arm_nerve"])
    assert "scalenes" in flag(result, "one_arm_nerve").restriction
    assert "deep_pressure" in result.excluded_techniques


def test_one_arm_getting_weaker_is_a_referral():
    result = result_of(arm_weakness_worsening=True)
    assert (result.tier, ids(result)) == (REFER, ["arm_weakness_worsening"])


# Words in every reason


def test_no_reason_says_back_pain_to_a_shoulder_client():
    result = result_of(
        pain_areas=["shoulder_right"],
        weight_loss_unexplained=True,
        worsening_after_month=True,
        cancer_history=True,
        chest_pain=True,
        breathless=True,
    )
    for f in result.flags:
        assert "back pain" not in f.reason.lower(), f.rule_id
        assert "back pain" not in f.physician_sentence.lower(), f.rule_id


def test_every_reason_template_fills_for_any_pain_map():
    every_yes = {id: True for id in ALL_NO}
    for areas in ([], ["neck"], ["neck", "lower_back_left", "shoulder_left", "hip_left"]):
        answers = {**every_yes, "pain_areas": areas, "pain_onset": "after_minor_strain"}
        result = screen(answers, TODAY)
        assert result.flags
        for f in result.flags:
            assert "{" not in f.reason and "{" not in f.physician_sentence, f.rule_id


# "Not sure"


@pytest.mark.parametrize(
    "question",
    [
        "saddle_numbness",
        "bladder_change",
        "both_legs_symptoms",
        "sudden_severe_headache",
        "face_numbness",
        "dizziness_new",
        "drop_attacks",
    ],
)
def test_not_sure_on_a_nerve_or_stroke_question_is_asked_in_person_not_an_emergency(question):
    result = result_of(**{question: True, "not_sure": [question]})
    assert result.tier == INCOMPLETE
    assert [ask.id for ask in result.ask_in_person] == [question]
    assert "today, before massage" in result.ask_in_person[0].ask


@pytest.mark.parametrize(
    ("question", "rule"), [("chest_pain", "chest_pain"), ("calf_pain_swelling", "possible_dvt")]
)
def test_not_sure_about_chest_pain_or_a_swollen_calf_still_counts_as_yes(question, rule):
    result = result_of(**{question: True, "not_sure": [question]})
    assert (result.tier, ids(result)) == (EMERGENCY, [rule])


def test_a_yes_in_person_to_a_not_sure_means_care_today():
    answers = {**ALL_NO, "saddle_numbness": True, "not_sure": ["saddle_numbness"]}
    result = screen(answers, TODAY, in_person={"saddle_numbness": True})
    assert (result.tier, ids(result), result.ask_in_person) == (EMERGENCY, ["saddle_numbness"], ())


def test_a_no_in_person_to_a_not_sure_clears_the_ask():
    answers = {**ALL_NO, "saddle_numbness": True, "not_sure": ["saddle_numbness"]}
    result = screen(answers, TODAY, in_person={"saddle_numbness": False})
    assert (result.tier, result.ask_in_person) == (CLEAR, ())


def test_ask_in_person_is_listed_even_when_a_referral_sets_the_tier():
    result = result_of(heart_or_kidney_failure=True, face_numbness=True, not_sure=["face_numbness"])
    assert result.tier == REFER
    assert [ask.id for ask in result.ask_in_person] == ["face_numbness"]


# Words in the client's own text


def test_bladder_trouble_described_only_in_the_complaint_is_asked_in_person():
    result = result_of(main_complaint="Low back ache and I keep leaking a bit of wee since Tuesday")
    assert result.tier == INCOMPLETE
    ask = result.ask_in_person[0]
    assert (ask.question, ask.cause) == ("bladder_change", "words")
    assert "leaking a bit of wee" in ask.ask


@pytest.mark.parametrize(
    "text",
    [
        "no bladder problems, just a stiff back",
        "Never had chest tightness.",
        "I have not lost weight",
    ],
)
def test_a_red_flag_word_negated_just_before_it_does_not_count(text):
    assert result_of(main_complaint=text).tier == CLEAR


@pytest.mark.parametrize(
    ("text", "question"),
    [
        ("my chest feels tight when I climb stairs", "chest_pain"),
        ("worst headache of my life last week", "sudden_severe_headache"),
        ("calf is swollen since the flight", "calf_pain_swelling"),
        ("I can't lift my arm above my head", "arm_injury_cannot_lift"),
        ("I've been losing weight", "weight_loss_unexplained"),
        ("night sweats most nights", "fever_unwell"),
        ("numb bottom when sitting", "saddle_numbness"),
        ("bowels are not right", "bowel_change"),
        ("chest pain when walking uphill", "chest_pain"),
        ("numb between my legs since Monday", "saddle_numbness"),
        ("never had bladder trouble until this week", "bladder_change"),
    ],
)
def test_red_flag_words_each_add_their_ask(text, question):
    result = result_of(main_complaint=text)
    assert [ask.question for ask in result.ask_in_person] == [question]


def test_red_flag_words_in_conditions_count_too():
    result = result_of(conditions="Night sweats since the summer")
    assert [ask.question for ask in result.ask_in_person] == ["fever_unwell"]


def test_red_flag_words_never_raise_the_tier_above_ask_in_person():
    result = result_of(main_complaint="thunderclap headache, pee problems, chest pressure")
    assert result.tier == INCOMPLETE
    assert ids(result) == []


def test_words_already_answered_yes_add_no_ask():
    result = result_of(bladder_change=True, main_complaint="trouble with my bladder")
    assert result.ask_in_person == ()


# Questions that fit the client


def test_pregnancy_is_not_required_of_a_man():
    answers = {k: v for k, v in ALL_NO.items() if k != "pregnant"}
    result = screen({**answers, "sex_at_birth": "male"}, TODAY)
    assert (result.tier, result.unanswered) == (CLEAR, ())


@pytest.mark.parametrize(("age", "required"), [(11, False), (12, True), (55, True), (56, False)])
def test_pregnancy_is_required_only_from_12_to_55(age, required):
    answers = {k: v for k, v in ALL_NO.items() if k != "pregnant"}
    result = screen({**answers, "date_of_birth": born_aged(age)}, TODAY)
    assert ("pregnant" in result.unanswered) is required


@pytest.mark.parametrize("sex", [None, "female", "intersex", "prefer_not_to_say"])
def test_pregnancy_is_asked_when_sex_at_birth_may_be_female(sex):
    answers = {k: v for k, v in ALL_NO.items() if k != "pregnant"}
    if sex:
        answers["sex_at_birth"] = sex
    assert "pregnant" in screen(answers, TODAY).unanswered


def test_a_change_in_erection_fires_the_same_nerve_emergency():
    result = result_of(sex_at_birth="male", erection_ejaculation_change=True)
    assert ids(result) == ["sexual_dysfunction"]


# Rules version and rulebook


def test_every_rule_has_a_reason_sentence_and_source():
    for rule in RULES_BY_ID.values():
        assert rule.reason and rule.physician_sentence and rule.source, rule.id


def test_a_past_cancer_with_pain_of_unknown_duration_reads_as_new():
    answers = {k: v for k, v in ALL_NO.items()}
    answers |= {"cancer_history": True, "pain_areas": ["lower_back_left"], "first_episode": False}
    assert "cancer_history" in ids(screen(answers, TODAY))


def test_a_past_cancer_with_no_pain_marked_is_a_caution():
    result = result_of(cancer_history=True)
    assert (result.tier, ids(result)) == (CAUTION, ["cancer_history_stable"])
