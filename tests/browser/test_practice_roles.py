"""Issue 18's "done when", for the front desk and the owner, in Chromium: the desk finds a
client by typing three letters, sends them an intake link from the list and sees it waiting;
the owner changes the paper size to Letter and the next letter PDF is in Letter."""

import re
import subprocess

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from clients.models import Practice, Therapist
from intake.models import Intake
from tests.browser.axe import assert_accessible
from tests.factories import PASSWORD, ClientFactory, make_therapist

pytestmark = pytest.mark.browser


def log_in(page, base, username):
    page.goto(f"{base}/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(f"{base}/")


def staff(practice, username, first, last, role):
    user = make_therapist(practice, username, first, last, designation="")
    Therapist.objects.filter(user=user).update(role=role)
    return user


def test_the_desk_finds_a_client_by_three_letters_and_sends_a_link_that_waits(
    page, live_server, practice, alice, bob, alice_client
):
    staff(practice, "desk", "Sam", "Rivera", Therapist.Role.FRONT_DESK)
    ClientFactory(therapist=bob, first_name="Nuno", last_name="Barros")  # also has "nu"
    ClientFactory(therapist=bob, first_name="Ines", last_name="Lindholm")
    base = live_server.url
    log_in(page, base, "desk")
    expect(page.get_by_role("heading", name="Front desk")).to_be_visible()
    expect(page.get_by_role("link", name="Add client")).to_have_count(0)

    # Typed as a receptionist would, without accents and without pressing Search.
    page.get_by_label("Name, email or phone").press_sequentially("nun", delay=80)
    results = page.locator("#client-results")
    expect(results.get_by_role("link", name="Núñez, Zoë")).to_be_visible()
    expect(results.get_by_text("Lindholm")).to_have_count(0)
    assert page.url == f"{base}/"  # found in place, no page load
    assert_accessible(page)  # the dashboard with its results

    results.get_by_role("link", name="Send intake link to Zoë Núñez").click()
    expect(page.get_by_role("heading", name="Send an intake link to Zoë Núñez")).to_be_visible()
    expect(page.get_by_label("Client's email")).to_have_value("zoe.nunez@example.com")
    page.get_by_role("button", name="Create link").click()
    expect(page.get_by_role("heading", name="Intake link for Zoë Núñez")).to_be_visible()
    expect(page.locator("#intake-link")).to_have_value(re.compile("/intake/f/"))

    page.goto(f"{base}/")
    waiting = page.locator("#waiting-for-client")
    expect(waiting.get_by_role("link", name="Zoë Núñez")).to_be_visible()
    expect(waiting.get_by_text("Sent")).to_be_visible()
    assert_accessible(page)
    intake = Intake.objects.get(client=alice_client)
    assert intake.therapist == alice  # the link is her therapist's, to review
    assert intake.sent_at is not None


def _page_size(data, tmp_path):
    path = tmp_path / "letter.pdf"
    path.write_bytes(data)
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, check=True, text=True)
    return next(line for line in info.stdout.splitlines() if line.startswith("Page size:"))


def test_the_owner_switches_to_letter_paper_and_the_next_letter_pdf_is_letter(
    page, live_server, practice, draft, tmp_path
):
    staff(practice, "olga", "Olga", "Owner", Therapist.Role.OWNER)
    base = live_server.url
    preview = f"{base}{reverse('referrals:letter-preview', args=[draft.pk])}"
    log_in(page, base, "olga")
    before = page.request.get(preview)
    assert before.ok and "A4" in _page_size(before.body(), tmp_path)

    expect(page.get_by_role("heading", name="The practice's dashboard")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Practice", exact=True).click()
    page.get_by_role("link", name="Practice settings").click()
    expect(page.get_by_role("heading", name="Practice settings")).to_be_visible()
    # A mistake is shown by its field, and what was typed stays.
    page.get_by_label("Time zone").fill("Mars/Olympus")
    page.get_by_label("Phone").fill("+1 555 010 9999")
    page.get_by_role("button", name="Save settings").click()
    expect(page.get_by_text("Not a time zone we know.")).to_be_visible()
    expect(page.get_by_label("Phone")).to_have_value("+1 555 010 9999")
    assert_accessible(page)
    page.get_by_label("Time zone").fill("America/Toronto")
    page.get_by_label("Paper size of letters and handouts").select_option(label="US Letter")
    page.get_by_role("button", name="Save settings").click()
    expect(page.get_by_text("The practice settings were saved.")).to_be_visible()
    expect(page.get_by_label("Paper size of letters and handouts")).to_have_value("letter")
    practice.refresh_from_db()
    assert practice.letter_page_size == Practice.PageSize.LETTER

    after = page.request.get(preview)
    assert after.ok
    assert "612 x 792 pts (letter)" in _page_size(after.body(), tmp_path)
