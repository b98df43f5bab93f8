"""The themed screening pages on a phone in Chromium: a page cannot be skipped, "Not sure",
the follow-up after a yes, large tap targets on the pain map, axe-core on each new page, and
a medicine named in the client's words reaching the therapist's dashboard as a caution.

Set INTAKE_SCREENSHOTS=/some/dir to keep a phone-size screenshot of every page."""

import os
from pathlib import Path

import pytest
from playwright.sync_api import expect

from screening.questions import QUESTIONS, SCREENING_PAGES, SECTIONS
from tests.browser.axe import assert_accessible
from tests.browser.phone import PHONE
from tests.browser.test_intake_phone import (
    answer_screening_page,
    choose,
    fill_about,
    save_and_continue,
)
from tests.intake.questionnaire import make_link

pytestmark = pytest.mark.browser

SHOTS = os.environ.get("INTAKE_SCREENSHOTS")
MIN_TAP = 44  # CSS px
MAX_SCREENS = 2.4  # "about two phone screens"


@pytest.fixture
def phone(browser):
    """A phone page that fails the test on any Content-Security-Policy violation."""
    context = browser.new_context(**PHONE)
    page = context.new_page()
    violations = []
    page.on(
        "console",
        lambda message: (
            violations.append(message.text)
            if "Content Security Policy" in message.text
            or "Content-Security-Policy" in message.text
            else None
        ),
    )
    yield page
    context.close()
    assert not violations, violations


def shot(page, name):
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=f"{SHOTS}/{name}.png", full_page=True)


def to_first_screening_page(phone, base, complaint="Stiff neck."):
    phone.goto(f"{base}/")
    fill_about(phone)
    save_and_continue(phone, "Your pain")
    phone.get_by_label("What brings you in?").fill(complaint)
    choose(phone, "pain_now", "3")
    save_and_continue(phone, "Your massage")
    save_and_continue(phone, SCREENING_PAGES[0].title)


def test_skipping_a_screening_page_is_refused_with_a_message_by_the_question(
    phone, live_server, alice_client
):
    intake, token = make_link(alice_client)
    to_first_screening_page(phone, f"{live_server.url}/intake/f/{token}")
    expect(phone.get_by_text(f"Step 4 of {len(SECTIONS)}")).to_be_visible()

    # One answer, then straight to "Save and continue": refused, with the message by each
    # question still to answer, and the answer given kept.
    choose(phone, "fever_unwell", "no")
    phone.get_by_role("button", name="Save and continue").click()
    heading = phone.get_by_role("heading", name=SCREENING_PAGES[0].title, exact=True)
    expect(heading).to_be_visible()
    expect(phone.locator("#error-summary")).to_be_focused()
    expect(phone.locator("#id_injury_last_72_hours_error")).to_have_text(
        "Error: Please answer this question."
    )
    # The summary names the question (issue 18: eight times the same sentence named none).
    injury = QUESTIONS["injury_last_72_hours"].label
    expect(phone.locator("#error-summary")).to_contain_text(injury)
    expect(phone.locator("#id_fever_unwell_error")).to_have_count(0)
    expect(phone.locator("#id_recent_infection_error")).to_have_count(0)  # optional
    expect(phone.locator('input[name="fever_unwell"][value="no"]')).to_be_checked()
    shot(phone, "04-recent-refused")
    assert_accessible(phone)
    # The summary's link takes the client to the question.
    phone.locator("#error-summary a").first.click()
    expect(phone.locator("#id_injury_last_72_hours_0")).to_be_focused()
    intake.refresh_from_db()
    assert "recent" not in intake.sections_done
    assert intake.draft_answers["recent"]["fever_unwell"] == "no"

    # "Not sure" is an answer.
    answer_screening_page(phone, "recent")
    choose(phone, "unexplained_lump", "not_sure")
    save_and_continue(phone, SCREENING_PAGES[1].title)
    intake.refresh_from_db()
    assert "recent" in intake.sections_done
    assert intake.draft_answers["recent"]["unexplained_lump"] == "not_sure"


def test_back_and_forth_over_a_page_not_yet_answered_shows_it_without_red(
    phone, live_server, alice_client
):
    """Issue 18: "Back" from a page not yet answered, then "Save and continue" to it again,
    showed every question in red. Messages come only after "Save and continue" on it."""
    _, token = make_link(alice_client)
    to_first_screening_page(phone, f"{live_server.url}/intake/f/{token}")
    phone.get_by_role("button", name="Back").click()
    expect(phone.get_by_role("heading", name="Your massage", exact=True)).to_be_visible()
    save_and_continue(phone, SCREENING_PAGES[0].title)
    expect(phone.locator("#error-summary")).to_have_count(0)
    expect(phone.locator(".has-error")).to_have_count(0)
    phone.get_by_role("button", name="Save and continue").click()
    expect(phone.locator("#error-summary")).to_be_focused()


def test_the_pregnancy_follow_up_shows_after_a_yes_or_not_sure(phone, live_server, alice_client):
    intake, token = make_link(alice_client)
    base = f"{live_server.url}/intake/f/{token}"
    to_first_screening_page(phone, base)
    for screening_page, following in zip(SCREENING_PAGES[:-1], SCREENING_PAGES[1:], strict=True):
        answer_screening_page(phone, screening_page.id)
        save_and_continue(phone, following.title)
    follow_up = phone.locator('fieldset[data-follow-up-of="pregnant"]')
    answer_screening_page(phone, "medicines", follow_up=False)
    expect(follow_up).to_be_hidden()
    choose(phone, "pregnant", "not_sure")
    expect(follow_up).to_be_visible()
    choose(phone, "pregnant", "no")
    expect(follow_up).to_be_hidden()
    choose(phone, "pregnant", "yes")
    phone.get_by_role("button", name="Save and continue").click()
    expect(phone.locator("#id_pregnancy_high_risk_error")).to_contain_text(
        "Please answer this question."
    )
    expect(follow_up).to_be_visible()
    shot(phone, "08-medicines-follow-up")
    assert_accessible(phone)
    choose(phone, "pregnancy_high_risk", "not_sure")
    save_and_continue(phone, "Health history")
    intake.refresh_from_db()
    assert intake.draft_answers["medicines"]["pregnancy_high_risk"] == "not_sure"


def test_pain_map_targets_are_at_least_44_px_and_the_view_turns(phone, live_server, alice_client):
    _, token = make_link(alice_client)
    phone.goto(f"{live_server.url}/intake/f/{token}/")
    fill_about(phone)
    save_and_continue(phone, "Your pain")
    # The heading shows before pain-map.js has run (it is at the end of the page); until it
    # has, both views are drawn side by side, small.
    expect(phone.locator(".pain-map.is-interactive")).to_have_count(1)
    turn = phone.get_by_role("button", name="Show the back")
    for view in ("front", "back"):
        shown = phone.locator(f'.pain-map-view[data-view="{view}"]')
        expect(shown).to_be_visible()
        regions = shown.locator(".pain-region")
        assert regions.count() >= 18
        for index in range(regions.count()):
            box = regions.nth(index).bounding_box()
            area = regions.nth(index).get_attribute("data-area")
            assert box["width"] >= MIN_TAP and box["height"] >= MIN_TAP, (view, area, box)
        # The figure spans the phone's width.
        assert shown.bounding_box()["width"] >= PHONE["viewport"]["width"] - 1
        if view == "front":
            shown.locator('.pain-region[data-area="hand_left"]').tap()
            shown.locator('.pain-region[data-area="abdomen"]').tap()
            shot(phone, "02-complaint-front")
            turn.tap()
    assert phone.get_by_role("button", name="Show the front").bounding_box()["height"] >= MIN_TAP
    phone.locator('.pain-map-view.is-shown .pain-region[data-area="foot_right"]').tap()
    expect(phone.locator(".pain-chip")).to_have_text(
        ["Hand, left hand", "Belly (abdomen)", "Foot, right foot"]
    )
    expect(phone.get_by_label("Foot, right foot")).to_be_checked()
    # The list of boxes is folded behind its summary, and opens.
    expect(phone.get_by_label("Foot, right foot")).to_be_hidden()
    phone.get_by_text("The list of places to tick").tap()
    expect(phone.get_by_label("Foot, right foot")).to_be_visible()
    shot(phone, "02-complaint-back")
    assert_accessible(phone)

    # The turn button's colours never fade: half-way from blue on white to white on blue
    # (its hover, which a tap leaves behind) the text is as pale as its background.
    button = phone.locator(".pain-map-turn")
    fading = button.evaluate("b => getComputedStyle(b).transitionProperty").split(", ")
    assert not {"all", "color", "background-color", "background"} & set(fading), fading
    # With reduced motion asked for, nothing on the map moves.
    phone.emulate_media(reduced_motion="reduce")
    for moving in (button, phone.locator(".pain-map-view.is-shown .pain-region").first):
        durations = moving.evaluate("e => getComputedStyle(e).transitionDuration").split(", ")
        assert set(durations) == {"0s"}, durations


def test_eliquis_with_no_to_blood_thinners_shows_a_caution_naming_apixaban(
    phone, live_server, alice_client, logged_in_page
):
    intake, token = make_link(alice_client)
    base = f"{live_server.url}/intake/f/{token}"
    phone.goto(f"{base}/")
    shot(phone, "01-about")
    fill_about(phone)
    save_and_continue(phone, "Your pain")
    phone.get_by_label("What brings you in?").fill("Tight shoulders from work.")
    phone.locator('.pain-map-view.is-shown .pain-region[data-area="shoulder_left"]').tap()
    choose(phone, "pain_now", "4")
    choose(phone, "pain_duration", "over_12_weeks")
    choose(phone, "first_episode", "no")
    choose(phone, "pain_onset", "gradual")
    save_and_continue(phone, "Your massage")
    choose(phone, "massage_before", "yes")
    choose(phone, "pressure_preference", "firm")
    phone.get_by_label("Belly (abdomen)").check()
    shot(phone, "03-massage")
    save_and_continue(phone, SCREENING_PAGES[0].title)
    pages = [*SCREENING_PAGES[1:], None]
    for number, (screening_page, following) in enumerate(
        zip(SCREENING_PAGES, pages, strict=True), start=4
    ):
        answer_screening_page(phone, screening_page.id, follow_up=False)
        if screening_page.id == "medicines":
            phone.get_by_label("What medicines do you take?").fill("Eliquis 5 mg twice a day")
            expect(phone.locator('input[name="anticoagulants"][value="no"]')).to_be_checked()
        shot(phone, f"{number:02d}-{screening_page.id}")
        # About two phone screens at most, buttons included.
        height = phone.evaluate("document.documentElement.scrollHeight")
        assert height <= MAX_SCREENS * PHONE["viewport"]["height"], (screening_page.id, height)
        save_and_continue(phone, following.title if following else "Health history")
    shot(phone, "09-history")
    save_and_continue(phone, "Consent")
    phone.locator("details summary").first.click()
    shot(phone, "10-consent")
    choose(phone, "consent_treatment", "yes")
    phone.get_by_label("Type your full name to sign this form").fill("Zoë Núñez")
    phone.get_by_role("button", name="Send my answers").click()
    expect(
        phone.get_by_role("heading", name="Thank you, your answers have been sent")
    ).to_be_visible()
    intake.refresh_from_db()
    assert intake.answers["anticoagulants"] is False
    assert intake.answers["pressure_preference"] == "firm"
    assert intake.screening.tier == "caution"

    # The therapist, logged in through the login page, sees the caution and why.
    page = logged_in_page
    page.goto(f"{live_server.url}/")
    panel = page.locator("#intakes-to-review")
    item = panel.locator("li", has_text="Zoë Núñez")
    expect(item.locator(".tier-badge.tier-caution")).to_contain_text("Caution")
    expect(item).to_contain_text("apixaban")
    item.get_by_role("link", name="Zoë Núñez").click()
    expect(page.get_by_role("heading", name="The complaint")).to_be_visible()
    expect(page.get_by_text("Eliquis (apixaban)").first).to_be_visible()
    expect(page.locator(".review-first-screen")).to_contain_text("Tight shoulders from work.")
    page.set_viewport_size(PHONE["viewport"])
    if SHOTS:
        page.screenshot(path=f"{SHOTS}/11-review-phone.png", full_page=True)
        page.set_viewport_size({"width": 1280, "height": 900})
        page.screenshot(path=f"{SHOTS}/12-review-desktop.png")
