"""The health update: a returning client confirms or changes what is on file on one page,
answers every screening question afresh, signs, and the update is screened like an intake."""

import pytest

from intake.models import Intake, IntakeKind
from intake.services import health_update_link_issue
from screening.questions import SCREENING_SECTION_IDS, is_screening_question, questions_in_section
from tests.factories import REFER_ANSWERS, make_submitted_intake
from tests.intake.questionnaire import form_url

LAST_TIME = {
    **REFER_ANSWERS,
    "phone": "+1 555 010 1111",
    "physician_name": "Dr. Helen Park",
    "medications": "Warfarin 5 mg",
    "conditions": "Asthma",
    "allergies": "Latex",
    "pressure_preference": "firm",
}
ALL_NO_PAGES = {
    page: {q.id: "no" for q in questions_in_section(page) if is_screening_question(q.id)}
    for page in SCREENING_SECTION_IDS
}
NO_CHANGES = {
    "contact_changed": "no",
    "physician_changed": "no",
    "medicines_changed": "no",
    "conditions_changed": "no",
    "allergies_changed": "no",
}
CONSENT = {"consent_treatment": "yes", "signature_name": "Zoë Núñez"}


@pytest.fixture
def update(alice_client):
    make_submitted_intake(alice_client, LAST_TIME)
    intake, token = health_update_link_issue(client=alice_client)
    assert intake.kind == IntakeKind.UPDATE
    return intake, token


def _send(client, token, changes=None, screening=None):
    client.post(form_url(token, "changes"), {**NO_CHANGES, **(changes or {})})
    pages = {**ALL_NO_PAGES, **(screening or {})}
    for page in SCREENING_SECTION_IDS:
        client.post(form_url(token, page), pages[page])
    return client.post(form_url(token, "consent"), CONSENT)


def test_the_first_page_shows_what_is_on_file(client, update):
    _, token = update
    response = client.get(form_url(token))
    assert response.status_code == 302 and response["Location"].endswith("/changes/")
    page = client.get(form_url(token, "changes")).content.decode()
    assert "Anything changed?" in page and "Step 1 of 8" in page
    for on_file in ("+1 555 010 1111", "Dr. Helen Park", "Warfarin 5 mg", "Asthma", "Latex"):
        assert on_file in page
    assert page.count("No changes") >= 5


def test_screening_questions_are_asked_afresh_never_carried_over(client, update):
    _, token = update
    client.post(form_url(token, "changes"), NO_CHANGES)
    for page in SCREENING_SECTION_IDS:
        response = client.get(form_url(token, page))
        form = response.context["form"]
        assert not form.is_bound
        asked = [name for name in form.fields if is_screening_question(name)]
        assert asked, page
        assert all(name not in form.initial for name in asked), page
        # The client said yes to night pain last time: not ticked now.
        assert 'value="yes" checked' not in response.content.decode()
    # Medicines are confirmed on the first page, not asked again.
    assert "medications" not in client.get(form_url(token, "medicines")).context["form"].fields


def test_no_changes_keeps_the_last_answers_and_rescreens_today(client, update, alice_client):
    intake, token = update
    response = _send(client, token)
    assert response.status_code == 302 and response["Location"].endswith("/thanks/")
    intake.refresh_from_db()
    assert intake.is_submitted
    assert intake.answers["medications"] == "Warfarin 5 mg"
    assert intake.answers["physician_name"] == "Dr. Helen Park"
    assert intake.answers["pressure_preference"] == "firm"
    # Screened on today's answers: last time's refer flags (cancer history, night pain, a
    # clot) are not carried over; the medicines on file still count (warfarin: caution).
    assert intake.screening.tier == "caution"
    assert [flag["id"] for flag in intake.screening.flags] == ["anticoagulation"]
    alice_client.refresh_from_db()
    assert alice_client.screening_tier == "caution"
    assert Intake.objects.awaiting_review().filter(pk=intake.pk).exists()


def test_a_red_flag_today_is_screened_like_any_intake(client, update, alice_client):
    intake, token = update
    _send(
        client,
        token,
        screening={
            "back_legs": {
                **ALL_NO_PAGES["back_legs"],
                "saddle_numbness": "yes",
                "bladder_change": "yes",
            }
        },
    )
    intake.refresh_from_db()
    assert intake.screening.tier == "emergency"
    alice_client.refresh_from_db()
    assert alice_client.screening_tier == "emergency"


def test_a_change_replaces_what_is_on_file(client, update, alice_client):
    intake, token = update
    _send(
        client,
        token,
        changes={
            "medicines_changed": "yes",
            "medications": "Metformin 500 mg",
            "contact_changed": "yes",
            "phone": "+1 555 010 2222",
        },
    )
    intake.refresh_from_db()
    assert intake.answers["medications"] == "Metformin 500 mg"
    assert intake.answers["phone"] == "+1 555 010 2222"
    alice_client.refresh_from_db()
    assert alice_client.medications == "Metformin 500 mg"


def test_fields_of_an_unchanged_group_are_ignored(client, update):
    intake, token = update
    _send(client, token, changes={"medications": "typed but not meant", "email": "not-an-email"})
    intake.refresh_from_db()
    assert intake.answers["medications"] == "Warfarin 5 mg"


def test_a_missing_choice_or_a_bad_change_keeps_everything_typed(client, update):
    intake, token = update
    posted = {
        **NO_CHANGES,
        "allergies_changed": "",
        "contact_changed": "yes",
        "email": "not-an-email",
        "phone": "+1 555 010 3333",
        "main_complaint": "Shoulder again",
    }
    response = client.post(form_url(token, "changes"), posted)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Please choose No changes or Change for “Allergies”." in page
    assert "Please enter an email address" in page
    assert 'value="not-an-email"' in page and 'value="+1 555 010 3333"' in page
    assert "Shoulder again" in page
    intake.refresh_from_db()
    assert intake.sections_done == []
    assert intake.draft_answers["changes"]["phone"] == "+1 555 010 3333"


def test_the_consent_page_reviews_the_changes(client, update):
    _, token = update
    client.post(
        form_url(token, "changes"),
        {**NO_CHANGES, "allergies_changed": "yes", "allergies": "Latex, nuts"},
    )
    for page in SCREENING_SECTION_IDS:
        client.post(form_url(token, page), ALL_NO_PAGES[page])
    page = client.get(form_url(token, "consent")).content.decode()
    assert "Latex, nuts" in page and "No changes" in page


def test_the_signature_must_be_the_name_on_the_record(client, update):
    intake, token = update
    client.post(form_url(token, "changes"), NO_CHANGES)
    for page in SCREENING_SECTION_IDS:
        client.post(form_url(token, page), ALL_NO_PAGES[page])
    response = client.post(
        form_url(token, "consent"), {**CONSENT, "signature_name": "Someone Else"}
    )
    assert response.status_code == 200
    assert "Zoë Núñez" in response.content.decode()
    intake.refresh_from_db()
    assert not intake.is_submitted


def test_the_full_form_pages_are_not_part_of_an_update(client, update):
    _, token = update
    assert client.get(form_url(token, "about")).status_code == 404
