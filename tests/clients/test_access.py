"""Client records are health data: staff log in, and each therapist sees only their own."""

import pytest
from django.urls import reverse

from clients.models import Client

CLIENT_URLS = [
    ("dashboard:client-detail", "get"),
    ("clients:client-update", "get"),
    ("clients:client-update", "post"),
    ("dashboard:client-archive", "post"),
    ("dashboard:client-restore", "post"),
]
PAGES_WITHOUT_ARGS = ["dashboard:dashboard", "clients:client-list", "clients:client-create"]


@pytest.mark.parametrize("name", PAGES_WITHOUT_ARGS)
def test_anonymous_visitor_is_sent_to_login(client, db, name):
    url = reverse(name)
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('login')}?next={url}"


@pytest.mark.parametrize(("name", "method"), CLIENT_URLS)
def test_anonymous_visitor_cannot_open_a_client(client, alice_client, name, method):
    response = getattr(client, method)(reverse(name, args=[alice_client.pk]))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize(("name", "method"), CLIENT_URLS)
def test_it_checks_ownership(as_bob, alice_client, name, method):
    response = getattr(as_bob, method)(
        reverse(name, args=[alice_client.pk]), {"first_name": "Hijacked", "last_name": "X"}
    )
    assert response.status_code == 404
    assert "Núñez" not in response.content.decode()
    alice_client.refresh_from_db()
    assert alice_client.first_name == "Zoë"
    assert alice_client.archived_at is None


def test_other_therapists_clients_are_not_listed_or_found(as_bob, alice_client):
    listing = as_bob.get(reverse("clients:client-list"))
    found = as_bob.get(reverse("clients:client-list"), {"q": "Núñez"})
    dashboard = as_bob.get(reverse("dashboard:dashboard"))
    detail_url = reverse("dashboard:client-detail", args=[alice_client.pk])
    for response in (listing, found, dashboard):
        assert response.status_code == 200
        assert detail_url not in response.content.decode()
        assert "Zoë" not in response.content.decode()
    assert list(found.context["page"].object_list) == []


def test_owner_sees_their_client(as_alice, alice_client):
    response = as_alice.get(reverse("dashboard:client-detail", args=[alice_client.pk]))
    assert response.status_code == 200
    assert "Zoë Núñez" in response.content.decode()
    assert "Dr. Helen Park" in response.content.decode()


def test_new_client_belongs_to_the_therapist_who_added_it(as_bob, alice):
    response = as_bob.post(
        reverse("clients:client-create"), {"first_name": "Ravi", "last_name": "Patel"}
    )
    assert response.status_code == 302
    ravi = Client.objects.get(last_name="Patel")
    assert ravi.therapist.username == "bob"


def test_login_page_logs_a_therapist_in(client, alice):
    response = client.post(
        reverse("login"), {"username": "alice", "password": "correct-horse-battery"}, follow=True
    )
    assert response.redirect_chain[-1][0] == reverse("dashboard:dashboard")
    assert "New intakes to review" in response.content.decode()


def test_wrong_password_is_refused_with_a_message(client, alice):
    response = client.post(reverse("login"), {"username": "alice", "password": "nope"})
    assert response.status_code == 200
    assert "Please enter a correct username and password" in response.content.decode()
    assert "_auth_user_id" not in client.session
