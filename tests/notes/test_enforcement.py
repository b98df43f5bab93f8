"""What the notes services refuse under screening version 3, whoever calls them: a new note
while the latest screening has questions to ask in person, and neck work after a neck or head
emergency flag unless the physician's clearance allows it."""

import html

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from clearance.models import Clearance
from clearance.services import clearance_record
from clearance.status import care_status
from notes import services
from notes.models import SessionNote
from screening.questions import QUESTIONS
from tests.factories import ClientFactory, make_note, make_submitted_intake, note_form_data

NECK_EMERGENCY = {"face_numbness": True}  # stroke signs: a neck or head emergency flag


def text(response):
    return html.unescape(response.content.decode())


def neck_note(client):
    return make_note(client, complaints=["scalenes"], techniques=["myofascial_release"])


def clear(client, **answer):
    return clearance_record(
        client=client,
        recorded_by=client.therapist,
        outcome=Clearance.Outcome.GRANTED,
        received_on=timezone.localdate(),
        physician_name="Dr. Helen Park",
        **answer,
    )


def test_incomplete_screening_refuses_a_new_note(alice_client, complaint_map):
    make_submitted_intake(alice_client, {"chest_pain": None})

    with pytest.raises(services.AskInPersonFirst) as refused:
        make_note(alice_client)

    assert QUESTIONS["chest_pain"].label in refused.value.messages[0]
    assert not SessionNote.objects.exists()


def test_the_note_page_lists_exactly_the_questions_to_ask(as_alice, alice_client, complaint_map):
    intake = make_submitted_intake(alice_client, {"chest_pain": None, "bladder_change": None})
    page_url = reverse("notes:note-create", args=[alice_client.pk])

    for response in (as_alice.get(page_url), as_alice.post(page_url, note_form_data())):
        assert response.status_code == 403
        page = text(response)
        assert "Ask Zoë in person before the next session" in page
        assert QUESTIONS["chest_pain"].label in page
        assert QUESTIONS["bladder_change"].label in page
        assert QUESTIONS["saddle_numbness"].label not in page
        assert reverse("intake:in-person-answers", args=[intake.pk]) in page
    assert not SessionNote.objects.exists()


def test_the_client_page_lists_the_questions_to_ask(as_alice, alice_client):
    intake = make_submitted_intake(alice_client, {"chest_pain": None})

    page = text(as_alice.get(alice_client.get_absolute_url()))

    assert "Questions to ask in person before the next session." in page
    assert QUESTIONS["chest_pain"].label in page
    assert reverse("intake:in-person-answers", args=[intake.pk]) in page


def test_neck_ban_holds_after_clearance_unless_neck_work_allowed(alice_client, complaint_map):
    make_submitted_intake(alice_client, NECK_EMERGENCY)
    clear(alice_client)

    with pytest.raises(ValidationError) as refused:
        neck_note(alice_client)
    assert "No neck work" in refused.value.message_dict["complaints"][0]
    assert make_note(alice_client, complaints=["rotator_cuff"]).pk  # the shoulder is fine

    clear(alice_client, allows_neck_work=True, notes="Neck work allowed after imaging.")

    assert neck_note(alice_client).pk


def test_neck_ban_holds_after_a_later_clear_intake(alice_client, complaint_map):
    make_submitted_intake(alice_client, NECK_EMERGENCY)
    clear(alice_client)
    make_submitted_intake(alice_client, {})

    with pytest.raises(ValidationError):
        neck_note(alice_client)


def test_a_declined_clearance_cannot_allow_neck_work(alice_client):
    make_submitted_intake(alice_client, NECK_EMERGENCY)

    with pytest.raises(ValidationError):
        clearance_record(
            client=alice_client,
            recorded_by=alice_client.therapist,
            outcome=Clearance.Outcome.DECLINED,
            received_on=timezone.localdate(),
            allows_neck_work=True,
        )


def test_the_clearance_form_asks_about_neck_work_only_after_a_neck_or_head_flag(
    as_alice, alice_client, bob
):
    form_url = reverse("referrals:clearance-record", args=[alice_client.pk])
    make_submitted_intake(alice_client, {"cancer_treatment_now": True})
    assert "allows_neck_work" not in text(as_alice.get(form_url))

    make_submitted_intake(alice_client, NECK_EMERGENCY)
    outstanding = {held.id for held in care_status(alice_client).held}
    page = text(as_alice.get(form_url))
    assert 'name="allows_neck_work"' in page
    assert "unless the physician says neck work is allowed" in page

    as_alice.post(
        form_url,
        {
            "outcome": "granted",
            "received_on": timezone.localdate().isoformat(),
            "physician_name": "Dr. Helen Park",
            "allows_neck_work": "on",
        },
    )
    clearance = Clearance.objects.get()
    assert clearance.allows_neck_work
    assert len(outstanding) == 2
    assert set(clearance.flag_ids) == outstanding


def test_a_client_who_never_sent_an_intake_gets_no_note(alice):
    # Nothing is known of their health: unknown is never read as clear.
    stranger = ClientFactory(therapist=alice)
    with pytest.raises(services.NoScreeningYet):
        services.note_create(client=stranger, therapist=alice, data={})
    assert not SessionNote.objects.filter(client=stranger).exists()


def test_the_note_page_asks_for_the_questionnaire_first(as_alice, alice):
    stranger = ClientFactory(therapist=alice)
    response = as_alice.get(reverse("notes:note-create", args=[stranger.pk]))
    assert response.status_code == 403
    page = text(response)
    assert "has not filled in the health questionnaire yet" in page
    assert reverse("intake:client-link-create", args=[stranger.pk]) in page
    make_submitted_intake(stranger, {})
    assert as_alice.get(reverse("notes:note-create", args=[stranger.pk])).status_code == 200
