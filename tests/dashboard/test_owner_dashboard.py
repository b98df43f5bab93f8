"""The owner's dashboard: the whole practice's work (every therapist's), with a filter for
one therapist, in a number of queries that does not grow with the practice."""

import pytest
from django.urls import reverse

from clients.models import Client, Therapist
from tests.dashboard.test_query_counts import fill_practice
from tests.factories import REFER_ANSWERS, make_submitted_intake, make_therapist


@pytest.fixture
def owner(practice):
    user = make_therapist(practice, "olga", "Olga", "Owner")
    Therapist.objects.filter(user=user).update(role=Therapist.Role.OWNER)
    return user


@pytest.fixture
def as_owner(client, owner):
    client.force_login(owner)
    return client


def _referred(therapist, first):
    client = Client.objects.create(
        therapist=therapist, first_name=first, last_name="Client", physician_name="Dr. Park"
    )
    make_submitted_intake(client, REFER_ANSWERS)
    return client


def test_the_owner_s_dashboard_lists_every_therapist_s_work(as_owner, alice, bob):
    _referred(alice, "Alicia")
    _referred(bob, "Bobby")
    html = as_owner.get(reverse("dashboard:dashboard")).content.decode()
    assert "The practice's dashboard" in html
    assert html.count("Alicia Client") >= 2 and html.count("Bobby Client") >= 2  # panels
    assert "All 2 clients" in html
    # Across the practice, each row says whose client it is.
    assert "(Alice Moreau's client)" in html and "(Bob Singh's client)" in html
    # The filter offers every therapist of the practice, the owner too.
    for name in ("Alice Moreau", "Bob Singh", "Olga Owner"):
        assert f">{name}</option>" in html


def test_the_therapist_filter_shows_one_therapist_s_work(as_owner, alice, bob):
    _referred(alice, "Alicia")
    _referred(bob, "Bobby")
    response = as_owner.get(reverse("dashboard:dashboard"), {"therapist": bob.pk})
    html = response.content.decode()
    assert "Bobby Client" in html and "Alicia Client" not in html
    assert f'<option value="{bob.pk}" selected>' in html
    assert "All 1 client" in html
    assert "Bob Singh's client" not in html  # one therapist's: no need to say
    # "Show all" keeps the filter.
    listing = as_owner.get(reverse("dashboard:intakes-to-review"), {"therapist": bob.pk})
    assert "Bobby Client" in listing.content.decode()
    assert "Alicia Client" not in listing.content.decode()
    everyone = as_owner.get(reverse("dashboard:intakes-to-review")).content.decode()
    assert "(Alice Moreau's client)" in everyone and "(Bob Singh's client)" in everyone


def test_a_filter_for_someone_outside_the_practice_shows_the_whole_practice(as_owner, alice, bob):
    from tests.factories import PracticeFactory

    stranger = make_therapist(PracticeFactory(), "zed", "Zed", "Elsewhere")
    _referred(stranger, "Strange")
    _referred(alice, "Alicia")
    for value in (stranger.pk, "nonsense", ""):
        html = as_owner.get(reverse("dashboard:dashboard"), {"therapist": value}).content
        assert b"Alicia Client" in html and b"Strange Client" not in html


def test_a_therapist_s_dashboard_ignores_the_filter(as_alice, alice, bob):
    _referred(alice, "Alicia")
    _referred(bob, "Bobby")
    html = as_alice.get(reverse("dashboard:dashboard"), {"therapist": bob.pk}).content.decode()
    assert "Alicia Client" in html and "Bobby Client" not in html
    assert 'name="therapist"' not in html


def _dashboard_queries(browser, django_assert_max_num_queries, limit, **params):
    with django_assert_max_num_queries(limit) as captured:
        response = browser.get(reverse("dashboard:dashboard"), params)
    assert response.status_code == 200
    return len(captured)


@pytest.mark.slow
@pytest.mark.parametrize("therapist", [None, "alice"])
def test_the_owner_s_dashboard_costs_the_same_queries_at_two_practice_sizes(
    as_owner, alice, bob, django_assert_max_num_queries, therapist
):
    params = {"therapist": alice.pk} if therapist else {}
    fill_practice(alice, 0, 2)
    fill_practice(bob, 0, 2)
    few = _dashboard_queries(as_owner, django_assert_max_num_queries, 40, **params)
    fill_practice(alice, 2, 14)
    fill_practice(bob, 2, 14)
    many = _dashboard_queries(as_owner, django_assert_max_num_queries, few, **params)
    assert many == few, (few, many)
