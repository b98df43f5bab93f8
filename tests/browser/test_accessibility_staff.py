"""Every staff page passes axe-core in Chromium, logged in as Alice through the login page,
with real data on it: panels filled, errors shown, suggestions ticked."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.axe import assert_accessible
from tests.browser.phone import PHONE
from tests.factories import PASSWORD
from tests.practice_day import practice_day

pytestmark = pytest.mark.browser


@pytest.fixture
def busy(alice, alice_client):
    return practice_day(alice, alice_client)


def log_in(page, live_server):
    """Through the real login page, checked with and without its error."""
    page.goto(f"{live_server.url}/login/")
    assert_accessible(page)
    page.get_by_label("Username").fill("alice")
    page.get_by_label("Password").fill("wrong password")
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_label("Password")).to_be_visible()
    assert_accessible(page)  # with the error
    page.get_by_label("Username").fill("alice")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(f"{live_server.url}/")


def submit_for_server_errors(page, button):
    """Submit past the browser's own checks, to see the server's messages by the fields."""
    page.evaluate("document.querySelectorAll('form').forEach(f => f.noValidate = true)")
    page.get_by_role("button", name=button).first.click()
    expect(page.locator(".invalid-feedback").first).to_be_visible()


def check(page, url, heading=None):
    response = page.goto(url)
    assert response.status in (200, 403), response.status  # 403: the note-blocked page
    if heading:
        expect(page.get_by_role("heading", name=heading).first).to_be_visible()
    assert_accessible(page)


def test_login_dashboard_and_client_pages_pass_axe(page, live_server, busy):
    base = live_server.url
    log_in(page, live_server)

    # The dashboard with every panel filled.
    expect(page.locator("#intakes-to-review .tier-badge")).to_have_count(4)
    assert_accessible(page)

    check(page, f"{base}/clients/?q=N%C3%BA%C3%B1ez")
    expect(page.get_by_role("link", name="Núñez, Zoë").first).to_be_visible()

    page.goto(f"{base}/clients/new/")
    submit_for_server_errors(page, "Save")
    assert_accessible(page)

    check(page, f"{base}{busy.zoe.get_absolute_url()}")
    check(page, f"{base}/clients/{busy.zoe.pk}/edit/")


def test_intake_pages_pass_axe(logged_in_page, live_server, busy):
    page, base = logged_in_page, live_server.url
    check(page, f"{base}/intake/{busy.emergency_intake.pk}/review/", heading="Intake: Émile Okafor")
    expect(page.get_by_text("Lower back, left side").first).to_be_visible()
    check(page, f"{base}/intake/clients/{busy.caution_client.pk}/new/")
    check(page, f"{base}/intake/new/")
    # The new-client link form with its errors, then the page that shows the link.
    submit_for_server_errors(page, "create link")
    assert_accessible(page)
    page.get_by_label("First name").fill("Ravi")
    page.get_by_label("Last name").fill("Patel")
    page.get_by_role("button", name="create link").click()
    expect(page.get_by_label("The client's private link")).to_have_value(re.compile("/intake/f/"))
    assert_accessible(page)


def test_session_note_pages_pass_axe(logged_in_page, live_server, busy):
    page, base = logged_in_page, live_server.url
    page.goto(f"{base}/clients/{busy.caution_client.pk}/notes/new/")
    page.locator("#complaint-quadratus_lumborum").check()
    page.locator("#complaint-piriformis").check()
    expect(page.locator("#suggestions .suggested-techniques li").first).to_be_visible()
    expect(page.locator("#suggestions .excluded-techniques li").first).to_be_visible()
    assert_accessible(page)
    # Saved with mistakes: the messages by the fields.
    page.get_by_label("Pain before (0–10)").fill("11")
    submit_for_server_errors(page, "Save draft")
    assert_accessible(page)

    check(page, f"{base}/notes/{busy.signed_note.pk}/")
    check(page, f"{base}/notes/{busy.signed_note.pk}/amend/")
    # Zoë waits for her physician's answer: the note form is blocked.
    check(
        page,
        f"{base}/clients/{busy.zoe.pk}/notes/new/",
        heading="A physician's clearance is needed before the next session",
    )


def test_referral_pages_pass_axe(logged_in_page, live_server, busy):
    page, base = logged_in_page, live_server.url
    check(page, f"{base}/referrals/letters/{busy.draft_letter.pk}/edit/")
    page.get_by_label("Physician's name").fill("")
    submit_for_server_errors(page, "Save draft")
    assert_accessible(page)
    check(page, f"{base}/referrals/letters/{busy.draft_letter.pk}/")
    check(page, f"{base}/referrals/letters/{busy.sent_letter.pk}/")
    check(page, f"{base}/referrals/letters/{busy.sent_letter.pk}/reply/")
    submit_for_server_errors(page, "Record")
    assert_accessible(page)
    check(page, f"{base}/referrals/clients/{busy.zoe.pk}/clearance/")


@pytest.fixture
def phone_logged_in(browser, live_server, alice):
    context = browser.new_context(**PHONE)
    page = context.new_page()
    log_in(page, live_server)
    yield page
    context.close()


def assert_fits_the_screen(page):
    """Nothing makes the whole page scroll sideways (wide tables scroll in their own box)."""
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["viewport"]["width"], f"{page.url} is {width}px wide"


def test_dashboard_and_client_page_pass_axe_on_a_phone(phone_logged_in, live_server, busy):
    page, base = phone_logged_in, live_server.url
    page.goto(f"{base}/")
    expect(page.locator("#intakes-to-review")).to_be_visible()
    assert_accessible(page)
    assert_fits_the_screen(page)
    for url in (
        busy.zoe.get_absolute_url(),
        f"/clients/{busy.caution_client.pk}/notes/new/",
        f"/intake/{busy.emergency_intake.pk}/review/",
        f"/referrals/letters/{busy.sent_letter.pk}/",
    ):
        check(page, f"{base}{url}")
        assert_fits_the_screen(page)


def test_the_owners_audit_log_and_erase_page_pass_axe(page, live_server, practice, busy):
    """The readable audit log (sentences, labelled changes) and the erase page with its
    retention period and reason (issue 18)."""
    from clients.models import Therapist
    from tests.factories import make_therapist

    owner = make_therapist(practice, "olivia", "Olivia", "Grant")
    Therapist.objects.filter(user=owner).update(role=Therapist.Role.OWNER)
    base = live_server.url
    page.goto(f"{base}/login/")
    page.get_by_label("Username").fill("olivia")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(f"{base}/")
    check(page, f"{base}/records/audit/", heading="Audit log")
    expect(page.get_by_text("signed Zoë Núñez's session note of").first).to_be_visible()
    check(page, f"{base}/records/clients/{busy.zoe.pk}/erase/", heading="Erase Zoë Núñez?")
    expect(page.get_by_text("still inside its retention period")).to_be_visible()
    page.get_by_label("Type the client's full name to confirm").fill("Zoë Núñez")
    page.get_by_role("button", name="Erase for good").click()
    expect(page.get_by_text("say why it is erased now")).to_be_visible()
    assert_accessible(page)
