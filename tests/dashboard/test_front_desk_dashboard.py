"""The front desk's own dashboard: finding a client, links waiting, intakes submitted today
and the practice's appointments today, with nothing clinical and no button it cannot use."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from clients.models import Therapist
from schedule.models import Appointment
from tests.factories import AppointmentTypeFactory, ClientFactory, make_therapist
from tests.intake.questionnaire import make_link
from tests.practice_day import practice_day
from tests.test_access_sweep import PAIN_SCORE, _clinical_words


@pytest.fixture
def desk(practice):
    user = make_therapist(practice, "desk", "Sam", "Rivera", designation="")
    Therapist.objects.filter(user=user).update(role=Therapist.Role.FRONT_DESK)
    return user


@pytest.fixture
def as_desk(client, desk):
    client.force_login(desk)
    return client


def _today_appointment(client, slot=None):
    """Written directly: the booking service refuses the past hour. `slot` n starts it
    n * 75 minutes after midnight (UTC, the practice's zone), apart from the others."""
    start = timezone.now().replace(minute=0, second=0, microsecond=0)
    if slot is not None:
        start = start.replace(hour=0) + datetime.timedelta(minutes=75 * slot)
    return Appointment.objects.create(
        client=client,
        therapist=client.therapist,
        appointment_type=AppointmentTypeFactory(practice=client.therapist.therapist.practice),
        start=start,
        end=start + datetime.timedelta(hours=1),
        blocked_until=start + datetime.timedelta(hours=1),
    )


def test_the_front_desk_has_its_own_dashboard_with_no_button_it_cannot_use(as_desk):
    response = as_desk.get(reverse("dashboard:dashboard"))
    html = response.content.decode()
    assert response.templates[0].name == "dashboard/front_desk.html"
    for heading in (
        "Find a client",
        "Waiting for the client",
        "Intakes submitted today",
        "Today's appointments",
    ):
        assert heading in html
    # Adding a client (or a new client with a link) answers 403 for the desk: not offered.
    assert reverse("clients:client-create") not in html
    assert reverse("intake:link-create") not in html
    assert "No clients yet" not in html
    assert "js/client-search.js" in html and "<script>" not in html


def test_the_front_desk_dashboard_shows_the_practice_s_day_and_links_with_no_clinical_word(
    as_desk, alice, bob, alice_client
):
    day = practice_day(alice, alice_client)  # intakes of every tier submitted today, notes
    bobs = ClientFactory(therapist=bob, first_name="Ines", last_name="Lindholm")
    waiting, _ = make_link(bobs)
    _today_appointment(day.zoe)
    _today_appointment(bobs)
    html = as_desk.get(reverse("dashboard:dashboard")).content.decode()
    # Every therapist's: Bob's client's link waiting, both appointments with their therapist.
    assert "Ines Lindholm" in html and waiting.status_label in html
    assert "with Alice Moreau" in html and "with Bob Singh" in html
    assert "Intake: " in html
    # Intakes submitted today, as names and times, linking to contact details only.
    assert day.emergency_intake.client.full_name in html
    assert reverse("clients:client-update", args=[day.emergency_intake.client_id]) in html
    assert f'"{reverse("dashboard:client-detail", args=[day.zoe.pk])}"' not in html
    assert reverse("notes:note-create", args=[day.zoe.pk]) not in html
    shown = [word for word in _clinical_words() if word in html]
    assert not shown
    assert not PAIN_SCORE.search(html)
    assert "tier-badge" not in html


def test_a_therapist_moved_to_the_front_desk_gets_the_front_desk_s_dashboard(
    client, alice, alice_client
):
    practice_day(alice, alice_client)
    client.force_login(alice)
    assert client.get(reverse("dashboard:dashboard")).templates[0].name == (
        "dashboard/dashboard.html"
    )
    Therapist.objects.filter(user=alice).update(role=Therapist.Role.FRONT_DESK)
    response = client.get(reverse("dashboard:dashboard"))
    assert response.templates[0].name == "dashboard/front_desk.html"
    html = response.content.decode()
    assert not [word for word in _clinical_words() if word in html]


def test_the_client_list_offers_each_client_an_intake_link_for_the_desk(as_desk, alice_client):
    html = as_desk.get(reverse("clients:client-list"), {"q": "Zoë"}).content.decode()
    assert 'id="client-results"' in html
    assert reverse("intake:client-link-create", args=[alice_client.pk]) in html
    assert reverse("clients:client-create") not in html
    # The link page it opens works for the desk (the link is Alice's).
    response = as_desk.get(reverse("intake:client-link-create", args=[alice_client.pk]))
    assert response.status_code == 200


def test_an_archived_client_is_offered_no_link(as_desk, alice_client):
    alice_client.archived_at = timezone.now()
    alice_client.save()
    html = as_desk.get(reverse("clients:client-list"), {"archived": "on"}).content.decode()
    assert "Zoë" in html
    assert reverse("intake:client-link-create", args=[alice_client.pk]) not in html


def test_the_contact_page_sends_and_manages_the_link_for_the_desk(as_desk, alice_client):
    url = reverse("clients:client-update", args=[alice_client.pk])
    link_page = reverse("intake:client-link-create", args=[alice_client.pk])
    assert link_page in as_desk.get(url).content.decode()
    intake, _ = make_link(alice_client)
    html = as_desk.get(link_page).content.decode()
    # The open link's status with Resend and Cancel, on the page the button opens.
    assert reverse("intake:link-resend", args=[intake.pk]) in html
    assert reverse("intake:link-cancel", args=[intake.pk]) in html
    response = as_desk.post(reverse("intake:link-cancel", args=[intake.pk]))
    assert response.status_code == 302
    intake.refresh_from_db()
    assert intake.cancelled_at is not None


def test_the_results_pages_link_to_the_client_list_so_they_work_inside_the_dashboard(
    as_desk, alice
):
    for n in range(26):
        ClientFactory(therapist=alice, first_name=f"Pat{n}", last_name="Nguyen")
    html = as_desk.get(reverse("clients:client-list"), {"q": "nguy"}).content.decode()
    # The dashboard shows this page's #client-results: a bare "?page=2" would be the
    # dashboard's own address.
    assert f'href="{reverse("clients:client-list")}?q=nguy&amp;page=2"' in html


def test_the_front_desk_dashboard_costs_the_same_queries_at_two_practice_sizes(
    as_desk, alice, bob, django_assert_max_num_queries
):
    from tests.dashboard.test_query_counts import fill_practice

    def queries(limit):
        with django_assert_max_num_queries(limit) as captured:
            response = as_desk.get(reverse("dashboard:dashboard"))
        assert response.status_code == 200
        return len(captured)

    def fill(start, count):
        fill_practice(alice, start, count)  # intakes submitted today, among others
        for n in range(start, start + count):
            make_link(ClientFactory(therapist=bob, first_name=f"Wait{n}", last_name="Client"))
            _today_appointment(ClientFactory(therapist=bob, first_name=f"Appt{n}"), slot=n)

    fill(0, 1)
    few = queries(30)
    fill(1, 12)
    assert queries(few) == few
