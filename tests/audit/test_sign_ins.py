"""Sign-ins, failed sign-ins and sign-outs are in the audit trail, with the address; what a
failed sign-in typed is not."""

from django.urls import reverse

from audit.models import Event
from clients.models import Therapist
from tests.factories import PASSWORD, make_therapist


def sign_in(client, username, password, address="198.51.100.7"):
    return client.post(
        reverse("login"), {"username": username, "password": password}, REMOTE_ADDR=address
    )


def test_a_sign_in_is_recorded_with_who_and_where(client, alice):
    assert sign_in(client, "alice", PASSWORD).status_code == 302
    event = Event.objects.get(action="sign_in")
    assert (event.username, event.ip_address) == ("alice", "198.51.100.7")
    assert (event.object_type, event.object_pk) == ("auth.user", str(alice.pk))


def test_a_wrong_password_is_recorded_against_the_login_it_named(client, alice):
    assert sign_in(client, "alice", "not-her-password").status_code == 200
    event = Event.objects.get(action="sign_in_failed")
    assert event.username == ""  # no one was signed in
    assert (event.object_pk, event.ip_address) == (str(alice.pk), "198.51.100.7")
    assert "not-her-password" not in str(event.changes)


def test_an_unknown_username_is_recorded_without_what_was_typed(client, alice):
    typed = "Correct-Horse-Battery-9"  # a password typed in the username field
    sign_in(client, typed, PASSWORD)
    event = Event.objects.get(action="sign_in_failed")
    assert (event.object_pk, event.object_repr) == ("", "Unknown username")
    for value in Event.objects.values_list():
        assert typed not in str(value)


def test_an_over_long_username_is_recorded_as_unknown(client, alice):
    # Over any username (150), under django-axes' own limit (255, another fix).
    sign_in(client, "alice" * 40, PASSWORD)
    assert Event.objects.get(action="sign_in_failed").object_repr == "Unknown username"


def test_a_sign_out_is_recorded(as_alice, alice):
    as_alice.post(reverse("logout"))
    assert Event.objects.get(action="sign_out").username == "alice"


def test_the_owner_sees_failed_sign_ins_under_the_staff_member(client, practice, alice):
    sign_in(client, "alice", "wrong-password-1")
    owner = make_therapist(practice, "olivia", "Olivia", "Grant")
    Therapist.objects.filter(user=owner).update(role=Therapist.Role.OWNER)
    client.force_login(owner)
    page = client.get(reverse("records:audit-log"), {"user": alice.pk}).content.decode()
    assert "A sign-in as Alice Moreau failed" in page and "198.51.100.7" in page
