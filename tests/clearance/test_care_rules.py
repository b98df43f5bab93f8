"""The care status's rules at their edges: the calendar of the 12 months a clearance carries
forward, the time windows after which a flag lapses, and what a hold is called (found by
mutation testing, docs/mutation.md)."""

import datetime
from datetime import timedelta

import pytest

from clearance.models import Clearance
from clearance.services import clearance_record
from clearance.status import care_status, carries_forward_to, months_after
from notes.services import neck_emergency_reasons
from tests.factories import make_submitted_intake


def day(text):
    return datetime.date.fromisoformat(text)


@pytest.mark.parametrize("month", range(1, 13))
def test_twelve_months_after_any_month_is_the_same_day_a_year_later(month):
    assert months_after(datetime.date(2025, month, 15), 12) == datetime.date(2026, month, 15)


@pytest.mark.parametrize(
    "start, months, end",
    [
        ("2024-02-29", 12, "2025-02-28"),
        ("2025-11-30", 3, "2026-02-28"),
        ("2025-01-31", 1, "2025-02-28"),
        ("2025-12-31", 1, "2026-01-31"),
        ("2025-06-10", 0, "2025-06-10"),
    ],
)
def test_months_after_keeps_the_day_or_the_months_last(start, months, end):
    assert months_after(day(start), months) == day(end)


def test_a_clearance_carries_forward_to_the_same_day_a_year_later_and_not_the_next():
    assert carries_forward_to(day("2025-03-10"), day("2025-03-10"))
    assert carries_forward_to(day("2025-03-10"), day("2026-03-10"))
    assert not carries_forward_to(day("2025-03-10"), day("2026-03-11"))
    assert not carries_forward_to(day("2025-03-10"), day("2025-03-09"))


FLAGGED_ON = datetime.date(2026, 1, 5)


# docs/clinical/red-flags.md, version 3: the window of each flag defined by one.
@pytest.mark.parametrize(
    "rule_id, answers, days",
    [
        ("recent_fracture", {"recent_fracture": True}, 56),
        ("recent_surgery", {"recent_surgery": True}, 42),
        ("recent_clot", {"blood_clot_recent": True}, 91),
        ("recent_heart_attack_or_stroke", {"heart_attack_or_stroke_recent": True}, 91),
    ],
)
def test_a_time_window_flag_holds_until_its_window_has_passed(alice_client, rule_id, answers, days):
    make_submitted_intake(alice_client, answers, on_date=FLAGGED_ON)
    make_submitted_intake(alice_client, {}, on_date=FLAGGED_ON + timedelta(days=days - 1))
    assert rule_id in [held.id for held in care_status(alice_client).held]

    make_submitted_intake(alice_client, {}, on_date=FLAGGED_ON + timedelta(days=days))
    care = care_status(alice_client)
    assert rule_id not in [held.id for held in care.held]
    [lapsed] = care.lapsed
    assert (lapsed.id, lapsed.window_days) == (rule_id, days)
    assert lapsed.lapsed_on == FLAGGED_ON + timedelta(days=days)


THUNDERCLAP = (
    'A new, sudden, severe headache unlike any before ("thunderclap") can mean bleeding in '
    "the brain or a tear in a neck artery"
)


def test_after_a_cleared_thunderclap_headache_every_note_says_no_neck_work(alice_client):
    make_submitted_intake(alice_client, {"sudden_severe_headache": True}, on_date=FLAGGED_ON)
    clearance_record(
        client=alice_client,
        recorded_by=alice_client.therapist,
        outcome=Clearance.Outcome.GRANTED,
        received_on=FLAGGED_ON + timedelta(days=2),
        physician_name="Dr. Helen Park",
    )

    care = care_status(alice_client)
    assert not care.needs_clearance
    assert care.neck_restrictions == [
        f"No neck work: a neck or head emergency flag of 5 January 2026 ({THUNDERCLAP}); "
        "no physician's clearance allows neck work."
    ]
    assert neck_emergency_reasons(care) == [
        f"{THUNDERCLAP}. Do not massage; the client needs emergency care today, "
        "flagged on 5 January 2026"
    ]


def test_what_holds_a_client_and_since_when_in_words(alice_client):
    intake = make_submitted_intake(alice_client, {"saddle_numbness": None}, on_date=FLAGGED_ON)

    care = care_status(alice_client)
    screening = care.screening
    assert (care.hold, care.hold_label) == ("incomplete", "Incomplete — ask in person")
    assert care.hold_since == screening.created_at
    assert care.in_person_intake_id == intake.pk
    assert care.tier_label == "Incomplete — ask in person"
    assert care.blocking_reasons == [] and not care.is_emergency

    make_submitted_intake(alice_client, {"chest_pain": True}, on_date=FLAGGED_ON)
    care = care_status(alice_client)
    assert (care.hold, care.hold_label, care.tier_label) == ("emergency", "Emergency", "Emergency")
    assert care.is_emergency and care.in_person_intake_id is None
    [reason] = care.blocking_reasons
    assert reason.startswith("Pain, pressure or tightness in the chest")


def test_a_client_with_nothing_held_has_no_hold_in_words(alice_client):
    make_submitted_intake(alice_client, {}, on_date=FLAGGED_ON)

    care = care_status(alice_client)
    assert (care.hold, care.hold_label, care.hold_since) == ("", "", None)
    assert care.tier_label == "Clear" and care.physician_restrictions == ""
    assert care.in_person_intake_id is None


def test_the_physicians_restrictions_come_first_on_every_note(alice_client):
    make_submitted_intake(alice_client, {"cancer_treatment_now": True}, on_date=FLAGGED_ON)
    clearance_record(
        client=alice_client,
        recorded_by=alice_client.therapist,
        outcome=Clearance.Outcome.RESTRICTED,
        restrictions="  No prone lying.  ",
        received_on=FLAGGED_ON + timedelta(days=2),
        physician_name="Dr. Helen Park",
    )

    care = care_status(alice_client)
    assert care.physician_restrictions == "No prone lying."
    assert care.restrictions[0] == "Physician's restrictions: No prone lying."
    assert care.restrictions[1:] == [
        "No deep pressure without the oncologist's clearance (cancer treatment)."
    ]


def test_each_restriction_is_shown_once_and_a_flag_without_one_adds_none(alice_client):
    # Blood thinners and a bleeding disorder fire one rule; chest pain restricts nothing.
    make_submitted_intake(
        alice_client,
        {"chest_pain": True, "anticoagulants": True, "bleeding_disorder": True},
        on_date=FLAGGED_ON,
    )

    care = care_status(alice_client)
    assert care.caution_restrictions == (
        "No deep tissue or forceful pressure (anticoagulants or bleeding disorder).",
    )
    assert care.excluded_ids == {
        "deep_pressure": [
            "No deep tissue or forceful pressure (anticoagulants or bleeding disorder)."
        ]
    }


def _granted(client, received_on, **answer):
    return clearance_record(
        client=client,
        recorded_by=client.therapist,
        outcome=Clearance.Outcome.GRANTED,
        received_on=received_on,
        physician_name="Dr. Helen Park",
        **answer,
    )


# docs/clinical/enforcement.md: the refer flags of a stable, known condition.
@pytest.mark.parametrize(
    "rule_id, answers",
    [
        ("heart_or_kidney_failure", {"heart_or_kidney_failure": True}),
        ("uncontrolled_blood_pressure", {"blood_pressure_uncontrolled": True}),
        ("exertional_arm_jaw_pain", {"arm_jaw_pain_on_exertion": True}),
        ("cervical_myelopathy", {"hands_numb_or_clumsy_both": True}),
        ("back_deformity", {"back_lump_or_deformity": True}),
        ("cancer_treatment", {"cancer_treatment_now": True}),
        ("high_risk_pregnancy", {"pregnancy_high_risk": True}),
    ],
)
def test_a_clearance_carries_forward_to_the_same_stable_condition_next_time(
    alice_client, rule_id, answers
):
    make_submitted_intake(alice_client, answers, on_date=FLAGGED_ON)
    _granted(alice_client, FLAGGED_ON + timedelta(days=2))
    make_submitted_intake(alice_client, answers, on_date=FLAGGED_ON + timedelta(days=30))

    care = care_status(alice_client)
    assert not care.needs_clearance
    assert [carried.id for carried in care.carried] == [rule_id]


def test_a_new_event_needs_a_new_clearance_each_time(alice_client):
    make_submitted_intake(alice_client, {"weight_loss_unexplained": True}, on_date=FLAGGED_ON)
    _granted(alice_client, FLAGGED_ON + timedelta(days=2))
    make_submitted_intake(
        alice_client, {"weight_loss_unexplained": True}, on_date=FLAGGED_ON + timedelta(days=30)
    )

    assert [held.id for held in care_status(alice_client).held] == ["weight_loss"]


# docs/clinical/red-flags.md, version 3: the emergency flags of the neck and head.
@pytest.mark.parametrize(
    "rule_id, answers",
    [
        ("thunderclap_headache", {"sudden_severe_headache": True}),
        ("cervical_arterial_signs", {"double_vision": True}),
        ("dizziness_with_neck_signs", {"dizziness_new": True, "unsteady_walking": True}),
        (
            "meningitis",
            {"fever_unwell": True, "pain_areas": ["neck"], "sudden_severe_headache": True},
        ),
    ],
)
def test_after_a_neck_or_head_emergency_the_neck_waits_for_a_clearance_that_allows_it(
    alice_client, rule_id, answers
):
    make_submitted_intake(alice_client, answers, on_date=FLAGGED_ON)
    _granted(alice_client, FLAGGED_ON + timedelta(days=2))
    assert rule_id in [ban.id for ban in care_status(alice_client).neck_ban]

    _granted(alice_client, FLAGGED_ON + timedelta(days=3), allows_neck_work=True)
    assert care_status(alice_client).neck_ban == ()
