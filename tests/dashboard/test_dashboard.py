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
