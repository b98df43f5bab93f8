"""A client whose screening needs a physician gets no new session note until a clearance
that lifts the block is recorded: the page says why and links to the referral."""

import html

import pytest
from django.urls import reverse
from django.utils import timezone

from clearance.models import Clearance
from notes.models import SessionNote
from tests.factories import make_submitted_intake, note_form_data

SCREENINGS = {
    "refer": ({"cancer_treatment_now": True}, "Refer to physician", "treated for cancer now"),
    "emergency": ({"saddle_numbness": True}, "Emergency", "New numbness in the saddle area"),
}


def _clear(client, alice, outcome, restrictions=""):
    return Clearance.objects.create(
        client=client,
        outcome=outcome,
        restrictions=restrictions,
        physician_name="Dr. Helen Park",
        received_on=timezone.localdate(),
        recorded_by=alice,
    )


@pytest.mark.parametrize("tier", SCREENINGS)
def test_new_note_is_refused_until_a_physician_clears_the_client(
    as_alice, alice_client, complaint_map, tier
):
    answers, label, reason = SCREENINGS[tier]
    make_submitted_intake(alice_client, answers)
    url = reverse("notes:note-create", args=[alice_client.pk])

    page = as_alice.get(url)
    posted = as_alice.post(url, note_form_data())

    for response in (page, posted):
        assert response.status_code == 403
        text = html.unescape(response.content.decode())
        assert "A physician's clearance is needed before the next session" in text
        assert label in text
        assert reason in text
        letter_url = reverse("referrals:letter-create", args=[alice_client.pk])
        # A form, not a link: writing a letter is a POST (a link gave a blank 405 page).
        assert f'<form method="post" action="{letter_url}">' in text
    assert not SessionNote.objects.exists()


@pytest.mark.parametrize(
    ("outcome", "restrictions"),
    [(Clearance.Outcome.GRANTED, ""), (Clearance.Outcome.RESTRICTED, "Light pressure only.")],
)
def test_a_clearance_that_lifts_the_block_allows_the_note(
    as_alice, alice, alice_client, complaint_map, outcome, restrictions
):
    make_submitted_intake(alice_client, {"cancer_treatment_now": True})
    _clear(alice_client, alice, outcome, restrictions)
    url = reverse("notes:note-create", args=[alice_client.pk])

    assert as_alice.get(url).status_code == 200
    response = as_alice.post(url, note_form_data())

    assert response.status_code == 302
    assert SessionNote.objects.filter(client=alice_client).count() == 1


def test_a_declined_clearance_keeps_the_block(as_alice, alice, alice_client, complaint_map):
    make_submitted_intake(alice_client, {"cancer_treatment_now": True})
    _clear(alice_client, alice, Clearance.Outcome.DECLINED)
    url = reverse("notes:note-create", args=[alice_client.pk])

    page = as_alice.get(url)
    posted = as_alice.post(url, note_form_data())

    assert page.status_code == posted.status_code == 403
    assert "Not cleared" in html.unescape(page.content.decode())
    assert not SessionNote.objects.exists()


def test_a_newer_refer_screening_blocks_again_after_a_clearance(
    as_alice, alice, alice_client, complaint_map
):
    make_submitted_intake(alice_client, {"cancer_treatment_now": True})
    _clear(alice_client, alice, Clearance.Outcome.GRANTED)
    make_submitted_intake(alice_client, {"heart_or_kidney_failure": True})
    response = as_alice.get(reverse("notes:note-create", args=[alice_client.pk]))
    assert response.status_code == 403
    assert "Heart or kidney failure" in html.unescape(response.content.decode())


def test_the_client_page_says_a_clearance_is_needed(as_alice, alice_client, complaint_map):
    make_submitted_intake(alice_client, {"cancer_treatment_now": True})
    page = html.unescape(as_alice.get(alice_client.get_absolute_url()).content.decode())
    assert "A physician's clearance is needed before the next session." in page
