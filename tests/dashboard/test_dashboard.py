from django.urls import reverse


def test_dashboard_shows_every_panel_even_when_empty(as_alice):
    html = as_alice.get(reverse("dashboard:dashboard")).content.decode()
    for heading in (
        "New intakes to review",
        "Clients who need a physician's clearance",
        "Today's appointments",
        "Outstanding referral letters",
        "Your clients",
    ):
        assert heading in html
    assert "No clients yet." in html


def test_dashboard_lists_the_therapists_own_clients(as_alice, alice_client):
    html = as_alice.get(reverse("dashboard:dashboard")).content.decode()
    assert "Zoë Núñez" in html
    assert "All 1 client" in html


def test_header_shows_the_practice_name(as_alice):
    html = as_alice.get(reverse("dashboard:dashboard")).content.decode()
    assert "Harbour Massage Clinic" in html


def test_a_therapist_moved_to_the_front_desk_has_no_clinical_list_of_their_clients(
    alice, alice_client
):
    """Issue 18: the panels chose "clients whose therapist is this login" and never asked
    the role; a demoted therapist still is her clients' therapist. The selectors ask."""
    from django.contrib.auth import get_user_model

    from clients.models import Therapist
    from dashboard.selectors import LISTS, dashboard_panels
    from tests.practice_day import practice_day

    practice_day(alice, alice_client)
    panels = dashboard_panels(alice)
    assert panels["intakes_to_review"] and panels["todays_sessions"]
    assert panels["outstanding_referrals"] and panels["unfinished_referrals"]

    Therapist.objects.filter(user=alice).update(role=Therapist.Role.FRONT_DESK)
    alice = get_user_model().objects.get(pk=alice.pk)  # the next request's user
    panels = dashboard_panels(alice)
    for name in (
        "recent_clients",
        "intakes_to_review",
        "clients_needing_clearance",
        "todays_sessions",
        "outstanding_referrals",
        "unfinished_referrals",
    ):
        assert not panels[name], name
    assert panels["client_count"] == 0
    assert panels["outstanding_referrals"].total == panels["unfinished_referrals"].total == 0
    for _heading, rows in LISTS.values():
        assert not list(rows(alice))
