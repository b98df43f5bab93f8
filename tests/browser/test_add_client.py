"""A therapist logs in through the real login page in Chromium and adds a client."""

import pytest
from playwright.sync_api import expect

from clients.models import Client

pytestmark = pytest.mark.browser


def test_therapist_logs_in_and_adds_a_client(logged_in_page, live_server):
    page = logged_in_page
    expect(page.get_by_role("heading", name="Dashboard")).to_be_visible()
    page.get_by_role("link", name="Add client").first.click()

    page.get_by_label("First name").fill("Aisha")
    page.get_by_label("Last name").fill("Haddad")
    page.get_by_label("Email").first.fill("not-an-email")
    page.get_by_role("button", name="Save client").click()
    # The browser's own check or the server's: either way nothing is saved and the text stays.
    expect(page.get_by_label("First name")).to_have_value("Aisha")
    assert not Client.objects.exists()

    page.get_by_label("Email").first.fill("aisha@example.com")
    page.get_by_label("Date of birth").fill("1995-05-05")
    page.get_by_role("button", name="Save client").click()

    expect(page.get_by_role("heading", name="Aisha Haddad")).to_be_visible()
    expect(page.get_by_text("Aisha Haddad was added.")).to_be_visible()
    aisha = Client.objects.get(last_name="Haddad")
    assert aisha.therapist.username == "alice"
    assert aisha.email == "aisha@example.com"
