"""In Chromium, ticking structures on the session-note form updates the suggestions panel,
already filtered by the client's cautions (techniques and self-care alike)."""

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
    expect(panel.locator(".suggested-self-care li")).to_have_text(
        ["Side-bend stretch", "Moist heat"]
    )
    # Self-applied pressure follows the same caution as the techniques.
    expect(panel.locator(".excluded-self-care li")).to_have_text(
        [
            "Not suggested: ball release — No deep tissue or forceful pressure "
            "(anticoagulants or bleeding disorder)."
        ]
    )

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
    expect(panel.locator(".excluded-self-care li")).to_contain_text(["ball release"])
    # Excluded techniques and self-care cannot be ticked, and the form says why.
    expect(page.locator("#technique-deep_tissue")).to_be_disabled()
    expect(page.locator("#self-care-ball_release")).to_be_disabled()
    expect(page.locator("#self-care-ball_release-why")).to_contain_text("anticoagulants")
    page.screenshot(path="/tmp/notes-browser-form.png", full_page=True)

    page.get_by_label("Pain before (0–10)").fill("6")
    page.get_by_label("Pain after (0–10)").fill("3")
    page.locator("#technique-glute_massage").check()
    page.get_by_role("button", name="Save draft").click()
    expect(page.get_by_text("The note was saved as a draft.")).to_be_visible()
    note = SessionNote.objects.get()
    assert list(note.complaints.values_list("pk", flat=True)) == ["piriformis"]
    assert list(note.techniques.values_list("pk", flat=True)) == ["glute_massage"]


def test_apply_suggestions_never_ticks_an_excluded_technique(
    logged_in_page, live_server, alice_client
):
    """A returning client's signed note from the client page in at most 6 clicks, and
    "Apply suggestions" ticks neither the cautions' exclusions (techniques or self-care) nor
    deep work on the scalenes."""
    from notes import services
    from tests.factories import make_note

    load_map(Complaint, Technique, SelfCareItem)
    make_submitted_intake(alice_client, {"anticoagulants": True, "pain_areas": ["neck"]})
    services.note_sign(
        note=make_note(
            alice_client, plan="Neck again next week.", psfs_activity_1="Drive", psfs_score_1=4
        ),
        user=alice_client.therapist,
    )
    page = logged_in_page
    page.goto(f"{live_server.url}/clients/{alice_client.pk}/")
    clicks = 0

    page.get_by_role("link", name="New session note").click()
    clicks += 1
    expect(page.locator("#last-plan")).to_contain_text("Neck again next week.")
    page.locator("#complaint-quadratus_lumborum").check()
    page.locator("#complaint-upper_trapezius").check()
    page.locator("#complaint-scalenes").check()
    clicks += 3
    page.get_by_role("button", name="Apply suggestions").click()
    clicks += 1
    expect(page.locator("#technique-neuromuscular_therapy")).to_be_checked()
    expect(page.locator("#technique-trigger_point_gentle")).to_be_checked()
    expect(page.locator("#technique-ischemic_compression")).not_to_be_checked()
    expect(page.locator("#technique-trigger_point_full_pressure")).not_to_be_checked()
    expect(page.locator("#self-care-scalene_stretch")).to_be_checked()
    expect(page.locator("#self-care-heat")).to_be_checked()
    expect(page.locator("#self-care-ball_release")).not_to_be_checked()
    expect(page.locator(".excluded-self-care")).to_contain_text("ball release")
    expect(page.locator(".excluded-techniques")).to_contain_text("trigger point release (full")
    page.screenshot(path="/tmp/notes-browser-apply.png", full_page=True)
    page.get_by_label("Pain before (0–10)").fill("5")
    page.get_by_label("Pain after (0–10)").fill("3")
    page.get_by_label("Score 1").fill("6")
    page.get_by_role("button", name="Save and sign").click()
    clicks += 1

    expect(page.get_by_text("The note is saved and signed.")).to_be_visible()
    assert clicks <= 6
    note = SessionNote.objects.filter(signed_at__isnull=False).latest("created_at")
    assert note.psfs_activity_1 == "Drive"
    ticked = set(note.techniques.values_list("pk", flat=True))
    assert "ischemic_compression" not in ticked
    assert "trigger_point_full_pressure" not in ticked
    assert "ball_release" not in set(note.self_care.values_list("pk", flat=True))
