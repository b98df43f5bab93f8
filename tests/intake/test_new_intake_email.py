"""'A new intake needs review': one email to the client's therapist per submitted intake,
"urgent" only for an emergency or refer screening, and no health detail in it."""

import pytest
from django.core import mail

from intake.messages import SUBMITTED
from intake.services import IntakeAlreadySubmittedError, intake_submit
from messaging.models import Message
from messaging.services import messages_deliver_due
from tests.factories import REFER_ANSWERS, make_submitted_intake
from tests.messaging.health_words import health_words_in_email

EMERGENCY_ANSWERS = {"saddle_numbness": True, "bladder_change": True}
CAUTION_ANSWERS = {"varicose_veins": True}


def _deliver():
    messages_deliver_due()
    return mail.outbox


def test_a_submitted_intake_emails_the_therapist_once(alice_client, alice):
    intake = make_submitted_intake(alice_client, {})
    sent = _deliver()
    assert len(sent) == 1
    assert sent[0].to == [alice.email]
    assert sent[0].subject == "A new intake needs review (Z. N.)"
    assert f"/intake/{intake.pk}/review/" in sent[0].body
    assert "Zoë" not in sent[0].body and "Núñez" not in sent[0].body
    assert _deliver() == sent  # nothing more on the next sweep
    assert Message.objects.filter(kind=SUBMITTED).count() == 1


def test_a_second_submission_queues_no_second_email(alice_client):
    from intake.demo import signed_answers

    intake = make_submitted_intake(alice_client, {})
    with pytest.raises(IntakeAlreadySubmittedError):
        intake_submit(intake=intake, answers=signed_answers(alice_client))
    assert Message.objects.filter(kind=SUBMITTED).count() == 1


@pytest.mark.parametrize(
    "answers, urgent",
    [
        (EMERGENCY_ANSWERS, True),
        (REFER_ANSWERS, True),
        (CAUTION_ANSWERS, False),
        ({}, False),
    ],
    ids=["emergency", "refer", "caution", "clear"],
)
def test_urgent_only_for_emergency_or_refer(alice_client, answers, urgent):
    intake = make_submitted_intake(alice_client, answers)
    assert (intake.screening.tier in ("emergency", "refer")) == urgent
    (email,) = _deliver()
    assert ("urgent" in email.subject.lower()) == urgent
    assert ("urgent" in email.body.lower()) == urgent


@pytest.mark.parametrize(
    "answers", [EMERGENCY_ANSWERS, REFER_ANSWERS, CAUTION_ANSWERS, {}], ids=str
)
def test_the_email_has_no_health_words(alice_client, answers):
    make_submitted_intake(alice_client, {**answers, "medications": "Warfarin 5 mg"})
    (email,) = _deliver()
    assert health_words_in_email(email) == []


def test_an_emptied_therapist_address_skips_the_email(alice_client, alice):
    make_submitted_intake(alice_client, {})
    alice.email = ""
    alice.save()
    assert messages_deliver_due()["skipped"] == 1
    assert mail.outbox == []


def test_the_submitted_form_through_the_pages_queues_the_email(client, alice_client, link):
    from tests.intake.questionnaire import fill_in, valid_post

    _, token = link
    fill_in(client, token, valid_post())
    (message,) = Message.objects.filter(kind=SUBMITTED)
    assert message.context == {"intake_id": link[0].pk}
