"""A client fills the intake on a phone in Chromium: through the pain map, with a screen
reader's needs checked by axe-core on every page, and without JavaScript."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from intake.models import Intake
from screening.questions import (
    FOLLOW_UPS,
    SCREENING_PAGES,
    is_screening_question,
    questions_in_section,
)
from tests.browser.axe import assert_accessible
from tests.browser.phone import PHONE
from tests.factories import PASSWORD
from tests.intake.questionnaire import make_link

pytestmark = pytest.mark.browser


@pytest.fixture
def phone(browser):
    context = browser.new_context(**PHONE)
    yield context.new_page()
    context.close()


@pytest.fixture
def phone_without_js(browser):
    context = browser.new_context(**PHONE, java_script_enabled=False)
    yield context.new_page()
    context.close()


def choose(page, question_id, value):
    """Pick an answer by tapping its box, as a client would."""
    page.locator(f'input[name="{question_id}"][value="{value}"] + label').tap()


def fill_about(page):
    page.get_by_label("First name").fill("Zoë")
    page.get_by_label("Last name").fill("Núñez")
    page.get_by_label("Date of birth").fill("1986-03-14")
    page.get_by_label("Email address", exact=True).fill("zoe.new@example.com")
    page.get_by_label("Your doctor's name").fill("Dr. Omar Reyes")
    choose(page, "consent_contact_physician", "yes")


def save_and_continue(page, heading):
    page.get_by_role("button", name="Save and continue").click()
    expect(page.get_by_role("heading", name=heading, exact=True)).to_be_visible()


def answer_screening_page(page, section_id, yes=(), follow_up=True):
    """Answer no to each screening question of the page (yes to those in `yes`)."""
    for question in questions_in_section(section_id):
        if not is_screening_question(question.id):
            continue
        # A follow-up shows only after a yes to its parent.
        parent = FOLLOW_UPS.get(question.id)
        if parent and (not follow_up or parent not in yes):
            continue
        choose(page, question.id, "yes" if question.id in yes else "no")


def answer_every_screening_page(page, next_heading, yes=(), follow_up=True):
    """Answer every screening page, from the first, and reach `next_heading`."""
    titles = [p.title for p in SCREENING_PAGES[1:]] + [next_heading]
    for screening_page, title in zip(SCREENING_PAGES, titles, strict=True):
        answer_screening_page(page, screening_page.id, yes=yes, follow_up=follow_up)
        save_and_continue(page, title)


def test_client_fills_the_form_on_a_phone_through_the_pain_map(
    phone, live_server, alice_client, page
):
    _, token = make_link(alice_client)
    phone.goto(f"{live_server.url}/intake/f/{token}/")
    expect(phone.get_by_role("heading", name="About you")).to_be_visible()
    fill_about(phone)
    save_and_continue(phone, "Your pain")

    phone.get_by_label("What brings you in?").fill("Low back pain, worse this week.")
    # One view at a time, across the phone: the front first, a button turns it.
    expect(phone.locator('.pain-map-view[data-view="back"]')).to_be_hidden()
    phone.get_by_role("button", name="Show the back").tap()
    expect(phone.locator('.pain-map-view[data-view="front"]')).to_be_hidden()
    back = phone.locator('.pain-map-view[data-view="back"]')
    for area in ("lower_back_left", "buttock_left", "thigh_right"):
        back.locator(f'.pain-region[data-area="{area}"]').tap()
    for label in ("Lower back, left side", "Buttock, left side", "Thigh, right leg"):
        expect(phone.get_by_label(label)).to_be_checked()
    expect(phone.locator('.pain-region[data-area="thigh_right"].is-selected')).to_have_count(2)
    # The chosen areas as chips right under the figure.
    expect(phone.locator(".pain-chip")).to_have_text(
        ["Lower back, left side", "Buttock, left side", "Thigh, right leg"]
    )
    # A second tap undoes it, and the box and the chips follow.
    back.locator('.pain-region[data-area="thigh_right"]').tap()
    expect(phone.get_by_label("Thigh, right leg")).not_to_be_checked()
    expect(phone.locator(".pain-chip")).to_have_count(2)
    choose(phone, "pain_now", "7")
    choose(phone, "pain_duration", "under_6_weeks")
    choose(phone, "first_episode", "no")
    choose(phone, "pain_onset", "gradual")
    save_and_continue(phone, "Your massage")
    save_and_continue(phone, SCREENING_PAGES[0].title)  # preferences are optional

    # Every screening question needs an answer; the follow-up only after a yes.
    answer_every_screening_page(phone, "Health history", yes={"saddle_numbness"}, follow_up=False)
    save_and_continue(phone, "Consent")

    expect(phone.get_by_text("Lower back, left side, Buttock, left side")).to_be_attached()
    choose(phone, "consent_treatment", "yes")
    phone.get_by_label("Type your full name to sign this form").fill("Zoe Nunez")
    phone.get_by_role("button", name="Send my answers").click()
    # The signature must be the name as given, accents and all; the message is by the field.
    expect(phone.locator("#id_signature_name_error")).to_contain_text("Zoë Núñez")
    phone.get_by_label("Type your full name to sign this form").fill("Zoë Núñez")
    phone.get_by_role("button", name="Send my answers").click()

    expect(phone.get_by_role("heading", name="Please seek medical care today")).to_be_visible()
    intake = Intake.objects.get(client=alice_client)
    assert intake.answers["pain_areas"] == ["lower_back_left", "buttock_left"]
    assert intake.screening.tier == "emergency"

    # The therapist logs in through the login page and finds the emergency on the dashboard.
    page.goto(f"{live_server.url}/login/")
    page.get_by_label("Username").fill("alice")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    panel = page.locator("#intakes-to-review")
    badge = panel.locator(".tier-badge.tier-emergency")
    expect(badge).to_contain_text("Emergency")
    expect(panel.get_by_text("Zoë Núñez")).to_be_visible()


def test_every_intake_page_passes_axe(phone, live_server, alice_client):
    intake, token = make_link(alice_client)
    base = f"{live_server.url}/intake/f/{token}"

    phone.goto(f"{base}/about/")
    assert_accessible(phone)
    # A page with errors: the summary, the messages by the fields.
    phone.get_by_label("First name").fill("")
    phone.get_by_label("Date of birth").fill("2999-01-01")
    phone.get_by_role("button", name="Save and continue").click()
    expect(phone.locator("#error-summary")).to_be_focused()
    assert_accessible(phone)
    phone.locator("#error-summary a").first.click()
    expect(phone.get_by_label("First name")).to_be_focused()
    fill_about(phone)
    save_and_continue(phone, "Your pain")

    phone.locator('.pain-map-view.is-shown .pain-region[data-area="neck"]').tap()
    assert_accessible(phone)
    phone.get_by_label("What brings you in?").fill("Stiff neck.")
    choose(phone, "pain_now", "3")
    choose(phone, "pain_duration", "over_12_weeks")
    choose(phone, "first_episode", "no")
    choose(phone, "pain_onset", "gradual")
    save_and_continue(phone, "Your massage")
    assert_accessible(phone)
    save_and_continue(phone, SCREENING_PAGES[0].title)
    titles = [p.title for p in SCREENING_PAGES[1:]] + ["Health history"]
    for screening_page, title in zip(SCREENING_PAGES, titles, strict=True):
        assert_accessible(phone)
        answer_screening_page(phone, screening_page.id, follow_up=False)
        save_and_continue(phone, title)
    assert_accessible(phone)
    save_and_continue(phone, "Consent")
    phone.locator("details summary").first.click()
    assert_accessible(phone)
    phone.get_by_role("button", name="Send my answers").click()  # no consent yet: errors
    expect(phone.locator("#id_consent_treatment_error")).to_be_visible()
    assert_accessible(phone)
    choose(phone, "consent_treatment", "yes")
    phone.get_by_label("Type your full name to sign this form").fill("Zoë Núñez")
    phone.get_by_role("button", name="Send my answers").click()
    expect(
        phone.get_by_role("heading", name="Thank you, your answers have been sent")
    ).to_be_visible()
    assert_accessible(phone)

    # The used link, an expired link and a wrong one.
    phone.goto(f"{base}/")
    expect(phone.get_by_role("heading", name="This form has already been sent")).to_be_visible()
    assert_accessible(phone)
    _, expired = make_link(alice_client, expires_in=-datetime.timedelta(minutes=1))
    phone.goto(f"{live_server.url}/intake/f/{expired}/")
    expect(phone.get_by_role("heading", name="This link has expired")).to_be_visible()
    assert_accessible(phone)
    phone.goto(f"{live_server.url}/intake/f/not-a-real-link/")
    expect(phone.get_by_role("heading", name="This link doesn’t work")).to_be_visible()
    assert_accessible(phone)


def test_the_whole_form_works_without_javascript(phone_without_js, live_server, alice_client):
    page = phone_without_js
    intake, token = make_link(alice_client)
    page.goto(f"{live_server.url}/intake/f/{token}/")
    fill_about(page)
    save_and_continue(page, "Your pain")

    # Without JavaScript both views show as a picture; the boxes are the answer.
    expect(page.locator(".pain-map-view")).to_have_count(2)
    for view in ("front", "back"):
        expect(page.locator(f'.pain-map-view[data-view="{view}"]')).to_be_visible()
    expect(page.locator(".pain-map-turn")).to_be_hidden()
    page.get_by_label("Neck", exact=True).check()
    page.get_by_label("Shoulder, right side").check()
    page.get_by_label("What brings you in?").fill("Sore right shoulder.")
    choose(page, "pain_now", "5")
    choose(page, "pain_duration", "6_to_12_weeks")
    choose(page, "first_episode", "no")
    choose(page, "pain_onset", "gradual")
    save_and_continue(page, "Your massage")
    save_and_continue(page, SCREENING_PAGES[0].title)
    answer_screening_page(page, SCREENING_PAGES[0].id)
    page.get_by_role("button", name="Back").click()
    expect(page.get_by_role("heading", name="Your massage", exact=True)).to_be_visible()
    page.get_by_role("button", name="Back").click()
    expect(page.get_by_label("Neck", exact=True)).to_be_checked()
    save_and_continue(page, "Your massage")
    save_and_continue(page, SCREENING_PAGES[0].title)
    expect(page.locator('input[name="fever_unwell"][value="no"]')).to_be_checked()
    answer_every_screening_page(page, "Health history")
    save_and_continue(page, "Consent")
    choose(page, "consent_treatment", "yes")
    page.get_by_label("Type your full name to sign this form").fill("Zoë Núñez")
    page.get_by_role("button", name="Send my answers").click()
    expect(
        page.get_by_role("heading", name="Thank you, your answers have been sent")
    ).to_be_visible()

    intake.refresh_from_db()
    assert intake.submitted_at <= timezone.now()
    assert intake.answers["pain_areas"] == ["neck", "shoulder_right"]
    assert intake.answers["pregnant"] is False
    assert intake.screening.tier == "clear"
