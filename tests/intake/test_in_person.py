"""Questions the screening asks in person: the therapist asks the client, records each answer
(who asked, when), and the intake is screened again with them; that screening counts for the
intake from then on (docs/clinical/red-flags.md, version 3, "Incomplete blocks the session")."""

import datetime
import html
import re

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from audit.models import Event
from clients.models import Therapist
from intake.models import InPersonAnswer, Screening
from intake.services import in_person_answers_record
from notes import services as notes
from screening.questions import QUESTIONS
from tests.factories import make_note, make_submitted_intake, make_therapist

ON = datetime.date(2026, 6, 15)
KEY = "in-person-form-key-0001"


@pytest.fixture
def incomplete(alice_client):
    """Zoë's intake with the chest pain and bladder questions left unanswered."""
    return make_submitted_intake(
        alice_client, {"chest_pain": None, "bladder_change": None}, on_date=ON
    )


def url(intake):
    return reverse("intake:in-person-answers", args=[intake.pk])


def page_text(response):
    return html.unescape(response.content.decode())


def test_answers_recorded_in_person_screen_again_and_allow_the_note(
    alice, alice_client, incomplete, complaint_map
):
    with pytest.raises(notes.AskInPersonFirst):
        make_note(alice_client)

    screening = in_person_answers_record(
        intake=incomplete, answers={"chest_pain": False, "bladder_change": False}, by=alice
    )

    assert (screening.tier, screening.answered_in_person, screening.is_rescreen) == (
        "clear",
        True,
        False,
    )
    assert screening.screened_on == ON
    assert screening.created_by == alice
    assert incomplete.screening.tier == "incomplete"  # the original is kept
    assert incomplete.effective_screening == screening
    answers = InPersonAnswer.objects.filter(intake=incomplete)
    assert {(a.question_id, a.value, a.asked_by_id) for a in answers} == {
        ("chest_pain", False, alice.pk),
        ("bladder_change", False, alice.pk),
    }
    alice_client.refresh_from_db()
    assert (alice_client.screening_tier, alice_client.care_hold) == ("clear", "")
    assert make_note(alice_client).pk


def test_a_yes_in_person_raises_the_flag(alice, alice_client, incomplete):
    screening = in_person_answers_record(
        intake=incomplete, answers={"chest_pain": True, "bladder_change": False}, by=alice
    )

    assert screening.tier == "emergency"
    assert "chest_pain" in {flag.id for flag in screening.flag_list}
    alice_client.refresh_from_db()
    assert alice_client.care_hold == "emergency"
    with pytest.raises(notes.ClearanceNeeded):
        make_note(alice_client)


def test_answering_some_questions_leaves_the_others_to_ask(alice, alice_client, incomplete):
    screening = in_person_answers_record(intake=incomplete, answers={"chest_pain": False}, by=alice)

    assert screening.tier == "incomplete"
    assert [ask.question for ask in screening.asks] == ["bladder_change"]
    # The next answer is screened together with the first.
    last = in_person_answers_record(intake=incomplete, answers={"bladder_change": False}, by=alice)
    assert (last.tier, last.asks) == ("clear", ())


def test_only_the_questions_the_screening_asks_can_be_answered(alice, incomplete):
    with pytest.raises(ValidationError) as refused:
        in_person_answers_record(
            intake=incomplete,
            answers={"saddle_numbness": True, "main_complaint": True, "chest_pain": "yes"},
            by=alice,
        )

    errors = refused.value.message_dict
    assert "not among those the intake's screening asks" in errors["saddle_numbness"][0]
    assert "is not a yes/no screening question" in errors["main_complaint"][0]
    assert errors["chest_pain"] == ["Choose Yes or No."]
    assert not InPersonAnswer.objects.exists()
    assert incomplete.screenings.count() == 1


def test_nothing_to_answer_is_refused(alice, incomplete):
    with pytest.raises(ValidationError):
        in_person_answers_record(intake=incomplete, answers={}, by=alice)


def test_a_double_submit_records_once(alice, incomplete):
    answers = {"chest_pain": False, "bladder_change": False}
    first = in_person_answers_record(
        intake=incomplete, answers=answers, by=alice, submission_key=KEY
    )
    again = in_person_answers_record(
        intake=incomplete, answers=answers, by=alice, submission_key=KEY
    )

    assert again == first
    assert InPersonAnswer.objects.count() == 2
    assert Screening.objects.filter(intake=incomplete, answered_in_person=True).count() == 1


def test_each_answer_and_the_new_screening_are_in_the_audit_trail(alice, alice_client, incomplete):
    in_person_answers_record(intake=incomplete, answers={"chest_pain": False}, by=alice)

    created = Event.objects.filter(action=Event.Action.CREATE, client_pk=alice_client.pk)
    assert created.filter(object_type="intake.inpersonanswer").count() == 1
    assert created.filter(object_type="intake.screening").count() == 2


def test_a_rescreen_never_counts_for_the_intake(alice, incomplete):
    from intake.services import intake_rescreen

    intake_rescreen(intake=incomplete, by=alice)
    assert incomplete.effective_screening == incomplete.screening


# --- The page ------------------------------------------------------------------------------


def test_the_page_lists_each_question_with_why_and_yes_no(as_alice, incomplete):
    response = as_alice.get(url(incomplete))

    text = page_text(response)
    assert response.status_code == 200
    for question_id in ("chest_pain", "bladder_change"):
        assert QUESTIONS[question_id].label in text
        assert f'name="{question_id}" value="yes"' in text
        assert f'name="{question_id}" value="no"' in text
    assert Event.objects.filter(action=Event.Action.VIEW, object_type="intake.intake").exists()


def test_saving_goes_to_the_client_page_with_the_new_tier(as_alice, alice_client, incomplete):
    response = as_alice.post(
        url(incomplete), {"chest_pain": "no", "bladder_change": "no"}, follow=True
    )

    assert response.redirect_chain[-1][0] == alice_client.get_absolute_url()
    text = page_text(response)
    assert "The intake was screened again: Clear." in text
    assert "Questions to ask in person" not in text


def test_a_yes_on_the_page_shows_the_flag_on_the_client_page(as_alice, incomplete):
    response = as_alice.post(
        url(incomplete), {"chest_pain": "yes", "bladder_change": "no"}, follow=True
    )

    text = page_text(response)
    assert "The intake was screened again: Emergency." in text
    assert "Needs a physician's clearance before massage." in text


def test_bad_input_is_a_message_next_to_the_field_and_nothing_is_lost(as_alice, incomplete):
    response = as_alice.post(url(incomplete), {"chest_pain": "maybe", "bladder_change": "no"})

    text = page_text(response)
    assert response.status_code == 400
    assert "Choose Yes or No." in text
    # The answer given stays chosen.
    assert re.search(r'name="bladder_change" value="no"\s+id="id_bladder_change_1" checked', text)
    assert not InPersonAnswer.objects.exists()


def test_nothing_chosen_is_a_message_and_saves_nothing(as_alice, incomplete):
    response = as_alice.post(url(incomplete), {})

    assert response.status_code == 400
    assert "choose Yes or No for at least one question" in page_text(response)
    assert not InPersonAnswer.objects.exists()


def test_another_therapist_gets_a_404(as_bob, incomplete):
    assert as_bob.get(url(incomplete)).status_code == 404
    assert as_bob.post(url(incomplete), {"chest_pain": "no"}).status_code == 404
    assert not InPersonAnswer.objects.exists()


def test_the_front_desk_gets_a_404(client, practice, incomplete):
    desk = make_therapist(practice, "desk", "Dana", "Desk")
    Therapist.objects.filter(user=desk).update(role=Therapist.Role.FRONT_DESK)
    client.force_login(desk)

    assert client.get(url(incomplete)).status_code == 404
    assert client.post(url(incomplete), {"chest_pain": "no"}).status_code == 404
    assert not InPersonAnswer.objects.exists()


def test_anonymous_is_sent_to_log_in(client, incomplete):
    response = client.get(url(incomplete))

    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))
