"""intake_save_step, called directly: the service behind every page the client posts keeps the
page, sends the form once, and writes nothing through a closed link."""

import datetime

from intake import services
from intake.demo import signed_answers
from intake.models import Intake, Screening
from intake.services import StepOutcome
from screening.questions import SECTIONS
from tests.intake.questionnaire import make_link

LAST = SECTIONS[-1].id


def _step(token, section, *, done=True, answers=None, send=True, typed=None):
    return services.intake_save_step(
        token=token,
        section=section,
        typed=typed if typed is not None else {"x": "typed"},
        check=lambda intake: done,
        answers=lambda intake: answers,
        send=send,
    )


def test_a_page_is_kept_as_typed_whether_or_not_it_is_finished(alice_client):
    intake, token = make_link(alice_client)
    step = _step(token, "about", done=False, typed={"first_name": "Zo"})
    assert step.outcome == StepOutcome.SAVED and not step.done
    intake.refresh_from_db()
    assert intake.draft_answers == {"about": {"first_name": "Zo"}}
    assert intake.sections_done == []
    assert intake.first_opened_at is not None and intake.last_active_at is not None


def test_a_closed_link_keeps_nothing(alice_client):
    intake, token = make_link(alice_client, expires_in=-datetime.timedelta(seconds=1))
    assert _step(token, "about").outcome == StepOutcome.CLOSED
    assert _step("no-such-token", "about").outcome == StepOutcome.CLOSED
    intake.refresh_from_db()
    assert intake.draft_answers == {}


def test_a_page_the_link_does_not_have_is_refused(alice_client):
    intake, token = make_link(alice_client)
    assert _step(token, "changes").outcome == StepOutcome.CLOSED  # the health update's page
    intake.refresh_from_db()
    assert intake.draft_answers == {}


def test_the_last_page_sends_the_form_once(alice_client):
    intake, token = make_link(alice_client)
    answers = (signed_answers(alice_client), None)
    assert _step(token, LAST, answers=answers).outcome == StepOutcome.SUBMITTED
    assert _step(token, LAST, answers=answers).outcome == StepOutcome.CLOSED
    assert Intake.objects.get(pk=intake.pk).is_submitted
    assert Screening.objects.filter(intake=intake).count() == 1


def test_the_last_page_with_an_earlier_page_unfinished_is_kept_not_sent(alice_client):
    intake, token = make_link(alice_client)
    step = _step(token, LAST, answers=(None, "complaint"))
    assert (step.outcome, step.unfinished) == (StepOutcome.UNFINISHED, "complaint")
    intake.refresh_from_db()
    assert not intake.is_submitted
    assert LAST in intake.draft_answers and LAST in intake.sections_done


def test_refused_answers_send_nothing_and_keep_the_page(alice_client):
    intake, token = make_link(alice_client)
    answers = {**signed_answers(alice_client), "signature_name": "Someone Else"}
    step = _step(token, LAST, answers=(answers, None))
    assert step.outcome == StepOutcome.REFUSED and "signature_name" in step.errors
    intake.refresh_from_db()
    assert not intake.is_submitted and LAST in intake.draft_answers
    assert not Screening.objects.filter(intake=intake).exists()


def test_going_back_from_the_last_page_keeps_it_without_sending(alice_client):
    intake, token = make_link(alice_client)
    step = _step(token, LAST, answers=(signed_answers(alice_client), None), send=False)
    assert step.outcome == StepOutcome.SAVED
    assert not Intake.objects.get(pk=intake.pk).is_submitted
