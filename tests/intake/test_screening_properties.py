"""Properties of the screening that must hold for any answers (hypothesis): nothing unknown is
ever read as clear, and a "not sure" alone never sends anyone to the emergency department."""

import datetime

from hypothesis import given, settings
from hypothesis import strategies as st

from screening.engine import ASK_IF_NOT_SURE, screen
from screening.questions import ASKED_SCREENING_V3, LEGACY_DIZZINESS, REQUIRED_SCREENING
from screening.tiers import CLEAR, EMERGENCY, INCOMPLETE, NEEDS_PHYSICIAN

TODAY = datetime.date(2026, 12, 5)
SCREENING_IDS = [id for id in (*REQUIRED_SCREENING, *ASKED_SCREENING_V3) if id != LEGACY_DIZZINESS]

answer_sets = st.fixed_dictionaries(
    {},
    optional={id: st.booleans() for id in SCREENING_IDS}
    | {
        "pain_areas": st.lists(
            st.sampled_from(["neck", "upper_back", "lower_back_left", "shoulder_left", "hip_left"]),
            unique=True,
        ),
        "pain_duration": st.sampled_from(["under_6_weeks", "6_to_12_weeks", "over_12_weeks"]),
        "first_episode": st.booleans(),
        "date_of_birth": st.dates(datetime.date(1920, 1, 1), TODAY).map(str),
    },
)


@settings(max_examples=300, deadline=None)
@given(answer_sets)
def test_an_answer_set_with_any_required_question_unanswered_is_never_clear(answers):
    result = screen(answers, TODAY)
    if result.unanswered:
        assert result.tier != CLEAR
        assert result.tier == INCOMPLETE or result.tier in NEEDS_PHYSICIAN


@settings(max_examples=300, deadline=None)
@given(answer_sets, st.data())
def test_not_sure_alone_never_makes_an_emergency(answers, data):
    # Every emergency question "not sure", everything else no: ask in person, never hospital.
    unsure = data.draw(st.lists(st.sampled_from(sorted(ASK_IF_NOT_SURE - {LEGACY_DIZZINESS}))))
    answers = {id: False for id in SCREENING_IDS} | {id: True for id in unsure}
    answers["not_sure"] = sorted(set(unsure))
    result = screen(answers, TODAY)
    assert result.tier != EMERGENCY
    assert {ask.id for ask in result.ask_in_person} >= set(unsure)


@settings(max_examples=200, deadline=None)
@given(answer_sets)
def test_answering_every_ask_in_person_no_leaves_nothing_to_ask(answers):
    result = screen(answers, TODAY)
    in_person = {ask.question: False for ask in result.ask_in_person}
    again = screen(answers, TODAY, in_person=in_person)
    assert again.ask_in_person == ()
    assert again.tier != INCOMPLETE
