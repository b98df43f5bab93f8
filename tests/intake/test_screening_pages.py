"""The screening on short themed pages: each page's questions, a page that cannot be skipped,
"Not sure" screened as yes, the preferences and the new pain map regions, through the link."""

import re

import pytest
from django.utils.html import escape

from intake.models import Intake
from screening.questions import (
    FOLLOW_UPS,
    QUESTIONS,
    SCREENING_PAGES,
    SCREENING_SECTION_IDS,
    SECTION_BY_ID,
    is_screening_question,
    questions_in_section,
)
from tests.intake.questionnaire import SECTION_IDS, fill_in, form_url, valid_post

ANSWER_MESSAGE = "Please answer this question."


def page_text(response):
    return response.content.decode()


def messages_by_question(html):
    """{question id: message} of every message shown by a question."""
    found = re.findall(
        r'<div class="field-error" id="id_([a-z0-9_]+)_error">(.*?)</div>', html, re.S
    )
    return {id: re.sub(r"<[^>]+>", "", body).replace("Error: ", "").strip() for id, body in found}


def required_on(page_id):
    return [
        q.id
        for q in questions_in_section(page_id)
        if is_screening_question(q.id) and q.id not in ("recent_infection", *FOLLOW_UPS)
    ]


@pytest.mark.parametrize("page_id", SCREENING_SECTION_IDS)
def test_each_page_shows_its_questions_in_order_with_step_n_of_n(client, link, page_id):
    _, token = link
    html = page_text(client.get(form_url(token, page_id)))
    section = SECTION_BY_ID[page_id]
    step = SECTION_IDS.index(page_id) + 1
    assert f"Step {step} of {len(SECTION_IDS)}" in html
    assert f'<h1 class="h3 mb-3">{escape(section.title)}</h1>' in html
    positions = [html.index(f'name="{q.id}"') for q in questions_in_section(page_id)]
    assert positions == sorted(positions)
    # No question of another screening page here.
    for other in SCREENING_SECTION_IDS:
        if other != page_id:
            for question in questions_in_section(other):
                assert f'name="{question.id}"' not in html
    assert "Please answer every question on this page." in html


def test_the_sensitive_questions_come_after_a_line_saying_why(client, link):
    _, token = link
    html = page_text(client.get(form_url(token, "back_legs")))
    lead_in = html.index('class="question-lead-in"')
    assert (
        html.index('name="leg_weakness_worsening"') < lead_in < html.index('name="saddle_numbness"')
    )
    assert "We ask them because" in html[lead_in : html.index('name="saddle_numbness"')]


@pytest.mark.parametrize("page_id", SCREENING_SECTION_IDS)
def test_a_skipped_page_is_refused_with_the_message_by_each_question(client, link, page_id):
    intake, token = link
    fill_in(client, token, valid_post(), ["about", "complaint"])
    # The client answers one question and presses "Save and continue".
    first = required_on(page_id)[0]
    response = client.post(form_url(token, page_id), {first: "yes", "action": "next"})
    assert response.status_code == 200
    shown = messages_by_question(page_text(response))
    assert shown == {id: ANSWER_MESSAGE for id in required_on(page_id)[1:]}
    assert re.search(rf'name="{first}" value="yes"[^>]*checked', page_text(response))
    intake.refresh_from_db()
    assert page_id not in intake.sections_done
    # Nothing typed is lost: this page's answer and the pages before.
    assert intake.draft_answers[page_id][first] == "yes"
    assert intake.draft_answers["complaint"]["main_complaint"].startswith("Stiff lower back")


def test_a_page_skipped_by_its_address_is_refused_on_send_with_the_messages(client, link):
    intake, token = link
    answers = valid_post()
    # The client jumps from the first screening page to the last pages by the address bar.
    fill_in(client, token, answers, [s for s in SECTION_IDS[:-1] if s != "back_legs"])
    response = client.post(form_url(token, "consent"), answers["consent"])
    assert response["Location"] == form_url(token, "back_legs") + "?check"
    html = page_text(client.get(response["Location"]))
    assert "Please finish “Back, legs and bladder” before you send the form." in html
    assert messages_by_question(html) == {id: ANSWER_MESSAGE for id in required_on("back_legs")}
    intake.refresh_from_db()
    assert not intake.is_submitted
    # Everything else typed is still there; finishing the page sends the form.
    assert set(intake.sections_done) == set(SECTION_IDS) - {"back_legs"}
    fill_in(client, token, answers, ["back_legs", "consent"])
    intake.refresh_from_db()
    assert intake.is_submitted
    assert intake.screening.tier == "clear"


def test_resuming_opens_the_first_unfinished_page_with_everything_typed(client, link):
    _, token = link
    answers = valid_post()
    fill_in(client, token, answers, ["about", "complaint", "massage", "recent"])
    client.post(form_url(token, "back_legs"), {"saddle_numbness": "no", "action": "back"})

    later = type(client)()
    assert later.get(form_url(token))["Location"] == form_url(token, "back_legs")
    html = page_text(later.get(form_url(token, "back_legs")))
    assert re.search(r'name="saddle_numbness" value="no"[^>]*checked', html)
    recent = page_text(later.get(form_url(token, "recent")))
    assert re.search(r'name="fever_unwell" value="no"[^>]*checked', recent)
    massage = page_text(later.get(form_url(token, "massage")))
    assert re.search(r'name="pressure_preference" value="medium"[^>]*checked', massage)


def test_a_link_opened_before_the_pages_were_split_keeps_what_was_typed(client, link):
    intake, token = link
    answers = valid_post()
    fill_in(client, token, answers, ["about", "complaint"])
    # Saved under the old single page "screening", with the medicines under "history".
    old_screening = {q: "no" for q in QUESTIONS if is_screening_question(q)}
    old_screening["chest_pain"] = "yes"
    Intake.objects.filter(pk=intake.pk).update(
        draft_answers={
            **Intake.objects.get(pk=intake.pk).draft_answers,
            "screening": old_screening,
            "history": {"medications": "Eliquis 5 mg", "conditions": "Asthma"},
        },
        sections_done=["about", "complaint", "screening", "history"],
    )
    assert client.get(form_url(token))["Location"] == form_url(token, "massage")
    heart = page_text(client.get(form_url(token, "heart")))
    assert re.search(r'name="chest_pain" value="yes"[^>]*checked', heart)
    medicines = page_text(client.get(form_url(token, "medicines")))
    assert "Eliquis 5 mg" in medicines


def test_not_sure_is_screened_as_yes_stored_as_true_and_listed(client, link):
    intake, token = link
    answers = valid_post()
    answers["medicines"].update(pregnant="not_sure", pregnancy_high_risk="not_sure")
    answers["recent"].update(fever_unwell="not_sure")
    answers["heart"].update(varicose_veins="yes")
    fill_in(client, token, answers, SECTION_IDS[:-1])

    # The client's own check of the answers says "Not sure", not "Yes".
    html = page_text(client.get(form_url(token, "consent")))
    pregnant = html.index("Are you pregnant?")
    assert re.match(r"[^<]*</dt><dd>Not sure</dd>", html[pregnant:])
    fill_in(client, token, answers, ["consent"])

    intake.refresh_from_db()
    assert intake.is_submitted
    stored = intake.answers
    assert stored["pregnant"] is True and stored["pregnancy_high_risk"] is True
    assert stored["fever_unwell"] is True and stored["varicose_veins"] is True
    assert stored["not_sure"] == ["fever_unwell", "pregnant", "pregnancy_high_risk"]
    flags = {flag["id"] for flag in intake.screening.flags}
    assert {"fever_infection", "high_risk_pregnancy", "varicose_veins"} <= flags
    assert intake.screening.tier == "refer"


def test_not_sure_is_refused_where_it_is_not_offered(client, link):
    intake, token = link
    typed = {**valid_post()["medicines"], "iv_drug_use": "not_sure"}
    response = client.post(form_url(token, "medicines"), typed)
    assert messages_by_question(page_text(response)) == {"iv_drug_use": "Please answer yes or no."}


def test_preferences_are_optional_and_stored(client, link):
    intake, token = link
    answers = valid_post()
    response = client.post(form_url(token, "massage"), {"action": "next"})  # all optional
    assert response.status_code == 302
    fill_in(client, token, answers)
    intake.refresh_from_db()
    assert intake.is_submitted
    assert intake.answers["massage_before"] is True
    assert intake.answers["pressure_preference"] == "medium"
    assert intake.answers["areas_to_avoid"] == ["foot_left", "foot_right"]
    assert intake.answers["areas_to_avoid_notes"] == "Ticklish feet."


def test_the_complaint_and_pain_now_are_required(client, link):
    _, token = link
    typed = {**valid_post()["complaint"], "main_complaint": "", "pain_now": ""}
    html = page_text(client.post(form_url(token, "complaint"), typed))
    assert set(messages_by_question(html)) == {"main_complaint", "pain_now"}


NEW_REGIONS = [
    "head",
    "chest",
    "abdomen",
    "arm_left",
    "arm_right",
    "hand_left",
    "hand_right",
    "foot_left",
    "foot_right",
]


def test_the_new_pain_regions_are_accepted_and_stored(client, link):
    intake, token = link
    answers = valid_post()
    answers["complaint"]["pain_areas"] = [*NEW_REGIONS, "neck", "other"]
    answers["massage"]["areas_to_avoid"] = ["head", "abdomen"]
    fill_in(client, token, answers)
    intake.refresh_from_db()
    assert intake.is_submitted
    assert set(intake.answers["pain_areas"]) == {*NEW_REGIONS, "neck", "other"}
    assert intake.answers["areas_to_avoid"] == ["head", "abdomen"]


def test_every_region_on_the_map_is_a_large_tap_target():
    from intake.pain_map import MIN_TARGET, VIEWS

    for view in VIEWS:
        for shape in view.shapes:
            _, _, width, height = shape.box
            assert width >= MIN_TARGET and height >= MIN_TARGET, (view.id, shape.area)
    areas_of = {view.id: {s.area for s in view.shapes} for view in VIEWS}
    assert set(NEW_REGIONS) - {"chest", "abdomen"} <= areas_of["back"]
    assert {"chest", "abdomen"} <= areas_of["front"]


def test_the_screening_pages_follow_each_other(client, link):
    _, token = link
    answers = valid_post()
    fill_in(client, token, answers, ["about", "complaint", "massage"])
    for page, following in zip(
        SCREENING_PAGES, [*SCREENING_SECTION_IDS[1:], "history"], strict=True
    ):
        response = client.post(form_url(token, page.id), answers[page.id])
        assert response["Location"] == form_url(token, following)


def test_a_page_sent_while_the_database_is_down_shows_not_sure_in_words(client, link):
    from unittest import mock

    from django.db import OperationalError

    _, token = link
    typed = {**valid_post()["recent"], "fever_unwell": "not_sure", "action": "next"}
    with mock.patch(
        "intake.services._lock_for_token", side_effect=OperationalError("server closed")
    ):
        response = client.post(form_url(token, "recent"), typed)
    assert response.status_code == 503
    html = page_text(response)
    fever = html.index(escape(QUESTIONS["fever_unwell"].label))
    assert re.match(r"[^<]*</dt><dd>Not sure</dd>", html[fever:])
    assert '<input type="hidden" name="fever_unwell" value="not_sure">' in html
