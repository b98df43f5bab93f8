"""In Chromium, ticking structures on the session-note form updates the suggestions panel,
already filtered by the client's cautions."""

import pytest
from playwright.sync_api import expect

from notes.complaint_map import load_map
from notes.models import Complaint, SelfCareItem, SessionNote, Technique
from tests.factories import make_submitted_intake

pytestmark = pytest.mark.browser


def test_ticking_complaints_changes_the_suggested_techniques(
    logged_in_page, live_server, alice_client
):
    load_map(Complaint, Technique, SelfCareItem)  # the live server's database is flushed
    make_submitted_intake(alice_client, {"anticoagulants": True})
    page = logged_in_page
    page.goto(f"{live_server.url}/clients/{alice_client.pk}/notes/new/")
    panel = page.locator("#suggestions")
    suggested = panel.locator(".suggested-techniques li")
    expect(panel).to_contain_text("Tick the structures involved")
    # With JavaScript the panel follows the ticks, so the no-script button is hidden.
    expect(page.get_by_role("button", name="Show suggestions")).to_be_hidden()

    page.locator("#complaint-quadratus_lumborum").check()
    expect(suggested).to_have_text(["Neuromuscular therapy", "Muscle energy technique"])
    expect(panel.locator(".excluded-techniques li")).to_have_text(
        [
            "Not suggested: ischemic compression — No deep tissue or forceful pressure "
            "(anticoagulants or bleeding disorder)."
        ]
    )
    expect(panel).to_contain_text("Side-bend stretch")

    page.locator("#complaint-piriformis").check()
    expect(suggested).to_have_text(
        [
            "Neuromuscular therapy",
            "Muscle energy technique",
            "Glute massage",
            "Myofascial release",
            "Stretching (gentle)",
        ]
    )
    expect(panel).to_contain_text("Piriformis stretch")
    expect(page.locator(".suggested-badge[data-technique='glute_massage']")).to_be_visible()

    page.locator("#complaint-quadratus_lumborum").uncheck()
    expect(suggested).to_have_text(
        ["Muscle energy technique", "Glute massage", "Myofascial release", "Stretching (gentle)"]
    )
    expect(panel.locator(".excluded-techniques")).to_have_count(0)
    # Excluded techniques cannot be ticked.
    expect(page.locator("#technique-deep_tissue")).to_be_disabled()
    page.screenshot(path="/tmp/notes-browser-form.png", full_page=True)

    page.get_by_label("Pain before (0–10)").fill("6")
    page.get_by_label("Pain after (0–10)").fill("3")
    page.locator("#technique-glute_massage").check()
    page.get_by_role("button", name="Save draft").click()
    expect(page.get_by_text("The note was saved as a draft.")).to_be_visible()
    note = SessionNote.objects.get()
    assert list(note.complaints.values_list("pk", flat=True)) == ["piriformis"]
    assert list(note.techniques.values_list("pk", flat=True)) == ["glute_massage"]
