"""A flag holds until it is cleared, over the client's whole history
(docs/clinical/red-flags.md, version 3, "Enforcement"): later intakes do not erase it, except a
time-window flag past its window; a clearance covers the flags it was given for and carries
forward to the same refer flag for 12 months; an emergency needs a new clearance every time.

Every screening goes through intake_submit and every clearance through clearance_record, as
the pages do; the status is read from clearance.status and from the hold stored on the client.
"""

import datetime
import html

import pytest
from django.core.exceptions import ValidationError

from clearance.models import Clearance
from clearance.services import clearance_record
from clearance.status import care_status, carries_forward_to, months_after
from notes import services as notes
from tests.factories import make_submitted_intake

EMERGENCY = {"saddle_numbness": True}
REFER = {"cancer_treatment_now": True}
OTHER_REFER = {"heart_or_kidney_failure": True}
FRACTURE = {"recent_fracture": True}


def day(text):
    return datetime.date.fromisoformat(text)


def clear(client, received_on, outcome=Clearance.Outcome.GRANTED, **answer):
    return clearance_record(
        client=client,
        recorded_by=client.therapist,
        outcome=outcome,
        received_on=received_on,
        physician_name="Dr. Helen Park",
        **answer,
    )


def screen_on(client, answers, on_date):
    return make_submitted_intake(client, answers, on_date=day(on_date))


def held_ids(client):
    return [held.id for held in care_status(client).held]


def client_page(as_user, client):
    return html.unescape(as_user.get(client.get_absolute_url()).content.decode())


def stored_hold(client):
    client.refresh_from_db()
    return client.care_hold


def test_later_clear_intake_keeps_the_uncleared_emergency(alice_client):
    first = screen_on(alice_client, EMERGENCY, "2026-05-03")
    screen_on(alice_client, {}, "2026-06-10")

    care = care_status(alice_client)
    assert care.screening.tier == "clear"
    assert care.needs_clearance and care.hold == "emergency"
    [held] = care.held
    assert (held.id, held.flagged_on, held.previous) == ("saddle_numbness", day("2026-05-03"), True)
    assert held.screening.intake_id == first.pk
    assert stored_hold(alice_client) == "emergency"
    with pytest.raises(notes.ClearanceNeeded):
        notes.note_create(client=alice_client, therapist=alice_client.therapist, data={})


def test_the_client_page_says_previously_flagged_and_not_yet_cleared(as_alice, alice_client):
    screen_on(alice_client, EMERGENCY, "2026-05-03")
    screen_on(alice_client, {}, "2026-06-10")

    page = client_page(as_alice, alice_client)

    assert "Needs a physician's clearance before massage." in page
    assert "Previously flagged on 3 May 2026: New numbness" in page
    assert "; not yet cleared." in page


def test_a_clearance_recorded_after_the_flag_lifts_it(alice_client):
    screen_on(alice_client, EMERGENCY, "2026-05-03")
    clearance = clear(alice_client, day("2026-05-20"))

    assert clearance.flag_ids == ["saddle_numbness"]
    assert not care_status(alice_client).needs_clearance
    assert stored_hold(alice_client) == ""


def test_declined_clearance_keeps_the_block(alice_client):
    screen_on(alice_client, REFER, "2026-05-03")
    declined = clear(alice_client, day("2026-05-20"), outcome=Clearance.Outcome.DECLINED)

    care = care_status(alice_client)
    assert held_ids(alice_client) == ["cancer_treatment"]
    assert care.held[0].clearance == declined
    assert stored_hold(alice_client) == "refer"
    with pytest.raises(notes.ClearanceNeeded):
        notes.note_create(client=alice_client, therapist=alice_client.therapist, data={})


def test_a_declined_answer_after_a_grant_holds_again(alice_client):
    screen_on(alice_client, REFER, "2026-05-03")
    clear(alice_client, day("2026-05-20"))
    clear(alice_client, day("2026-05-27"), outcome=Clearance.Outcome.DECLINED)

    assert held_ids(alice_client) == ["cancer_treatment"]


def test_time_window_flag_holds_within_its_window(alice_client):
    screen_on(alice_client, FRACTURE, "2026-01-01")
    screen_on(alice_client, {}, "2026-02-25")  # day 55 of the 8 weeks

    care = care_status(alice_client)
    assert held_ids(alice_client) == ["recent_fracture"]
    assert care.lapsed == ()
    assert stored_hold(alice_client) == "refer"


def test_time_window_flag_lapses_after_its_window_when_answered_no(as_alice, alice_client):
    screen_on(alice_client, FRACTURE, "2026-01-01")
    screen_on(alice_client, {}, "2026-02-26")  # 56 days: the window has passed

    care = care_status(alice_client)
    assert not care.needs_clearance
    [lapsed] = care.lapsed
    assert (lapsed.id, lapsed.lapsed_on) == ("recent_fracture", day("2026-02-26"))
    assert stored_hold(alice_client) == ""
    page = client_page(as_alice, alice_client)
    assert "Lapsed: A bone broken in the last 8 weeks" in page
    assert "The intake of 26 February 2026, after its 56-day window, no longer reports it." in page


def test_time_window_flag_holds_when_its_question_is_left_unanswered(alice_client):
    screen_on(alice_client, FRACTURE, "2026-01-01")
    screen_on(alice_client, {"recent_fracture": None}, "2026-04-01")

    assert held_ids(alice_client) == ["recent_fracture"]


def test_a_flag_without_a_time_window_never_lapses(alice_client):
    screen_on(alice_client, REFER, "2025-01-01")
    screen_on(alice_client, {}, "2026-06-01")

    assert held_ids(alice_client) == ["cancer_treatment"]


def test_clearance_carries_forward_for_the_same_refer_flag_for_12_months(as_alice, alice_client):
    screen_on(alice_client, REFER, "2025-03-01")
    clearance = clear(alice_client, day("2025-03-10"))
    screen_on(alice_client, REFER, "2026-03-10")  # 12 calendar months, to the day

    care = care_status(alice_client)
    assert not care.needs_clearance
    [carried] = care.carried
    assert (carried.id, carried.clearance) == ("cancer_treatment", clearance)
    assert stored_hold(alice_client) == ""
    page = client_page(as_alice, alice_client)
    assert "covered by the clearance of 10 March 2025 (Dr. Helen Park)" in page


def test_a_clearance_does_not_carry_forward_a_day_after_12_months(alice_client):
    screen_on(alice_client, REFER, "2025-03-01")
    clear(alice_client, day("2025-03-10"))
    screen_on(alice_client, REFER, "2026-03-11")

    care = care_status(alice_client)
    assert [held.id for held in care.held] == ["cancer_treatment"]
    assert care.carried == ()
    assert stored_hold(alice_client) == "refer"


def test_twelve_calendar_months_count_both_days_and_shorten_at_month_end():
    assert carries_forward_to(day("2025-03-10"), day("2026-03-10"))
    assert not carries_forward_to(day("2025-03-10"), day("2026-03-11"))
    assert months_after(day("2024-02-29"), 12) == day("2025-02-28")
    assert not carries_forward_to(day("2025-03-10"), day("2025-03-09"))


def test_new_refer_flag_needs_a_new_clearance(alice_client):
    screen_on(alice_client, REFER, "2026-03-01")
    clear(alice_client, day("2026-03-10"))
    screen_on(alice_client, {**REFER, **OTHER_REFER}, "2026-05-01")

    care = care_status(alice_client)
    assert [held.id for held in care.held] == ["heart_or_kidney_failure"]
    assert [carried.id for carried in care.carried] == ["cancer_treatment"]
    # The next clearance is given for the new flag only.
    assert clear(alice_client, day("2026-05-08")).flag_ids == ["heart_or_kidney_failure"]
    assert not care_status(alice_client).needs_clearance


@pytest.mark.parametrize(
    "event",
    [
        {"weight_loss_unexplained": True},
        {"fever_unwell": True, "pain_areas": ["lower_back_left"]},
        {"unexplained_lump": True},
        {"arm_weakness_worsening": True},
    ],
)
def test_a_new_event_needs_a_new_clearance_even_with_the_same_flag(alice_client, event):
    # A second fever or a new lump is a new look, not the same stable condition.
    screen_on(alice_client, event, "2026-03-01")
    clear(alice_client, day("2026-03-10"))
    screen_on(alice_client, event, "2026-05-01")

    care = care_status(alice_client)
    assert care.needs_clearance
    assert care.carried == ()


def test_emergency_never_carries_forward(alice_client):
    screen_on(alice_client, EMERGENCY, "2026-03-01")
    clear(alice_client, day("2026-03-10"))
    screen_on(alice_client, EMERGENCY, "2026-05-01")

    care = care_status(alice_client)
    assert [held.id for held in care.held] == ["saddle_numbness"]
    assert care.carried == ()
    assert stored_hold(alice_client) == "emergency"


def test_a_clearance_covers_only_the_flags_it_was_given_for(alice_client):
    screen_on(alice_client, REFER, "2026-03-01")
    clear(alice_client, day("2026-03-10"))
    # A flag the clearance was not given for, raised by a later intake, holds.
    screen_on(alice_client, OTHER_REFER, "2026-04-01")
    assert held_ids(alice_client) == ["heart_or_kidney_failure"]


def test_a_clearance_recorded_before_flags_were_named_covers_every_flag_before_it(alice_client):
    screen_on(alice_client, {**REFER, **EMERGENCY}, "2026-03-01")
    # As recorded by an older version: no flag ids.
    Clearance.objects.create(
        client=alice_client,
        outcome=Clearance.Outcome.GRANTED,
        received_on=day("2026-03-10"),
        recorded_by=alice_client.therapist,
    )
    assert not care_status(alice_client).needs_clearance
    screen_on(alice_client, EMERGENCY, "2026-04-01")
    assert held_ids(alice_client) == ["saddle_numbness"]


def test_neck_work_cannot_be_allowed_without_a_neck_or_head_flag(alice_client):
    screen_on(alice_client, REFER, "2026-03-01")
    with pytest.raises(ValidationError) as refused:
        clear(alice_client, day("2026-03-10"), allows_neck_work=True)
    assert "allows_neck_work" in refused.value.message_dict


def test_the_panel_is_refreshed_by_every_service_that_changes_the_history(alice_client):
    screen_on(alice_client, {"chest_pain": None}, "2026-03-01")
    assert stored_hold(alice_client) == "incomplete"
    screen_on(alice_client, REFER, "2026-04-01")
    assert stored_hold(alice_client) == "refer"
    clear(alice_client, day("2026-04-10"))
    assert stored_hold(alice_client) == ""


def test_a_physicians_not_cleared_holds_a_time_window_flag_past_its_window(alice_client):
    screen_on(alice_client, FRACTURE, "2026-01-01")
    clear(alice_client, day("2026-01-10"), outcome=Clearance.Outcome.DECLINED)
    screen_on(alice_client, {}, "2026-03-01")  # past the 8 weeks, answered no

    care = care_status(alice_client)
    assert held_ids(alice_client) == ["recent_fracture"]
    assert care.lapsed == ()
