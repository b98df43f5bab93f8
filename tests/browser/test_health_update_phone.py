"""The health update on a phone in Chromium: what is on file with No changes / Change (the
fields open only after Change), a refused page keeps what was typed, every screening page
asked with nothing ticked, axe-core on each kind of page, and the update screened on sending.

Set INTAKE_SCREENSHOTS=/some/dir to keep a phone-size screenshot of the first page."""

import os
from pathlib import Path

import pytest
from playwright.sync_api import expect

from intake.models import Intake
from intake.services import health_update_link_issue
from screening.questions import SCREENING_PAGES
from tests.browser.axe import assert_accessible
from tests.browser.phone import PHONE
from tests.browser.test_intake_phone import answer_every_screening_page, choose
from tests.factories import REFER_ANSWERS, make_submitted_intake

pytestmark = pytest.mark.browser

SHOTS = os.environ.get("INTAKE_SCREENSHOTS")


@pytest.fixture
def phone(browser):
    context = browser.new_context(**PHONE)
    yield context.new_page()
    context.close()


def test_a_returning_client_sends_a_health_update_on_a_phone(phone, live_server, alice_client):
    make_submitted_intake(
        alice_client, {**REFER_ANSWERS, "medications": "Ibuprofen", "allergies": "Latex"}
    )
    intake, token = health_update_link_issue(client=alice_client)
    phone.goto(f"{live_server.url}/intake/f/{token}/")
    expect(phone.get_by_role("heading", name="Anything changed?")).to_be_visible()
    expect(phone.get_by_text("Step 1 of 8")).to_be_visible()
    expect(phone.locator("dd", has_text="Ibuprofen")).to_be_visible()
    # The fields of a group open only after "Change".
    phone_field = phone.locator('input[name="phone"]')
    expect(phone_field).to_be_hidden()
    assert_accessible(phone)
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        phone.screenshot(path=f"{SHOTS}/update-changes.png", full_page=True)

    choose(phone, "contact_changed", "yes")
    expect(phone_field).to_be_visible()
    phone_field.fill("+1 555 010 7777")
    phone.locator('input[name="email"]').fill("not an email")
    for group in ("physician", "medicines", "conditions"):
        choose(phone, f"{group}_changed", "no")
    # "Allergies" left unanswered, and a bad email: refused, with everything typed kept.
    phone.get_by_role("button", name="Save and continue").click()
    expect(phone.locator("#error-summary")).to_be_focused()
    expect(phone.locator('input[name="phone"]')).to_have_value("+1 555 010 7777")
    expect(phone.locator('input[name="email"]')).to_have_value("not an email")
    assert_accessible(phone)
    if SHOTS:
        phone.screenshot(path=f"{SHOTS}/update-errors.png", full_page=True)

    phone.locator('input[name="email"]').fill("zoe.now@example.com")
    choose(phone, "allergies_changed", "no")
    phone.get_by_role("button", name="Save and continue").click()
    first = SCREENING_PAGES[0].title
    expect(phone.get_by_role("heading", name=first, exact=True)).to_be_visible()
    # Asked afresh: last time's yes to night pain is not ticked.
    expect(phone.locator('input[name="night_pain_unrelieved"]:checked')).to_have_count(0)
    assert_accessible(phone)
    answer_every_screening_page(phone, "Consent")

    expect(phone.get_by_text("No changes").first).to_be_attached()
    choose(phone, "consent_treatment", "yes")
    phone.get_by_label("Type your full name").fill("Zoë Núñez")
    phone.get_by_role("button", name="Send my answers").click()
    expect(phone.get_by_role("heading", name="Thank you", exact=False)).to_be_visible()

    intake = Intake.objects.get(pk=intake.pk)
    assert intake.is_submitted
    assert intake.answers["phone"] == "+1 555 010 7777"
    assert intake.answers["medications"] == "Ibuprofen"
    # Last time's refer answers were not carried over: today's all-no screening is not refer.
    assert intake.screening.tier not in ("refer", "emergency")


def test_the_waiting_panel_and_the_client_page_pass_axe(logged_in_page, live_server, alice_client):
    make_submitted_intake(alice_client, {})
    health_update_link_issue(client=alice_client)
    page = logged_in_page
    page.goto(f"{live_server.url}/")
    expect(page.locator("#waiting-for-client").get_by_text("(health update)")).to_be_visible()
    assert_accessible(page)
    page.goto(f"{live_server.url}{alice_client.get_absolute_url()}")
    expect(page.locator("#client-intakes").get_by_role("button", name="Resend")).to_be_visible()
    assert_accessible(page)
