import datetime

from django.urls import reverse
from django.utils import timezone

from clients.models import Client

GOOD = {
    "first_name": "  Ana   Maria ",
    "last_name": "Silva",
    "date_of_birth": "1987-11-11",
    "email": "ana@example.com",
    "phone": "+1 555 020 3007",
    "physician_name": "Dr. Lucía Fernández",
    "consent_contact_physician": "on",
    "conditions": "Migraine",
}


def test_adding_a_client_saves_it_and_shows_their_record(as_alice, alice):
    response = as_alice.post(reverse("clients:client-create"), GOOD, follow=True)
    ana = Client.objects.get(last_name="Silva")
    assert ana.first_name == "Ana Maria"  # spaces tidied
    assert ana.date_of_birth == datetime.date(1987, 11, 11)
    assert ana.consent_contact_physician is True
    assert response.redirect_chain[-1][0] == reverse("dashboard:client-detail", args=[ana.pk])
    assert "Ana Maria Silva was added." in response.content.decode()


def test_bad_input_is_shown_by_the_field_and_keeps_what_was_typed(as_alice):
    bad = {
        **GOOD,
        "last_name": "",
        "email": "ana-at-example",
        "phone": "12",
        "date_of_birth": "2999-01-01",
    }
    response = as_alice.post(reverse("clients:client-create"), bad)
    assert response.status_code == 200
    form = response.context["form"]
    assert form.errors["last_name"] == ["This field is required."]
    assert form.errors["email"] == ["Enter a valid email address."]
    assert "6 to 15 digits" in form.errors["phone"][0]
    assert form.errors["date_of_birth"] == ["The date of birth cannot be in the future."]
    html = response.content.decode()
    assert 'value="ana-at-example"' in html
    assert 'value="Dr. Lucía Fernández"' in html
    assert "Migraine</textarea>" in html
    assert 'id="error_1_id_email"' in html  # the message sits with its field
    assert not Client.objects.exists()


def test_an_impossible_date_is_refused_not_a_server_error(as_alice):
    response = as_alice.post(
        reverse("clients:client-create"), {**GOOD, "date_of_birth": "1987-02-30"}
    )
    assert response.status_code == 200
    assert response.context["form"].errors["date_of_birth"] == ["Enter a valid date."]


def test_editing_a_client_changes_only_that_client(as_alice, alice_client, alice):
    other = Client.objects.create(therapist=alice, first_name="Tom", last_name="Other")
    data = {**GOOD, "first_name": "Zoë", "last_name": "Núñez-García"}
    response = as_alice.post(reverse("clients:client-update", args=[alice_client.pk]), data)
    assert response.status_code == 302
    alice_client.refresh_from_db()
    other.refresh_from_db()
    assert alice_client.last_name == "Núñez-García"
    assert other.last_name == "Other"


def test_a_failed_edit_saves_nothing(as_alice, alice_client):
    data = {**GOOD, "first_name": "Changed", "email": "broken"}
    response = as_alice.post(reverse("clients:client-update", args=[alice_client.pk]), data)
    assert response.status_code == 200
    alice_client.refresh_from_db()
    assert alice_client.first_name == "Zoë"


def test_archiving_keeps_the_record_and_can_be_undone(as_alice, alice_client):
    as_alice.post(reverse("dashboard:client-archive", args=[alice_client.pk]))
    alice_client.refresh_from_db()
    assert alice_client.archived_at is not None
    assert alice_client.archived_at <= timezone.now()
    page = as_alice.get(reverse("dashboard:client-detail", args=[alice_client.pk]))
    assert "Archived" in page.content.decode()
    as_alice.post(reverse("dashboard:client-restore", args=[alice_client.pk]))
    alice_client.refresh_from_db()
    assert alice_client.archived_at is None


def test_archive_needs_a_post(as_alice, alice_client):
    response = as_alice.get(reverse("dashboard:client-archive", args=[alice_client.pk]))
    assert response.status_code == 405
    alice_client.refresh_from_db()
    assert alice_client.archived_at is None
