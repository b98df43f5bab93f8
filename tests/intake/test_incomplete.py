"""A skipped screening question is unknown, not no: the result is `incomplete`, never `clear`,
and never hides a more urgent flag (docs/clinical/red-flags.md, unanswered screening
questions)."""

import datetime

import pytest
from django.urls import reverse

from clearance.status import NEEDS_PHYSICIAN as CLEARANCE_NEEDS_PHYSICIAN
from intake.services import intake_link_create, intake_submit
from screening import tiers
from screening.engine import screen
from screening.questions import QUESTIONS, REQUIRED_SCREENING
from screening.tiers import CAUTION, CLEAR, EMERGENCY, INCOMPLETE, REFER
from tests.factories import make_submitted_intake

ON = datetime.date(2026, 6, 15)
ALL_NO = {id: False for id in REQUIRED_SCREENING}


def without(*ids, **answers):
    """Every required screening question answered no, except `ids` (left blank)."""
    kept = {key: value for key, value in ALL_NO.items() if key not in ids}
    return {**kept, **answers}


def test_every_question_answered_no_is_clear_with_nothing_unanswered():
    result = screen(ALL_NO, ON)
    assert result.tier == CLEAR
    assert result.unanswered == ()


def test_one_skipped_question_is_incomplete_and_names_exactly_it():
    result = screen(without("chest_pain"), ON)
    assert result.tier == INCOMPLETE
    assert result.unanswered == ("chest_pain",)
    assert result.as_dict()["unanswered"] == ["chest_pain"]


def test_unanswered_ids_come_in_catalogue_order():
    result = screen(without("allergies_oils_latex", "saddle_numbness", "osteoporosis"), ON)
    assert result.unanswered == ("saddle_numbness", "osteoporosis", "allergies_oils_latex")


@pytest.mark.parametrize(
    ("answers", "tier", "rule_id"),
    [
        ({"saddle_numbness": True}, EMERGENCY, "saddle_numbness"),
        ({"heart_or_kidney_failure": True}, REFER, "heart_or_kidney_failure"),
    ],
)
def test_incomplete_never_hides_a_more_urgent_flag(answers, tier, rule_id):
    result = screen(without("chest_pain", "bowel_change", **answers), ON)
    assert result.tier == tier
    assert [flag.rule_id for flag in result.flags] == [rule_id]
    # Still listed, so the therapist sees what was never asked.
    assert result.unanswered == ("bowel_change", "chest_pain")


def test_a_caution_with_a_skipped_question_is_incomplete_and_keeps_the_caution():
    result = screen(without("chest_pain", osteoporosis=True), ON)
    assert result.tier == INCOMPLETE
    assert [flag.rule_id for flag in result.flags] == ["osteoporosis"]
    assert result.restrictions == ("Light pressure, no forceful joint work (osteoporosis).",)


def test_a_follow_up_whose_parent_is_no_is_not_required():
    result = screen(without("pregnancy_high_risk", pregnant=False), ON)
    assert result.tier == CLEAR
    assert result.unanswered == ()


def test_a_follow_up_whose_parent_is_yes_is_required():
    result = screen(without("pregnancy_high_risk", pregnant=True), ON)
    assert result.tier == INCOMPLETE
    assert result.unanswered == ("pregnancy_high_risk",)


def test_with_the_parent_unanswered_only_the_parent_is_listed():
    result = screen(without("pregnant", "pregnancy_high_risk"), ON)
    assert result.unanswered == ("pregnant",)


def test_a_question_the_app_adds_itself_is_optional():
    assert "recent_infection" in QUESTIONS
    assert "recent_infection" not in REQUIRED_SCREENING
    assert screen(ALL_NO, ON).tier == CLEAR


def test_incomplete_sorts_between_refer_and_caution_and_needs_no_physician():
    assert tiers.TIER_ORDER == (EMERGENCY, REFER, INCOMPLETE, CAUTION, CLEAR)
    assert tiers.NEEDS_PHYSICIAN == (EMERGENCY, REFER)
    assert INCOMPLETE not in CLEARANCE_NEEDS_PHYSICIAN
    assert tiers.TIER_LABELS[INCOMPLETE] == "Incomplete \u2014 ask in person"


@pytest.mark.django_db
def test_the_screening_stores_the_unanswered_questions(alice_client):
    intake, _ = intake_link_create(therapist=alice_client.therapist, client=alice_client)
    answers = {
        **without("bladder_change"),
        "first_name": alice_client.first_name,
        "last_name": alice_client.last_name,
        "date_of_birth": "1986-03-14",
        "consent_treatment": True,
        "signature_name": alice_client.full_name,
    }
    intake = intake_submit(intake=intake, answers=answers, on_date=ON)
    screening = intake.screening
    assert screening.tier == INCOMPLETE
    assert screening.unanswered == ["bladder_change"]
    assert not screening.needs_physician


@pytest.mark.django_db
def test_review_says_ask_in_person_with_the_questions_and_the_badge_says_so(as_alice, alice_client):
    intake = make_submitted_intake(alice_client, {"chest_pain": None, "bladder_change": None})
    html = as_alice.get(reverse("intake:intake-review", args=[intake.pk])).content.decode()
    assert "Ask in person before massage:" in html
    assert QUESTIONS["chest_pain"].label in html
    assert 'tier-incomplete">Incomplete \u2014 ask in person</span>' in html
    assert "No warning signs in the client's answers." not in html
