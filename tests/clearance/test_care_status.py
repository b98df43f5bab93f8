"""A client whose latest screening is emergency or refer needs a physician's clearance: an
alert on their page and a line in the dashboard panel, until a clearance lifts it."""

import datetime

import pytest
from django.urls import reverse

from clearance.models import Clearance
from clearance.services import clearance_record
from clearance.status import care_status, clients_needing_clearance
from clients.models import Client
from tests.factories import make_submitted_intake

EMERGENCY = {"saddle_numbness": True}
REFER = {"cancer_treatment_now": True}
CAUTION = {"anticoagulants": True}


def record_clearance(client, outcome, restrictions=""):
    return clearance_record(
        client=client,
        outcome=outcome,
        restrictions=restrictions,
        physician_name="Dr. Helen Park",
        received_on=datetime.date(2026, 11, 20),
        recorded_by=client.therapist,
    )


def clearance_panel(as_user):
    html = as_user.get(reverse("dashboard:dashboard")).content.decode()
    start = html.index('id="clients-needing-clearance"')
    return html[start : html.index('id="todays-sessions"')]


def client_page(as_user, client):
    return as_user.get(client.get_absolute_url()).content.decode()


@pytest.mark.parametrize(
    "answers,badge",
    [
        (EMERGENCY, '<span class="badge tier-badge tier-emergency">Emergency</span>'),
        (REFER, '<span class="badge tier-badge tier-refer">Refer to physician</span>'),
    ],
)
def test_emergency_or_refer_marks_the_client_as_needing_clearance(
    as_alice, alice_client, answers, badge
):
    make_submitted_intake(alice_client, answers)
    page = client_page(as_alice, alice_client)
    assert "Needs a physician's clearance before massage." in page
    assert badge in page
    panel = clearance_panel(as_alice)
    assert "Zoë Núñez" in panel
    assert badge in panel


def test_emergency_alert_says_do_not_massage_and_seek_care_today(as_alice, alice_client):
    make_submitted_intake(alice_client, EMERGENCY)
    page = client_page(as_alice, alice_client)
    assert "Do not massage. The client was advised to seek care today." in page


def test_caution_and_clear_do_not_need_clearance(as_alice, alice_client, alice):
    make_submitted_intake(alice_client, CAUTION)
    other = Client.objects.create(therapist=alice, first_name="Clara", last_name="Clear")
    make_submitted_intake(other, {})
    assert "Needs a physician" not in client_page(as_alice, alice_client)
    assert "No client is waiting for a physician's clearance." in clearance_panel(as_alice)


@pytest.mark.parametrize(
    "outcome,restrictions",
    [(Clearance.Outcome.GRANTED, ""), (Clearance.Outcome.RESTRICTED, "No prone position.")],
)
def test_a_granted_clearance_lifts_the_mark(as_alice, alice_client, outcome, restrictions):
    make_submitted_intake(alice_client, REFER)
    record_clearance(alice_client, outcome, restrictions)
    page = client_page(as_alice, alice_client)
    assert "Needs a physician" not in page
    assert "Zoë Núñez" not in clearance_panel(as_alice)
    if restrictions:
        assert "No prone position." in page


def test_a_declined_clearance_keeps_the_mark(as_alice, alice_client):
    make_submitted_intake(alice_client, REFER)
    record_clearance(alice_client, Clearance.Outcome.DECLINED)
    page = client_page(as_alice, alice_client)
    assert "Needs a physician's clearance before massage." in page
    assert "Not cleared" in page
    panel = clearance_panel(as_alice)
    assert "Zoë Núñez" in panel
    assert "physician did not clear massage" in panel


def test_a_new_refer_intake_after_a_clearance_needs_clearance_again(as_alice, alice_client):
    make_submitted_intake(alice_client, REFER)
    record_clearance(alice_client, Clearance.Outcome.GRANTED)
    make_submitted_intake(alice_client, EMERGENCY)
    assert "Zoë Núñez" in clearance_panel(as_alice)


def test_archived_and_other_therapists_clients_are_not_in_the_panel(as_alice, alice_client, bob):
    make_submitted_intake(alice_client, REFER)
    alice_client.archived_at = alice_client.created_at
    alice_client.save()
    bobs = Client.objects.create(therapist=bob, first_name="Bobs", last_name="Client")
    make_submitted_intake(bobs, EMERGENCY)
    panel = clearance_panel(as_alice)
    assert "Zoë Núñez" not in panel and "Bobs Client" not in panel


def test_the_panel_lists_the_clients_whose_history_holds_them(alice):
    """The dashboard reads the hold the services store on each client (Client.care_hold),
    worked out by care_status from the whole history: a refer flag answered no later still
    holds; the same refer flag after a clearance is carried forward."""

    def client(name):
        return Client.objects.create(therapist=alice, first_name=name, last_name="Case")

    cases = {}
    cases["none"] = client("NoIntake")
    cases["clear"] = client("Clear")
    make_submitted_intake(cases["clear"], {})
    cases["refer"] = client("Refer")
    make_submitted_intake(cases["refer"], REFER)
    cases["refer_then_clear"] = client("ReferThenClear")
    make_submitted_intake(cases["refer_then_clear"], REFER)
    make_submitted_intake(cases["refer_then_clear"], {})
    cases["clear_then_emergency"] = client("ClearThenEmergency")
    make_submitted_intake(cases["clear_then_emergency"], {})
    make_submitted_intake(cases["clear_then_emergency"], EMERGENCY)
    cases["granted"] = client("Granted")
    make_submitted_intake(cases["granted"], REFER)
    record_clearance(cases["granted"], Clearance.Outcome.GRANTED)
    cases["declined"] = client("Declined")
    make_submitted_intake(cases["declined"], EMERGENCY)
    record_clearance(cases["declined"], Clearance.Outcome.DECLINED)
    cases["declined_then_granted"] = client("DeclinedThenGranted")
    make_submitted_intake(cases["declined_then_granted"], REFER)
    record_clearance(cases["declined_then_granted"], Clearance.Outcome.DECLINED)
    record_clearance(cases["declined_then_granted"], Clearance.Outcome.GRANTED)
    cases["granted_then_declined"] = client("GrantedThenDeclined")
    make_submitted_intake(cases["granted_then_declined"], REFER)
    record_clearance(cases["granted_then_declined"], Clearance.Outcome.GRANTED)
    record_clearance(cases["granted_then_declined"], Clearance.Outcome.DECLINED)
    cases["granted_before_new_refer"] = client("GrantedBeforeNewRefer")
    make_submitted_intake(cases["granted_before_new_refer"], REFER)
    record_clearance(cases["granted_before_new_refer"], Clearance.Outcome.GRANTED)
    make_submitted_intake(cases["granted_before_new_refer"], REFER)

    listed = {c.pk for c in clients_needing_clearance(Client.objects.for_therapist(alice).active())}
    for case in cases.values():
        case.refresh_from_db()
        assert case.care_hold == care_status(case).hold, case.first_name
    assert {c.first_name for c in cases.values() if c.pk in listed} == {
        "Refer",
        "ReferThenClear",
        "ClearThenEmergency",
        "Declined",
        "GrantedThenDeclined",
    }


def test_the_record_keeps_the_latest_screening_the_panel_reads(alice_client):
    """intake_submit copies the latest original screening onto the client's record; a
    rescreen leaves it; deleting that intake brings the one before back."""
    from intake.services import intake_rescreen

    first = make_submitted_intake(alice_client, REFER)
    latest = make_submitted_intake(alice_client, {})
    alice_client.refresh_from_db()
    screening = latest.screenings.get()
    assert (alice_client.screening_tier, alice_client.screened_at) == (
        "clear",
        screening.created_at,
    )
    assert alice_client.screening_submitted_at == latest.submitted_at

    intake_rescreen(intake=first, by=alice_client.therapist)
    alice_client.refresh_from_db()
    assert alice_client.screening_tier == "clear"

    latest.delete()
    alice_client.refresh_from_db()
    assert alice_client.screening_tier == "refer"
    assert alice_client.screening_submitted_at == first.submitted_at
    assert care_status(alice_client).needs_clearance
    active = Client.objects.for_therapist(alice_client.therapist).active()
    assert list(clients_needing_clearance(active)) == [alice_client]

    first.delete()
    alice_client.refresh_from_db()
    assert (alice_client.screening_tier, alice_client.screened_at) == ("", None)
    assert list(clients_needing_clearance(active)) == []


def test_client_page_lists_the_intakes_with_tier_and_review_link(as_alice, alice_client):
    reviewed = make_submitted_intake(alice_client, CAUTION, reviewed=True)
    new = make_submitted_intake(alice_client, REFER)
    page = client_page(as_alice, alice_client)
    section = page[page.index('id="client-intakes"') :]
    for intake in (reviewed, new):
        assert reverse("intake:intake-review", args=[intake.pk]) in section
    assert 'tier-caution">Caution</span>' in section
    assert 'tier-refer">Refer to physician</span>' in section
    assert "not reviewed yet" in section


def test_it_checks_ownership(as_bob, alice_client):
    make_submitted_intake(alice_client, EMERGENCY)
    assert as_bob.get(alice_client.get_absolute_url()).status_code == 404
    assert "Zoë Núñez" not in clearance_panel(as_bob)


def test_client_page_lists_the_cautions_every_session_must_respect(as_alice, alice_client):
    make_submitted_intake(alice_client, {"anticoagulants": True, "allergies_oils_latex": True})
    html = as_alice.get(reverse("dashboard:client-detail", args=[alice_client.pk])).content.decode()
    assert "they apply to every session" in html
    assert "No deep tissue or forceful pressure" in html
    assert "Needs a physician&#x27;s clearance" not in html
