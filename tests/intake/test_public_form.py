"""The client fills the questionnaire through their link: sections, errors, progress, review."""

import re

import pytest
from django.utils import timezone

from intake.forms import SectionForm
from intake.models import Intake
from screening.questions import (
    BOOL,
    CHOICE,
    DATE,
    INT,
    MULTI,
    QUESTIONS,
    SECTIONS,
    TEXT,
)
from tests.intake.questionnaire import SECTION_IDS, fill_in, form_url, valid_post

SECTION_BY_ID = {section.id: section for section in SECTIONS}


def page_text(response):
    return response.content.decode()


def error_of(response, question_id):
    """The message shown by one question, or None."""
    match = re.search(
        rf'<div class="field-error" id="id_{question_id}_error">(.*?)</div>',
        page_text(response),
        re.S,
    )
    if match is None:
        return None
    return re.sub(r"<[^>]+>", "", match.group(1)).replace("Error: ", "").strip()


def bad_values(question_id):
    """Values a client (or a tampered request) might post that must be refused."""
    question = QUESTIONS[question_id]
    if question.type == TEXT:
        field = SectionForm(section=SECTION_BY_ID[question.section]).fields[question_id]
        values = ["x" * (field.max_length + 1), "Zo\x00e"]
        if question_id in ("email", "physician_email"):
            values.append("not-an-email")
        return values
    return {
        BOOL: ["maybe", "true", "1"],
        INT: ["11", "-1", "four", "4.5"],
        DATE: ["14/03/1986", "1986-02-30", "not a date", "2999-01-01", "1850-01-01"],
        CHOICE: ["sometimes", ""] if question_id != "pain_onset" else ["after_a_fall"],
        MULTI: [["knee"], ["neck", "elbow"]],
    }[question.type]


BAD_CASES = [
    (question_id, value)
    for question_id in QUESTIONS
    if not QUESTIONS[question_id].derived  # never asked: the app fills it
    for value in bad_values(question_id)
    if not (QUESTIONS[question_id].type == CHOICE and value == "")  # blank is "unanswered"
]


def test_the_link_opens_the_first_section(client, link):
    _, token = link
    response = client.get(form_url(token))
    assert response.status_code == 302
    assert response["Location"] == form_url(token, "about")
    page = page_text(client.get(response["Location"]))
    assert f"Step 1 of {len(SECTIONS)}" in page
    assert "Hello Zoë" in page
    # The practice's name heads the page, not the staff navigation.
    assert "Harbour Massage Clinic" in page
    assert "Dashboard" not in page and "Log out" not in page and "nav-search" not in page


def test_every_question_of_a_section_is_on_its_page_with_its_label(client, link):
    _, token = link
    for section in SECTION_IDS:
        page = page_text(client.get(form_url(token, section)))
        for question in QUESTIONS.values():
            if question.section == section:
                assert f'name="{question.id}"' in page, question.id
                assert question.label.replace("'", "&#x27;") in page, question.id


def test_yes_no_questions_are_radios_in_a_fieldset_with_a_legend(client, link):
    _, token = link
    page = page_text(client.get(form_url(token, "back_legs")))
    # Yes, No and Not sure.
    assert page.count('type="radio" name="saddle_numbness"') == 3
    assert re.search(r"<fieldset[^>]*>\s*<legend[^>]*>Do you have new numbness", page)
    # Questions where "not sure" would not help offer yes and no only.
    medicines = page_text(client.get(form_url(token, "medicines")))
    assert medicines.count('type="radio" name="iv_drug_use"') == 2


@pytest.mark.parametrize(("question_id", "value"), BAD_CASES)
def test_bad_value_is_refused_with_a_message_by_the_field(client, link, question_id, value):
    intake, token = link
    section = QUESTIONS[question_id].section
    data = {**valid_post()[section], question_id: value}
    response = client.post(form_url(token, section), data)

    assert response.status_code == 200
    assert error_of(response, question_id), f"no message by {question_id} for {value!r}"
    assert 'id="error-summary"' in page_text(response)
    intake.refresh_from_db()
    assert section not in intake.sections_done
    # What was typed is kept in the draft, so nothing is lost.
    assert question_id in intake.draft_answers[section]


def test_everything_typed_is_kept_when_one_answer_is_wrong(client, link):
    _, token = link
    data = {**valid_post()["about"], "date_of_birth": "14/03/1986"}
    page = page_text(client.post(form_url(token, "about"), data))
    assert 'value="14/03/1986"' in page
    assert 'value="Harbour Health Centre"' in page
    assert "2 Dock Road" in page
    assert re.search(r'value="yes"[^>]*checked', page)


def test_error_summary_links_to_the_field(client, link):
    _, token = link
    data = {**valid_post()["complaint"], "pain_now": "11", "main_complaint": "x" * 2001}
    response = client.post(form_url(token, "complaint"), data)
    page = page_text(response)
    label = QUESTIONS["pain_now"].label
    assert f'<a href="#id_pain_now_0">{label}</a>' in page.replace("&#x27;", "'")
    assert "Please choose a number from 0 to 10." in page
    assert '<a href="#id_main_complaint">' in page
    assert 'id="id_pain_now_0"' in page
    assert re.search(r'<textarea[^>]*aria-invalid="true"[^>]*id="id_main_complaint"', page) or (
        re.search(r'<textarea[^>]*id="id_main_complaint"[^>]*aria-invalid="true"', page)
    )


@pytest.mark.parametrize("question_id", ["first_name", "last_name", "date_of_birth"])
def test_required_answers_about_you_must_be_given(client, link, question_id):
    _, token = link
    data = valid_post(**{question_id: None})["about"]
    response = client.post(form_url(token, "about"), data)
    assert error_of(response, question_id).startswith("Please enter your")


def test_text_posted_twice_or_as_a_list_is_not_a_server_error(client, link):
    _, token = link
    response = client.post(
        form_url(token, "about"),
        {**valid_post()["about"], "first_name": ["Zoë", "Zed"], "unknown": "x"},
    )
    assert response.status_code in (200, 302)


def test_progress_is_kept_between_sections(client, link):
    intake, token = link
    answers = valid_post()
    response = client.post(form_url(token, "about"), answers["about"])
    assert response.status_code == 302
    assert response["Location"] == form_url(token, "complaint")

    # A closed tab: the same link, a new browser.
    later = type(client)()
    response = later.get(form_url(token))
    assert response["Location"] == form_url(token, "complaint")
    page = page_text(later.get(form_url(token, "about")))
    assert 'value="Zoë"' in page and 'value="zoe.new@example.com"' in page
    assert 'value="1986-03-14"' in page
    assert "2 Dock Road" in page
    intake.refresh_from_db()
    assert intake.sections_done == ["about"]


def test_resume_goes_to_the_first_unfinished_section_with_what_was_typed(client, link):
    _, token = link
    answers = valid_post()
    fill_in(client, token, answers, ["about", "complaint"])
    fill_in(client, token, answers, ["massage", "recent"])
    client.post(form_url(token, "back_legs"), {"saddle_numbness": "maybe", "bowel_change": "yes"})

    later = type(client)()
    assert later.get(form_url(token))["Location"] == form_url(token, "back_legs")
    response = later.get(form_url(token, "back_legs"))
    page = page_text(response)
    assert re.search(r'name="bowel_change" value="yes"[^>]*checked', page)
    # Opening a page shows no messages (issue 18: a page left with Back came back all red);
    # they come with "Save and continue".
    assert error_of(response, "saddle_numbness") is None
    response = later.post(form_url(token, "back_legs"), {"saddle_numbness": "maybe"})
    assert error_of(response, "saddle_numbness") == "Please answer yes, no or not sure."
    complaint = page_text(later.get(form_url(token, "complaint")))
    assert re.search(r'name="pain_areas" value="lower_back_left"[^>]*checked', complaint)
    assert re.search(r'name="pain_now" value="4"[^>]*checked', complaint)


def test_back_saves_what_was_typed_and_goes_to_the_previous_section(client, link):
    intake, token = link
    fill_in(client, token, valid_post(), ["about"])
    response = client.post(
        form_url(token, "complaint"), {"main_complaint": "Sore neck", "action": "back"}
    )
    assert response["Location"] == form_url(token, "about")
    intake.refresh_from_db()
    assert intake.draft_answers["complaint"]["main_complaint"] == "Sore neck"
    assert "Sore neck" in page_text(client.get(form_url(token, "complaint")))


def test_back_with_a_wrong_answer_still_goes_back_and_keeps_it(client, link):
    intake, token = link
    response = client.post(
        form_url(token, "complaint"), {"pain_now": "12", "action": "back", "goals": "Sleep"}
    )
    assert response["Location"] == form_url(token, "about")
    intake.refresh_from_db()
    assert "complaint" not in intake.sections_done
    assert intake.draft_answers["complaint"]["goals"] == "Sleep"


def test_pain_areas_are_checkboxes_that_work_without_javascript(client, link):
    intake, token = link
    data = {**valid_post()["complaint"], "pain_areas": ["neck", "buttock_right", "other"]}
    response = client.post(form_url(token, "complaint"), data)
    assert response.status_code == 302
    page = page_text(client.get(form_url(token, "complaint")))
    for area in ("neck", "buttock_right", "other"):
        assert re.search(rf'name="pain_areas" value="{area}"[^>]*checked', page)
    # Without JavaScript the drawing is a picture: the turn button and the chips wait for
    # pain-map.js, and the list of boxes is open.
    assert re.search(r'<div class="pain-map-bar"[^>]*hidden', page)
    assert re.search(r'<div class="pain-map-chosen"[^>]*hidden', page)
    assert '<details class="pain-area-list" open>' in page
    assert 'src="/static/js/pain-map.js"' in page
    assert "<script>" not in page  # no inline script


def test_the_pain_map_draws_every_pain_area(client, link):
    from intake.pain_map import areas_drawn
    from screening.questions import PAIN_AREAS

    _, token = link
    page = page_text(client.get(form_url(token, "complaint")))
    for value, _ in PAIN_AREAS:
        if value != "other":
            assert f'data-area="{value}"' in page
    assert areas_drawn() == {value for value, _ in PAIN_AREAS} - {"other"}


def test_review_step_shows_the_answers_given(client, link):
    _, token = link
    fill_in(client, token, valid_post(pregnant="yes"), SECTION_IDS[:-1])
    page = page_text(client.get(form_url(token, "consent")))
    assert "Check your answers" in page
    assert "Harbour Health Centre" in page
    assert "Lower back, left side, Lower back, right side" in page
    assert "14 March 1986" in page
    assert "Are you pregnant?" in page
    assert "Not finished yet" not in page


def test_review_step_points_to_an_unfinished_section(client, link):
    _, token = link
    fill_in(client, token, valid_post(), ["about", "complaint"])
    page = page_text(client.get(form_url(token, "consent")))
    assert "Not finished yet" in page
    assert form_url(token, "massage") in page
    assert form_url(token, "recent") in page


def test_sending_with_an_unfinished_section_goes_to_it(client, link):
    intake, token = link
    answers = valid_post()
    skipped = [s for s in SECTION_IDS[:-1] if s != "heart"]
    fill_in(client, token, answers, skipped)
    response = client.post(form_url(token, "consent"), answers["consent"])
    assert response["Location"] == form_url(token, "heart") + "?check"
    page = page_text(client.get(response["Location"]))
    assert "Please finish “Heart and circulation” before you send the form." in page
    intake.refresh_from_db()
    assert not intake.is_submitted


def test_signature_must_match_the_name_given(client, link):
    intake, token = link
    answers = valid_post(signature_name="Z. Nunez")
    response = fill_in(client, token, answers)
    assert response.status_code == 200
    assert error_of(response, "signature_name") == (
        "Please type your first and last name exactly as you gave them: Zoë Núñez."
    )
    assert 'value="Z. Nunez"' in page_text(response)
    intake.refresh_from_db()
    assert not intake.is_submitted


@pytest.mark.parametrize("consent", [None, "no"])
def test_consent_to_treatment_must_be_yes(client, link, consent):
    intake, token = link
    response = fill_in(client, token, valid_post(consent_treatment=consent))
    assert "Please answer yes to send the form" in error_of(response, "consent_treatment")
    intake.refresh_from_db()
    assert not intake.is_submitted


def test_a_skipped_screening_question_is_refused_with_a_message_and_nothing_typed_is_lost(
    client, link
):
    intake, token = link
    typed = valid_post()["heart"]
    del typed["chest_pain"]
    typed["varicose_veins"] = "yes"
    response = client.post(form_url(token, "heart"), typed)
    assert response.status_code == 200
    form = response.context["form"]
    assert form.errors["chest_pain"] == ["Please answer this question."]
    assert set(form.errors) == {"chest_pain"}
    intake.refresh_from_db()
    assert "heart" not in intake.sections_done
    assert intake.draft_answers["heart"]["varicose_veins"] == "yes"  # kept


def test_a_follow_up_whose_parent_is_no_is_not_required(client, link):
    intake, token = link
    typed = valid_post()["medicines"]
    del typed["pregnancy_high_risk"]
    client.post(form_url(token, "medicines"), typed)  # pregnant: no
    intake.refresh_from_db()
    assert "medicines" in intake.sections_done


def test_a_follow_up_whose_parent_is_yes_is_required(client, link):
    _, token = link
    for pregnant in ("yes", "not_sure"):
        typed = {**valid_post()["medicines"], "pregnant": pregnant}
        del typed["pregnancy_high_risk"]
        response = client.post(form_url(token, "medicines"), typed)
        assert response.context["form"].errors == {
            "pregnancy_high_risk": ["Please answer this question."]
        }


def test_a_question_the_app_adds_itself_may_be_left_blank(client, link):
    intake, token = link
    typed = valid_post()["recent"]
    del typed["recent_infection"]
    client.post(form_url(token, "recent"), typed)
    intake.refresh_from_db()
    assert "recent" in intake.sections_done


def test_the_complaint_and_current_pain_are_required(client, link):
    _, token = link
    typed = valid_post()["complaint"]
    del typed["main_complaint"], typed["pain_now"]
    response = client.post(form_url(token, "complaint"), typed)
    assert set(response.context["form"].errors) == {"main_complaint", "pain_now"}


def test_the_whole_form_sends_and_thanks_the_client(client, link):
    intake, token = link
    response = fill_in(client, token, valid_post())
    assert response.status_code == 302
    assert response["Location"] == f"/intake/f/{token}/thanks/"
    page = page_text(client.get(response["Location"]))
    assert "Thank you, your answers have been sent" in page
    assert "will read your answers before your appointment" in page
    intake.refresh_from_db()
    assert intake.is_submitted
    assert intake.submitted_at <= timezone.now()


def test_a_section_posted_after_sending_is_refused(client, link):
    intake, token = link
    fill_in(client, token, valid_post())
    response = client.post(form_url(token, "about"), valid_post()["about"])
    assert response.status_code == 410
    assert Intake.objects.get(pk=intake.pk).draft_answers == {}
