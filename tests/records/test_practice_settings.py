"""The owner's Practice settings page: the letterhead, paper size, time zone and record
retention, audited; errors next to their field with nothing typed lost and nothing saved."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from audit.models import Event
from clients.models import Practice, Therapist
from clients.services import practice_update
from tests.factories import make_therapist

URL = reverse("records:practice-settings")


@pytest.fixture
def owner(practice):
    user = make_therapist(practice, "olga", "Olga", "Owner")
    Therapist.objects.filter(user=user).update(role=Therapist.Role.OWNER)
    return user


@pytest.fixture
def as_owner(client, owner):
    client.force_login(owner)
    return client


def settings_data(**overrides):
    return {
        "name": "Quayside Massage",
        "address": "1 Quay Street\nPort Town",
        "phone": "+1 555 010 9999",
        "email": "hello@quayside.example",
        "website": "https://quayside.example",
        "letter_page_size": "letter",
        "time_zone": "America/Toronto",
        "record_retention_years": "7",
        **overrides,
    }


def test_the_owner_changes_every_setting_and_the_change_is_audited(as_owner, practice, owner):
    page = as_owner.get(URL)
    assert page.status_code == 200
    assert "Practice settings" in page.content.decode()
    assert Event.objects.filter(object_repr__contains="Practice settings").exists()
    response = as_owner.post(URL, settings_data())
    assert response.status_code == 302
    practice.refresh_from_db()
    assert practice.name == "Quayside Massage"
    assert practice.address_line == "1 Quay Street, Port Town"
    assert practice.letter_page_size == Practice.PageSize.LETTER
    assert practice.time_zone == "America/Toronto"
    assert practice.record_retention_years == 7
    change = Event.objects.get(
        action=Event.Action.CHANGE, object_type="clients.practice", user_pk=owner.pk
    )
    assert change.changes["letter_page_size"] == ["A4", "letter"]
    assert change.changes["time_zone"][1] == "America/Toronto"


def test_a_time_zone_is_found_whatever_its_case(as_owner, practice):
    as_owner.post(URL, settings_data(time_zone=" europe/london "))
    practice.refresh_from_db()
    assert practice.time_zone == "Europe/London"


@pytest.mark.parametrize(
    "field, value, message",
    [
        ("time_zone", "Mars/Olympus_Mons", "Not a time zone we know"),
        ("record_retention_years", "101", "less than or equal to 100"),
        ("email", "not-an-email", "valid email"),
        ("name", "", "This field is required"),
    ],
)
def test_a_bad_value_is_refused_next_to_its_field_keeping_what_was_typed(
    as_owner, practice, field, value, message
):
    before = Practice.objects.get(pk=practice.pk)
    response = as_owner.post(URL, settings_data(**{field: value}))
    assert response.status_code == 400
    html = response.content.decode()
    assert message in html
    assert f'id="error_1_id_{field}"' in html  # crispy's error, under the field
    assert "Nothing has been saved yet" in html
    assert "Quayside Massage" in html or field == "name"  # what was typed is still there
    assert "1 Quay Street" in html
    after = Practice.objects.get(pk=practice.pk)
    assert (after.name, after.time_zone, after.letter_page_size) == (
        before.name,
        before.time_zone,
        before.letter_page_size,
    )


def test_the_service_refuses_an_unknown_time_zone_and_saves_nothing(practice):
    with pytest.raises(ValidationError):
        practice_update(practice=practice, details={"name": "New", "time_zone": "Nowhere/Zone"})
    practice.refresh_from_db()
    assert practice.name != "New"
    with pytest.raises(ValueError):
        practice_update(practice=practice, details={"created_at": None})


@pytest.mark.parametrize("role", [Therapist.Role.THERAPIST, Therapist.Role.FRONT_DESK])
def test_only_the_owner_reaches_the_settings(client, alice, practice, role):
    Therapist.objects.filter(user=alice).update(role=role)
    client.force_login(alice)
    assert client.get(URL).status_code == 404
    assert client.post(URL, settings_data()).status_code == 404
    practice.refresh_from_db()
    assert practice.name != "Quayside Massage"
    assert URL not in client.get(reverse("clients:client-list")).content.decode()


def test_the_owner_s_menu_links_to_the_settings(as_owner):
    assert URL in as_owner.get(reverse("clients:client-list")).content.decode()
