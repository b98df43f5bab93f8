"""A signed-in user refused a page (a 404 or 403) is in the audit trail: someone else's
client, note, letter or intake by the record it names; any other refusal by its page."""

import pytest
from django.urls import reverse

from audit.models import Event
from clients.models import Therapist
from tests.factories import REFER_ANSWERS, make_submitted_intake, make_therapist


def refusals():
    return list(
        Event.objects.filter(action="refused")
        .order_by("pk")
        .values_list("username", "object_type", "object_repr", "client_pk")
    )


def test_another_therapists_client_page_is_a_recorded_refusal(as_bob, alice_client):
    url = reverse("dashboard:client-detail", args=[alice_client.pk])
    assert as_bob.get(url, REMOTE_ADDR="10.9.8.7").status_code == 404
    assert refusals() == [("bob", "clients.client", f"Client #{alice_client.pk}", alice_client.pk)]
    assert Event.objects.get(action="refused").ip_address == "10.9.8.7"
    assert not Event.objects.filter(action="view", client_pk=alice_client.pk).exists()


def test_another_therapists_note_letter_and_intake_are_recorded_refusals(
    as_bob, note, draft, screened_client
):
    intake, letter = screened_client.intakes.last(), draft
    for url in (
        reverse("notes:note-detail", args=[note.pk]),
        reverse("referrals:letter-detail", args=[letter.pk]),
        reverse("intake:intake-review", args=[intake.pk]),
    ):
        assert as_bob.get(url).status_code == 404, url
    assert [(kind, client) for _, kind, _, client in refusals()] == [
        ("notes.sessionnote", screened_client.pk),
        ("referrals.referralletter", screened_client.pk),
        ("intake.intake", screened_client.pk),
    ]


def test_the_front_desk_opening_an_intakes_answers_is_a_recorded_refusal(
    client, practice, alice_client
):
    intake = make_submitted_intake(alice_client, REFER_ANSWERS)
    frank = make_therapist(practice, "frank", "Frank", "Desk", designation="")
    Therapist.objects.filter(user=frank).update(role=Therapist.Role.FRONT_DESK)
    client.force_login(frank)
    assert client.get(reverse("intake:intake-review", args=[intake.pk])).status_code == 404
    assert client.get(reverse("clients:client-create")).status_code == 403
    assert refusals() == [
        ("frank", "intake.intake", f"Intake #{intake.pk}", alice_client.pk),
        ("frank", "page", "clients:client-create", None),
    ]


def test_a_therapist_asking_for_the_owners_pages_is_a_recorded_refusal(as_bob, alice_client):
    assert as_bob.get(reverse("records:client-export", args=[alice_client.pk])).status_code == 404
    assert as_bob.get(reverse("records:audit-log")).status_code == 404
    assert refusals() == [
        ("bob", "page", "records:client-export", alice_client.pk),
        ("bob", "page", "records:audit-log", None),
    ]
    assert (
        Event.objects.filter(action="refused").order_by("pk")[0].object_pk
        == f"pk={alice_client.pk}"
    )


def test_a_client_that_does_not_exist_is_a_refusal_by_page(as_bob):
    assert as_bob.get(reverse("dashboard:client-detail", args=[987654])).status_code == 404
    assert refusals() == [("bob", "page", "dashboard:client-detail", None)]


@pytest.mark.parametrize("path", ["/no/such/page/", "/static/nothing.css"])
def test_a_path_that_is_no_page_is_not_recorded(as_bob, path):
    assert as_bob.get(path).status_code == 404
    assert refusals() == []


def test_an_intake_links_token_never_reaches_the_trail(as_bob):
    token = "Secret-Token-Value-123"
    assert as_bob.get(f"/intake/f/{token}/").status_code == 404
    for value in Event.objects.values_list():
        assert token not in str(value)


def test_a_visitor_who_is_not_signed_in_is_not_recorded(client, alice_client):
    client.get(reverse("dashboard:client-detail", args=[alice_client.pk]))
    assert refusals() == []
