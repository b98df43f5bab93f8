"""Each kind of event, by role, as the owner reads it in the audit log."""

import pytest
from django.test import override_settings
from django.urls import reverse

from audit.models import Event
from clients.models import Therapist
from tests.factories import (
    make_submitted_intake,
    make_therapist,
    note_form_data,
    pass_two_factor,
)


@pytest.fixture
def olivia(practice):
    user = make_therapist(practice, "olivia", "Olivia", "Grant")
    Therapist.objects.filter(user=user).update(role=Therapist.Role.OWNER)
    return user


@pytest.fixture
def frank(practice):
    user = make_therapist(practice, "frank", "Frank", "Desk", designation="")
    Therapist.objects.filter(user=user).update(role=Therapist.Role.FRONT_DESK)
    return user


def last(action, **filters):
    return Event.objects.filter(action=action, **filters).order_by("-pk").first()


def test_opening_a_client_page_is_recorded_with_who_and_where(as_alice, alice_client):
    as_alice.get(reverse("dashboard:client-detail", args=[alice_client.pk]), REMOTE_ADDR="10.1.2.3")
    event = last("view", object_type="clients.client")
    assert event.username == "alice"
    assert event.ip_address == "10.1.2.3"
    assert event.client_pk == alice_client.pk
    assert event.object_repr == f"Client #{alice_client.pk}"  # no name in the trail


@override_settings(BEHIND_PROXY=True)
def test_behind_the_proxy_the_address_is_the_one_the_proxy_saw(as_alice, alice_client):
    as_alice.get(
        reverse("dashboard:client-detail", args=[alice_client.pk]),
        REMOTE_ADDR="127.0.0.1",
        HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.9",
    )
    assert last("view").ip_address == "203.0.113.9"


def test_the_owner_viewing_another_therapists_client_is_recorded(client, olivia, alice_client):
    client.force_login(olivia)
    assert client.get(reverse("dashboard:client-detail", args=[alice_client.pk])).status_code == 200
    assert last("view", client_pk=alice_client.pk).username == "olivia"


def test_a_change_records_the_old_and_new_values(as_alice, alice_client):
    url = reverse("clients:client-update", args=[alice_client.pk])
    data = {
        "first_name": "Zoë",
        "last_name": "Núñez",
        "email": "zoe.nunez@example.com",
        "phone": "+1 (555) 010-2030",
        "medications": "Ibuprofen",
        "physician_name": "Dr. Helen Park",
        "physician_practice": "Riverside Family Practice",
        "date_of_birth": "1986-03-14",
    }
    as_alice.post(url, data)
    event = last("change", object_type="clients.client")
    assert event.username == "alice"
    assert event.changes["medications"] == ["", "Ibuprofen"]
    assert "first_name" not in event.changes


def test_the_front_desk_changing_a_phone_number_is_recorded(client, frank, alice_client):
    client.force_login(frank)
    url = reverse("clients:client-update", args=[alice_client.pk])
    page = client.get(url).content.decode()
    assert "Medications" not in page and "Private notes" not in page
    client.post(
        url,
        {"first_name": "Zoë", "last_name": "Núñez", "phone": "+1 555 010 7777"},
    )
    event = last("change", object_type="clients.client")
    assert event.username == "frank"
    assert event.changes["phone"] == ["+1 (555) 010-2030", "+1 555 010 7777"]


def test_writing_and_signing_a_note_are_recorded(as_alice, alice_client, complaint_map):
    make_submitted_intake(alice_client, {})
    as_alice.post(reverse("notes:note-create", args=[alice_client.pk]), note_form_data())
    created = last("create", object_type="notes.sessionnote")
    assert created.username == "alice" and created.client_pk == alice_client.pk
    as_alice.post(reverse("notes:note-sign", args=[created.object_pk]))
    signed = last("sign", object_type="notes.sessionnote")
    assert signed.object_pk == created.object_pk
    assert signed.changes["signed_at"][0] is None


def test_downloading_a_letter_pdf_is_recorded(as_alice, final):
    as_alice.get(reverse("referrals:letter-pdf", args=[final.pk]))
    event = last("pdf")
    assert event.object_type == "referrals.referralletter"
    assert event.client_pk == final.client_id


def test_printing_a_handout_is_recorded(as_alice, note):
    as_alice.get(reverse("notes:handout-pdf", args=[note.pk]))
    assert last("pdf").object_pk == str(note.pk)


def test_deleting_a_draft_letter_is_recorded(as_alice, draft):
    as_alice.post(reverse("referrals:letter-delete", args=[draft.pk]))
    event = last("delete", object_type="referrals.referralletter")
    assert event.object_pk == str(draft.pk) and event.username == "alice"


def test_reading_an_intake_review_is_recorded(as_alice, alice_client):
    from tests.factories import make_submitted_intake

    intake = make_submitted_intake(alice_client, {"pain_now": 3})
    as_alice.get(reverse("intake:intake-review", args=[intake.pk]))
    assert last("view", object_type="intake.intake").object_pk == str(intake.pk)


def test_the_front_desk_opening_a_note_is_refused_and_nothing_is_recorded(client, frank, note):
    client.force_login(frank)
    assert client.get(reverse("notes:note-detail", args=[note.pk])).status_code == 404
    assert not Event.objects.filter(action="view", username="frank").exists()


def test_an_admin_change_is_recorded_as_done_in_the_admin(client, alice_client, django_user_model):
    admin = django_user_model.objects.create_superuser("root", "root@example.com", "x" * 12)
    client.force_login(admin)
    pass_two_factor(client, admin)
    url = reverse("admin:clients_client_change", args=[alice_client.pk])
    page = client.get(url)
    assert page.status_code == 200
    form = page.context["adminform"].form
    data = {name: form[name].value() or "" for name in form.fields}
    data.update(therapist=alice_client.therapist_id, allergies="Latex")
    data = {k: v for k, v in data.items() if v is not False}
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    event = last("change", object_type="clients.client")
    assert event.username == "root" and event.via_admin
    assert event.changes["allergies"] == ["", "Latex"]
