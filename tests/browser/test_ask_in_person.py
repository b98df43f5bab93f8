"""In Chromium: an intake with an unanswered screening question blocks the next session note;
the page names the question, the therapist records the answers in person, and the note can
then be written."""

import pytest
from playwright.sync_api import expect

from intake.models import InPersonAnswer
from notes.complaint_map import load_map
from notes.models import Complaint, SelfCareItem, SessionNote, Technique
from screening.questions import QUESTIONS
from tests.browser.axe import assert_accessible
from tests.factories import make_submitted_intake

pytestmark = pytest.mark.browser


def test_answers_recorded_in_person_unblock_the_note(logged_in_page, live_server, alice_client):
    load_map(Complaint, Technique, SelfCareItem)  # the live server's database is flushed
    make_submitted_intake(alice_client, {"chest_pain": None})
    chest_pain = QUESTIONS["chest_pain"].label
    page = logged_in_page

    page.goto(f"{live_server.url}{alice_client.get_absolute_url()}")
    page.get_by_role("link", name="New session note").click()
    expect(
        page.get_by_role("heading", name="Ask Zoë in person before the next session")
    ).to_be_visible()
    expect(page.locator(".care-asks")).to_contain_text(chest_pain)
    page.screenshot(path="/tmp/ask-in-person-note-blocked.png", full_page=True)

    page.get_by_role("link", name="Record the answers given in person").click()
    expect(page.get_by_role("heading", name="Ask Zoë in person")).to_be_visible()
    assert_accessible(page)
    # Saving with nothing chosen keeps the page, with the message by the question.
    page.get_by_role("button", name="Save the answers and screen again").click()
    expect(page.locator("#ask-chest_pain")).to_contain_text("choose Yes or No")
    page.get_by_role("group", name=chest_pain).get_by_label("No").check()
    page.screenshot(path="/tmp/ask-in-person-form.png", full_page=True)
    page.get_by_role("button", name="Save the answers and screen again").click()

    expect(page.get_by_text("The intake was screened again: Clear.")).to_be_visible()
    assert [(a.question_id, a.value) for a in InPersonAnswer.objects.all()] == [
        ("chest_pain", False)
    ]
    page.get_by_role("link", name="New session note").click()
    page.get_by_label("Pain before (0–10)").fill("5")
    page.get_by_label("Pain after (0–10)").fill("3")
    page.get_by_role("button", name="Save draft").click()
    expect(page.get_by_text("The note was saved as a draft.")).to_be_visible()
    assert SessionNote.objects.filter(client=alice_client).count() == 1
