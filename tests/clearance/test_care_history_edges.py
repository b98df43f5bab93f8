"""The care status read from a history at its edges: in any order, with a physician's answer
recorded at the very instant of the flag, and with two answers for one stable condition (found
by mutation testing, docs/mutation.md)."""

import datetime
from datetime import timedelta

from clearance.models import Clearance
from clearance.services import clearance_record
from clearance.status import care_holds, care_status, care_status_from_history
from intake.models import Screening
from intake.selectors import screening_history
from intake.services import in_person_answers_record
from tests.factories import ClientFactory, make_submitted_intake

D = datetime.date(2025, 6, 2)
HEART = {"heart_or_kidney_failure": True}


def _answer(client, received_on, outcome=Clearance.Outcome.GRANTED):
    return clearance_record(
        client=client,
        recorded_by=client.therapist,
        outcome=outcome,
        received_on=received_on,
        physician_name="Dr. Helen Park",
        is_repeat=lambda latest: False,
    )


def _summary(care):
    return (
        care.hold,
        [held.id for held in care.held],
        [carried.id for carried in care.carried],
        care.screening.pk,
        care.clearance.pk,
    )


def test_the_history_reads_the_same_in_any_order(alice_client):
    make_submitted_intake(alice_client, {"saddle_numbness": True}, on_date=D)
    _answer(alice_client, D + timedelta(days=1), Clearance.Outcome.DECLINED)
    make_submitted_intake(alice_client, HEART, on_date=D + timedelta(days=5))
    screenings = screening_history(alice_client)
    clearances = list(Clearance.objects.filter(client=alice_client))

    forwards = care_status_from_history(screenings, sorted(clearances, key=lambda c: c.pk))
    backwards = care_status_from_history(screenings[::-1], clearances)

    assert _summary(forwards) == _summary(backwards) == _summary(care_status(alice_client))
    assert _summary(forwards)[:2] == ("emergency", ["saddle_numbness", "heart_or_kidney_failure"])
    assert forwards.screening.screened_on == D + timedelta(days=5)


def test_an_answer_recorded_at_the_very_instant_of_the_flag_answers_it(alice_client):
    intake = make_submitted_intake(alice_client, HEART, on_date=D)
    clearance = _answer(alice_client, D)
    raised_at = intake.screenings.get().created_at

    Clearance.objects.filter(pk=clearance.pk).update(recorded_at=raised_at)
    assert not care_status(alice_client).needs_clearance
    # An older answer that names no flag covers every flag raised up to its instant.
    Clearance.objects.filter(pk=clearance.pk).update(flag_ids=[])
    assert not care_status(alice_client).needs_clearance


def test_the_latest_answer_before_a_stable_condition_comes_back_decides_whether_it_carries(
    alice_client,
):
    make_submitted_intake(alice_client, HEART, on_date=D)
    _answer(alice_client, D + timedelta(days=2))
    _answer(alice_client, D + timedelta(days=9), Clearance.Outcome.DECLINED)
    make_submitted_intake(alice_client, HEART, on_date=D + timedelta(days=30))

    care = care_status(alice_client)
    assert care.carried == ()
    assert [held.id for held in care.held] == ["heart_or_kidney_failure"]


def test_the_latest_clearance_sets_the_twelve_months_a_condition_carries_for(alice_client):
    make_submitted_intake(alice_client, HEART, on_date=D)
    _answer(alice_client, D + timedelta(days=2))
    _answer(alice_client, D + timedelta(days=300))
    make_submitted_intake(alice_client, HEART, on_date=D + timedelta(days=400))

    care = care_status(alice_client)
    assert not care.needs_clearance
    [carried] = care.carried
    assert carried.clearance.received_on == D + timedelta(days=300)


def test_answers_given_in_person_count_for_their_intake_in_any_order(alice_client):
    intake = make_submitted_intake(alice_client, {"saddle_numbness": None}, on_date=D)
    assert care_status(alice_client).hold == "incomplete"

    in_person_answers_record(
        intake=intake, answers={"saddle_numbness": False}, by=alice_client.therapist
    )
    screenings = screening_history(alice_client)

    assert len(screenings) == 2
    assert care_status(alice_client).hold == ""
    assert care_status_from_history(screenings[::-1], []).hold == ""


def test_the_latest_answer_and_the_latest_clearing_one_are_the_clients(alice_client):
    make_submitted_intake(alice_client, HEART, on_date=D)
    _answer(alice_client, D + timedelta(days=2))
    clearance_record(
        client=alice_client,
        recorded_by=alice_client.therapist,
        outcome=Clearance.Outcome.RESTRICTED,
        restrictions="No prone lying.",
        received_on=D + timedelta(days=4),
        physician_name="Dr. Helen Park",
    )
    _answer(alice_client, D + timedelta(days=6), Clearance.Outcome.DECLINED)

    care = care_status(alice_client)
    assert care.clearance.outcome == Clearance.Outcome.DECLINED
    assert care.physician_clearance.outcome == Clearance.Outcome.RESTRICTED
    assert care.physician_restrictions == "No prone lying."


def test_a_time_window_flag_that_lapsed_and_came_back_holds_from_its_return(alice_client):
    make_submitted_intake(alice_client, {"recent_surgery": True}, on_date=D)
    make_submitted_intake(alice_client, {}, on_date=D + timedelta(days=42))
    make_submitted_intake(alice_client, {"recent_surgery": True}, on_date=D + timedelta(days=60))

    care = care_status(alice_client)
    [held] = care.held
    assert (held.id, held.flagged_on) == ("recent_surgery", D + timedelta(days=60))
    [lapsed] = care.lapsed
    assert (lapsed.flagged_on, lapsed.lapsed_on) == (D, D + timedelta(days=42))


def test_the_stored_holds_of_many_clients_are_each_ones_care_status(alice_client):
    other = ClientFactory(therapist=alice_client.therapist)
    make_submitted_intake(alice_client, HEART, on_date=D)
    make_submitted_intake(other, {"saddle_numbness": None}, on_date=D)
    _answer(other, D + timedelta(days=1), Clearance.Outcome.DECLINED)

    holds = care_holds(Screening.objects.select_related("intake"), Clearance.objects.all())

    assert holds == {
        client.pk: (care_status(client).hold, care_status(client).hold_since)
        for client in (alice_client, other)
    }
    assert holds[alice_client.pk][0] == "refer" and holds[other.pk][0] == "incomplete"
