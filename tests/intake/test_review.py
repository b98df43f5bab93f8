"""The therapist reviews a submitted intake: each flag's reason with the client's own
answers, the full questionnaire, acknowledgement and rescreening."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils.html import escape

from intake.models import Screening
from intake.review import ALSO_SHOWN, EMERGENCY_ADVICE, evidence_question_ids, flag_evidence
from screening.engine import screen
from screening.questions import QUESTIONS, SECTIONS
from screening.rules import RULES, RULES_BY_ID, RULES_VERSION
from tests.factories import make_submitted_intake

SADDLE_AND_WARFARIN = {
    "saddle_numbness": True,
    "anticoagulants": True,
    "medications": "Warfarin 5 mg daily",
    "pain_areas": ["lower_back_left", "buttock_left"],
    "pain_now": 6,
    "pain_onset": "gradual",
    "chest_pain": False,
}


@pytest.fixture
def emergency_intake(alice_client):
    return make_submitted_intake(alice_client, SADDLE_AND_WARFARIN)


def review(as_user, intake):
    return as_user.get(reverse("intake:intake-review", args=[intake.pk]))


def test_review_shows_each_flags_reason_source_and_the_clients_answer(as_alice, emergency_intake):
    html = review(as_alice, emergency_intake).content.decode()
    assert 'class="badge tier-badge tier-emergency">Emergency</span>' in html
    assert 'class="badge tier-badge tier-caution">Caution</span>' in html
    assert EMERGENCY_ADVICE in html
    for flag in emergency_intake.screening.flags:
        assert escape(flag["reason"]) in html
        assert escape(flag["source"]) in html
    # The client's own answers next to the flag they raised.
    saddle = html.index(escape(emergency_intake.screening.flags[0]["reason"]))
    anticoagulation = html.index(escape(emergency_intake.screening.flags[1]["reason"]))
    saddle_block = html[saddle:anticoagulation]
    assert "The client answered:" in saddle_block
    assert escape(QUESTIONS["saddle_numbness"].label) in saddle_block
    assert "<strong>Yes</strong>" in saddle_block
    anticoagulation_block = html[anticoagulation : html.index("Full questionnaire")]
    assert escape(QUESTIONS["anticoagulants"].label) in anticoagulation_block
    assert "Warfarin 5 mg daily" in anticoagulation_block
    assert "No deep tissue or forceful pressure" in anticoagulation_block


def test_review_shows_the_full_questionnaire_in_words(as_alice, emergency_intake):
    html = review(as_alice, emergency_intake).content.decode()
    questionnaire = html[html.index("Full questionnaire") :]
    for section in SECTIONS:
        assert escape(section.title) in questionnaire
    for question in QUESTIONS.values():
        if not question.derived:
            assert escape(question.label) in questionnaire
    assert "6 out of 10" in questionnaire
    assert "Slowly, over days or weeks" in questionnaire
    assert "14 March 1986" in questionnaire  # Zoë's date of birth, in words
    assert "Not answered" in questionnaire
    # The pain map, read-only, with the areas' labels.
    pain = html[html.index("Where it hurts") : html.index("Rescreen with current rules")]
    assert "Lower back, left side" in pain and "Buttock, left side" in pain


def test_a_clear_intake_says_no_warning_signs(as_alice, alice_client):
    intake = make_submitted_intake(alice_client, {"pain_now": 2})
    html = review(as_alice, intake).content.decode()
    assert 'tier-clear">Clear</span>' in html
    assert "No warning signs in the client's answers." in html
    assert EMERGENCY_ADVICE not in html


def test_a_flag_from_an_older_rule_still_shows_its_reason(as_alice, alice_client):
    intake = make_submitted_intake(alice_client, {})
    Screening.objects.filter(intake=intake).update(
        tier="refer",
        flags=[{"id": "retired_rule", "tier": "refer", "reason": "An old reason.", "source": "X"}],
    )
    response = review(as_alice, intake)
    assert response.status_code == 200
    assert "An old reason." in response.content.decode()


def test_an_unsubmitted_intake_says_so(as_alice, alice_client):
    from intake.services import intake_link_create

    intake, _ = intake_link_create(therapist=alice_client.therapist, client=alice_client)
    html = review(as_alice, intake).content.decode()
    assert "The client has not submitted this form yet." in html
    response = as_alice.post(reverse("intake:intake-acknowledge", args=[intake.pk]))
    assert response.status_code == 302
    intake.refresh_from_db()
    assert intake.reviewed_at is None


def test_acknowledging_records_who_and_when_and_leaves_the_new_intakes_panel(
    as_alice, alice, emergency_intake
):
    dashboard = reverse("dashboard:dashboard")
    assert reverse("intake:intake-review", args=[emergency_intake.pk]) in (
        as_alice.get(dashboard).content.decode()
    )
    response = as_alice.post(
        reverse("intake:intake-acknowledge", args=[emergency_intake.pk]), follow=True
    )
    html = response.content.decode()
    assert "is marked as reviewed" in html
    assert "Reviewed by Alice Moreau on" in html
    assert "I have reviewed this intake" not in html
    emergency_intake.refresh_from_db()
    assert emergency_intake.reviewed_by == alice
    assert emergency_intake.reviewed_at is not None

    panel = as_alice.get(dashboard).content.decode()
    assert reverse("intake:intake-review", args=[emergency_intake.pk]) not in panel
    assert "No new intakes waiting for review." in panel


def test_rescreen_adds_a_rescreen_and_keeps_the_original(as_alice, alice, alice_client):
    intake = make_submitted_intake(alice_client, {"anticoagulants": True})
    # As if the intake had been screened by older rules that missed the caution.
    Screening.objects.filter(intake=intake).update(rules_version="2025.1.0", tier="clear", flags=[])
    original = intake.screening

    response = as_alice.post(reverse("intake:intake-rescreen", args=[intake.pk]), follow=True)
    html = response.content.decode()
    assert f"Rescreened with rules {RULES_VERSION}: Caution." in html
    assert "The original screening is kept." in html

    original.refresh_from_db()
    assert (original.rules_version, original.tier, original.flags) == ("2025.1.0", "clear", [])
    assert intake.screening == original
    rescreen = intake.screenings.get(is_rescreen=True)
    assert (rescreen.rules_version, rescreen.tier, rescreen.created_by) == (
        RULES_VERSION,
        "caution",
        alice,
    )
    screening_section = html[html.index("Screening at submission") : html.index("Rescreens")]
    assert "Rules version 2025.1.0" in screening_section
    rescreens = html[html.index('id="rescreens-heading"') : html.index("Full questionnaire")]
    assert f"Rules version {RULES_VERSION}" in rescreens
    assert 'tier-caution">Caution</span>' in rescreens


def test_each_flag_lists_the_questions_its_rule_reads_then_the_ones_also_shown():
    for rule in RULES:
        shown = evidence_question_ids(rule.id)
        assert shown[: len(rule.question_ids)] == rule.question_ids, rule.id
        assert set(shown) <= set(QUESTIONS), rule.id
    assert evidence_question_ids("anticoagulation") == (
        "anticoagulants",
        "bleeding_disorder",
        "medications",
    )
    assert evidence_question_ids("retired_rule") == ()


def test_also_shown_names_real_rules_and_questions_they_do_not_already_read():
    assert set(ALSO_SHOWN) <= set(RULES_BY_ID)
    for rule_id, question_ids in ALSO_SHOWN.items():
        assert set(question_ids) <= set(QUESTIONS), rule_id
        assert not set(question_ids) & set(RULES_BY_ID[rule_id].question_ids), rule_id


def test_evidence_lists_the_yes_answers_an_addendum_read_but_not_the_noes():
    on = datetime.date(2026, 6, 15)
    answers = {"calf_pain_swelling": True, "breathless": True, "chest_pain": False}
    (flag,) = screen(answers, on).as_dict()["flags"]
    assert [line.id for line in flag_evidence(flag, answers, on)] == [
        "calf_pain_swelling",
        "breathless",
    ]


def test_evidence_gives_the_age_behind_an_age_rule():
    on = datetime.date(2026, 6, 15)
    answers = {"first_episode": True, "pain_areas": ["neck"], "date_of_birth": "1966-01-01"}
    (flag,) = screen(answers, on).as_dict()["flags"]
    lines = flag_evidence(flag, answers, on)
    assert [line.id for line in lines] == ["first_episode", "pain_areas", "date_of_birth"]
    assert lines[2].answer == "1 January 1966 (age 60 on the intake date)"


def test_it_checks_ownership(as_bob, emergency_intake):
    assert review(as_bob, emergency_intake).status_code == 404
    for name in ("intake:intake-acknowledge", "intake:intake-rescreen"):
        assert as_bob.post(reverse(name, args=[emergency_intake.pk])).status_code == 404
    emergency_intake.refresh_from_db()
    assert emergency_intake.reviewed_at is None
    assert emergency_intake.screenings.count() == 1


@pytest.mark.parametrize(
    "name,method",
    [
        ("intake:intake-review", "get"),
        ("intake:intake-acknowledge", "post"),
        ("intake:intake-rescreen", "post"),
    ],
)
def test_anonymous_is_sent_to_log_in(client, emergency_intake, name, method):
    response = getattr(client, method)(reverse(name, args=[emergency_intake.pk]))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
    emergency_intake.refresh_from_db()
    assert emergency_intake.reviewed_at is None
    assert emergency_intake.screenings.count() == 1


def test_acknowledge_and_rescreen_refuse_get(as_alice, emergency_intake):
    for name in ("intake:intake-acknowledge", "intake:intake-rescreen"):
        assert as_alice.get(reverse(name, args=[emergency_intake.pk])).status_code == 405


def test_the_first_screen_shows_the_complaint_and_pain_map_beside_the_flags(
    as_alice, emergency_intake
):
    html = review(as_alice, emergency_intake).content.decode()
    first = html[
        html.index('class="row g-3 mb-3 review-first-screen"') : html.index(
            "Rescreen with current rules"
        )
    ]
    flags = first.index("Screening at submission")
    complaint = first.index("The complaint")
    assert flags < complaint  # on a phone the flags come first; two columns on a desktop
    assert first.count('class="col-lg-6"') == 2
    summary = first[complaint:]
    for words in ("Pain now", "6 out of 10", "Worst in the last week", "Where it hurts"):
        assert words in summary
    assert "Lower back, left side" in summary
    # The contact details come after, at the end of the full questionnaire.
    questionnaire = html[html.index("Full questionnaire") :]
    assert questionnaire.index("About you (contact details)") > questionnaire.index(
        "Health history"
    )
    assert "About you" not in first and "Emergency contact" not in first


def test_a_not_sure_answer_is_screened_as_yes_and_shown_as_not_sure(as_alice, alice_client):
    intake = make_submitted_intake(
        alice_client, {"osteoporosis": True, "not_sure": ["osteoporosis"], "anticoagulants": True}
    )
    assert intake.screening.tier == "caution"
    assert {flag["id"] for flag in intake.screening.flags} >= {"osteoporosis", "anticoagulation"}
    html = review(as_alice, intake).content.decode()
    osteoporosis = html.index(escape(RULES_BY_ID["osteoporosis"].reason))
    block = html[osteoporosis : html.index("Source:", osteoporosis)]
    assert escape(QUESTIONS["osteoporosis"].label) in block
    assert '<strong class="answer-not-sure">Not sure</strong>' in block
    # A plain yes is still a yes.
    anticoagulation = html.index(escape(RULES_BY_ID["anticoagulation"].reason))
    block = html[anticoagulation : html.index("Source:", anticoagulation)]
    assert "<strong>Yes</strong>" in block
    questionnaire = html[html.index("Full questionnaire") :]
    row = questionnaire[questionnaire.index(escape(QUESTIONS["osteoporosis"].label)) :]
    assert re.match(r"[^<]*</dt>\s*<dd[^>]*answer-not-sure[^>]*>Not sure</dd>", row)


def test_preferences_show_beside_the_complaint(as_alice, alice_client):
    intake = make_submitted_intake(
        alice_client,
        {
            "pressure_preference": "firm",
            "areas_to_avoid": ["foot_left", "abdomen"],
            "areas_to_avoid_notes": "Scar on my belly.",
            "massage_before": True,
        },
    )
    html = review(as_alice, intake).content.decode()
    first = html[: html.index("Rescreen with current rules")]
    preferences = first[first.index("Massage preferences") :]
    assert "Firm" in preferences
    assert "Belly (abdomen), Foot, left foot" in preferences
    assert "Scar on my belly." in preferences


def test_medicines_conditions_and_allergies_are_in_the_first_screen(as_alice, alice_client):
    """Issue 18: they sat at the very bottom, in the full questionnaire."""
    intake = make_submitted_intake(
        alice_client,
        {
            "medications": "Warfarin 5 mg daily",
            "conditions": "Atrial fibrillation",
        },
    )
    html = review(as_alice, intake).content.decode()
    first = html[: html.index("Rescreen with current rules")]
    health = first[first.index("Medicines, conditions and allergies") :]
    health = health[: health.index("Where it hurts")]
    assert "Warfarin 5 mg daily" in health
    assert "Atrial fibrillation" in health
    assert re.search(r"Allergies</dt>\s*<dd[^>]*><span[^>]*>None given</span>", health)
