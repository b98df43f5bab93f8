"""The dashboard's 'New intakes to review' panel: most urgent first, tier in colour and words."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from clients.models import Client
from tests.factories import make_submitted_intake

ANSWERS = {
    "clear": {},
    "caution": {"anticoagulants": True},
    "refer": {"cancer_treatment_now": True},
    "emergency": {"saddle_numbness": True},
}


def add_client(therapist, first, last):
    return Client.objects.create(therapist=therapist, first_name=first, last_name=last)


def new_intakes_panel(as_user):
    html = as_user.get(reverse("dashboard:dashboard")).content.decode()
    start = html.index('id="intakes-to-review"')
    return html[start : html.index('id="clients-needing-clearance"')]


def test_emergency_and_refer_intakes_come_first_with_their_tier_in_words(as_alice, alice):
    # Submitted in the least urgent order, so only the tier can put them first.
    for tier, name in (
        ("clear", "Cleo"),
        ("caution", "Cora"),
        ("refer", "Rita"),
        ("emergency", "Emma"),
    ):
        make_submitted_intake(add_client(alice, name, "Test"), ANSWERS[tier])
    panel = new_intakes_panel(as_alice)
    positions = [panel.index(f"{name} Test") for name in ("Emma", "Rita", "Cora", "Cleo")]
    assert positions == sorted(positions)
    for tier, word in (
        ("emergency", "Emergency"),
        ("refer", "Refer to physician"),
        ("caution", "Caution"),
        ("clear", "Clear"),
    ):
        assert f'<span class="badge tier-badge tier-{tier}">{word}</span>' in panel


def test_within_a_tier_the_longest_waiting_comes_first(as_alice, alice):
    first = make_submitted_intake(add_client(alice, "Early", "Caution"), ANSWERS["caution"])
    make_submitted_intake(add_client(alice, "Late", "Caution"), ANSWERS["caution"])
    assert first.submitted_at
    panel = new_intakes_panel(as_alice)
    assert panel.index("Early Caution") < panel.index("Late Caution")


def test_each_new_intake_links_to_its_review(as_alice, alice_client):
    intake = make_submitted_intake(alice_client, ANSWERS["refer"])
    panel = new_intakes_panel(as_alice)
    assert f'href="{reverse("intake:intake-review", args=[intake.pk])}">Zoë Núñez</a>' in panel


def test_reviewed_unsubmitted_and_other_therapists_intakes_are_not_listed(as_alice, alice, bob):
    from intake.services import intake_link_create

    make_submitted_intake(add_client(alice, "Reviewed", "Already"), {}, reviewed=True)
    intake_link_create(therapist=alice, client=add_client(alice, "Open", "Link"))
    make_submitted_intake(add_client(bob, "Bobs", "Client"), ANSWERS["emergency"])
    panel = new_intakes_panel(as_alice)
    assert "No new intakes waiting for review." in panel
    for name in ("Reviewed Already", "Open Link", "Bobs Client"):
        assert name not in panel


def test_the_dashboard_makes_the_same_number_of_queries_for_many_intakes(as_alice, alice):
    def count_queries():
        with CaptureQueriesContext(connection) as queries:
            as_alice.get(reverse("dashboard:dashboard"))
        return len(queries)

    for index, tier in enumerate(ANSWERS):
        make_submitted_intake(add_client(alice, f"A{index}", "Few"), ANSWERS[tier])
    few = count_queries()
    for index in range(12):
        tier = list(ANSWERS)[index % 4]
        make_submitted_intake(add_client(alice, f"B{index}", "Many"), ANSWERS[tier])
    assert count_queries() == few


@pytest.mark.slow
def test_seed_demo_gives_intakes_of_every_tier_once(db, client):
    from django.contrib.auth import get_user_model
    from django.core.management import call_command

    from intake.models import Intake

    call_command("seed_demo", password="demo-pass-123")
    first = Intake.objects.count()
    call_command("seed_demo", password="demo-pass-123")
    assert Intake.objects.count() == first

    demo = get_user_model().objects.get(username="demo")
    mine = Intake.objects.filter(therapist=demo)
    tiers = {intake.screening.tier for intake in mine.submitted()}
    assert tiers == {"emergency", "refer", "incomplete", "caution", "clear"}
    assert mine.filter(reviewed_at__isnull=False).exists()
    assert [intake for intake in mine.filter(submitted_at__isnull=True) if intake.is_open]
    whitfield = mine.get(client__last_name="Whitfield")
    assert whitfield.screening.tier == "caution"
    assert whitfield.screening.flags[0]["id"] == "anticoagulation"

    client.force_login(demo)
    panel = new_intakes_panel(client)
    assert panel.index("Emergency</span>") < panel.index("Caution</span>")


def test_each_intake_shows_its_most_urgent_reason_naming_the_medicine(as_alice, alice):
    client = add_client(alice, "Eli", "Quist")
    # Eliquis in the client's words, and "no" to the blood thinner question.
    make_submitted_intake(client, {"anticoagulants": False, "medications": "Eliquis 5 mg"})
    make_submitted_intake(add_client(alice, "Cleo", "Test"), {})
    panel = new_intakes_panel(as_alice)
    eli = panel[panel.index("Eli Quist") :]
    assert "tier-caution" in panel
    assert "Eliquis (apixaban)" in eli[: eli.index("</li>")]
    cleo = panel[panel.index("Cleo Test") :]
    assert "intake-queue-reason" not in cleo[: cleo.index("</li>")]


def test_an_intake_without_a_screening_comes_after_every_screened_one(as_alice, alice):
    # The urgency is read inside the screening's subquery; a missing screening still sorts
    # as the least urgent, not first (NULL) nor dropped.
    unscreened = make_submitted_intake(add_client(alice, "Nora", "Unscreened"), {})
    unscreened.screenings.all().delete()
    make_submitted_intake(add_client(alice, "Cleo", "Clear"), ANSWERS["clear"])
    make_submitted_intake(add_client(alice, "Rita", "Refer"), ANSWERS["refer"])
    panel = new_intakes_panel(as_alice)
    positions = [panel.index(name) for name in ("Rita Refer", "Cleo Clear", "Nora Unscreened")]
    assert positions == sorted(positions)
