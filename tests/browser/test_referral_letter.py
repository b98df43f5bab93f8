"""A therapist writes, corrects and finalises a referral letter in Chromium."""

import re

import pytest
from playwright.sync_api import expect

from referrals.models import ReferralLetter
from tests.factories import make_submitted_intake

pytestmark = pytest.mark.browser


@pytest.fixture
def referred_client(alice_client):
    alice_client.consent_contact_physician = True
    alice_client.save()
    make_submitted_intake(
        alice_client,
        {"cancer_history": True, "main_complaint": "Low back ache", "pain_now": 5},
        reviewed=True,
    )
    return alice_client


def test_therapist_writes_edits_and_finalises_a_letter(
    logged_in_page, live_server, referred_client
):
    page = logged_in_page
    page.goto(f"{live_server.url}{referred_client.get_absolute_url()}")
    page.get_by_role("button", name="Write referral letter").click()
    expect(
        page.get_by_role("heading", name=re.compile("Referral letter for Zoë Núñez"))
    ).to_be_visible()
    expect(page.get_by_label("Physician's name")).to_have_value("Dr. Helen Park")
    expect(page.get_by_label("Why I am referring")).to_contain_text("history of cancer")

    # A mistake is shown by its field and keeps what was typed.
    page.get_by_label("Physician's name").fill("")
    page.get_by_label("My findings and treatment so far").fill("Tender lumbar paraspinals.")
    page.get_by_role("button", name="Save draft").click()
    expect(
        page.get_by_text("Enter the name of the physician the letter is addressed to.")
    ).to_be_visible()
    expect(page.get_by_label("My findings and treatment so far")).to_have_value(
        "Tender lumbar paraspinals."
    )

    page.get_by_label("Physician's name").fill("Dr. 王 伟")
    page.get_by_role("button", name="Save and finalise").click()
    expect(page.get_by_text("The letter is final.")).to_be_visible()
    expect(page.get_by_text("Final, not sent yet").first).to_be_visible()

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download PDF").click(modifiers=["Alt"])
    assert download_info.value.suggested_filename.endswith("-v1.pdf")

    page.get_by_role("link", name="Mark as sent").click()
    page.get_by_label("Fax").check()
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Sent, awaiting reply").first).to_be_visible()

    letter = ReferralLetter.objects.get()
    assert letter.physician_name == "Dr. 王 伟"
    assert letter.findings == "Tender lumbar paraspinals."
    assert letter.sent_via == "fax"
