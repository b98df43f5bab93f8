"""The practice owner's Staff page: the practice's logins, adding one (who chooses their own
password from an emailed link), and changing a role, deactivating, unlocking a locked
sign-in and resetting two-factor. Everyone else gets a 404."""

import re

import pytest
from axes.models import AccessAttempt
from django.contrib.auth import get_user_model
from django.core import mail
from django.test import override_settings
from django.urls import reverse
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from audit.models import Event
from clients.models import Therapist
from tests.factories import PASSWORD, PracticeFactory, make_therapist

User = get_user_model()
NEW_PASSWORD = "a-long-new-password-42"


def _make(practice, username, first, last, role):
    user = make_therapist(practice, username, first, last)
    Therapist.objects.filter(user=user).update(role=role)
    return user


@pytest.fixture
def owner(practice):
    return _make(practice, "olivia", "Olivia", "Grant", Therapist.Role.OWNER)


@pytest.fixture
def as_owner(client, owner):
    client.force_login(owner)
    return client


@pytest.fixture
def elsewhere(db):
    other = PracticeFactory(name="Elsewhere")
    return _make(other, "oscar", "Oscar", "Far", Therapist.Role.OWNER)


def _add(client, **overrides):
    data = {
        "first_name": "Nina",
        "last_name": "Park",
        "username": "nina",
        "email": "nina@example.com",
        "role": Therapist.Role.FRONT_DESK,
        "designation": "",
        "licence_number": "",
        **overrides,
    }
    return client.post(reverse("records:staff-create"), data)


def _sign_in(client, username, password):
    return client.post(reverse("login"), {"username": username, "password": password})


def test_the_owner_lists_the_staff_of_her_practice_only(as_owner, owner, alice, bob, elsewhere):
    TOTPDevice.objects.create(user=alice, name="phone", confirmed=True)
    page = as_owner.get(reverse("records:staff")).content.decode()
    for user in (owner, alice, bob):
        assert f'id="staff-{user.pk}"' in page
        assert user.username in page
    assert "oscar" not in page
    assert "Oscar" not in page
    alice_row = page.split(f'id="staff-{alice.pk}"')[1].split("</tr>")[0]
    assert "Therapist" in alice_row
    assert "RMT" in alice_row
    assert "Active" in alice_row
    assert "Set up" in alice_row
    bob_row = page.split(f'id="staff-{bob.pk}"')[1].split("</tr>")[0]
    assert "Not set up" in bob_row


def test_the_nav_shows_staff_to_the_owner_only(as_owner, client, alice):
    staff_url = reverse("records:staff")
    assert f'href="{staff_url}"' in as_owner.get(reverse("dashboard:dashboard")).content.decode()
    client.force_login(alice)
    assert staff_url not in client.get(reverse("dashboard:dashboard")).content.decode()


@override_settings(SITE_URL="https://intake.example.org")
def test_adding_a_staff_member_emails_them_a_link_to_choose_their_password(as_owner, owner, client):
    response = _add(
        as_owner, role=Therapist.Role.THERAPIST, designation="LMT", licence_number="L-9"
    )
    assert response.status_code == 200  # the page with her two-factor enrolment link
    assert "Two-factor enrolment link for Nina Park" in response.content.decode()

    user = User.objects.get(username="nina")
    assert (user.first_name, user.last_name, user.email) == ("Nina", "Park", "nina@example.com")
    assert not user.has_usable_password()
    profile = user.therapist
    assert profile.practice == owner.therapist.practice
    assert (profile.role, profile.designation, profile.licence_number) == (
        Therapist.Role.THERAPIST,
        "LMT",
        "L-9",
    )
    assert Event.objects.filter(action=Event.Action.CREATE, object_type="auth.user").filter(
        object_pk=str(user.pk), username="olivia"
    )

    assert len(mail.outbox) == 2  # the password link, then the two-factor enrolment link
    message = mail.outbox[0]
    assert message.to == ["nina@example.com"]
    assert "nina" in message.body
    link = re.search(r"https://intake\.example\.org(/account/reset/\S+/)", message.body)
    assert link, message.body
    enrolment = re.search(r"/account/two-factor/enrol/\S+/", mail.outbox[1].body).group()
    assert mail.outbox[1].to == ["nina@example.com"]
    assert enrolment in response.content.decode()  # shown to the owner once, to hand over

    # The link lets her choose a password, and she signs in with it.
    client.logout()
    response = client.get(link.group(1), follow=True)
    form_url = response.redirect_chain[-1][0]
    response = client.post(form_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    assert response.status_code == 302
    assert _sign_in(client, "nina", NEW_PASSWORD).status_code == 302


def test_a_taken_username_is_refused_by_the_field_keeping_what_was_typed(as_owner, alice):
    response = _add(as_owner, username="Alice", first_name="Alicia", email="alicia@example.com")
    assert response.status_code == 200
    form = response.context["form"]
    assert "username" in form.errors
    assert "is taken" in form.errors["username"][0]
    page = response.content.decode()
    assert "is taken" in page
    assert 'value="Alicia"' in page
    assert 'value="alicia@example.com"' in page
    assert User.objects.filter(username__iexact="alice").count() == 1
    assert not mail.outbox


def test_missing_fields_are_marked_and_nothing_is_saved(as_owner):
    response = _add(as_owner, email="not-an-email", last_name="")
    assert response.status_code == 200
    assert set(response.context["form"].errors) == {"email", "last_name"}
    assert not User.objects.filter(username="nina").exists()


def test_the_owner_changes_a_role(as_owner, alice):
    response = as_owner.post(
        reverse("records:staff-role", args=[alice.pk]), {"role": Therapist.Role.FRONT_DESK}
    )
    assert response.status_code == 302
    alice.therapist.refresh_from_db()
    assert alice.therapist.role == Therapist.Role.FRONT_DESK
    page = as_owner.get(response["Location"]).content.decode()
    assert "Alice Moreau is now Front desk." in page
    event = (
        Event.objects.filter(object_type="clients.therapist", action=Event.Action.CHANGE)
        .order_by("pk")
        .last()
    )
    assert event.changes == {"role": ["therapist", "front_desk"]}
    assert event.username == "olivia"


def test_the_owner_cannot_change_her_own_role_or_deactivate_herself(as_owner, owner):
    response = as_owner.post(
        reverse("records:staff-role", args=[owner.pk]), {"role": Therapist.Role.THERAPIST}
    )
    assert "cannot change your own role" in as_owner.get(response["Location"]).content.decode()
    response = as_owner.post(reverse("records:staff-deactivate", args=[owner.pk]))
    assert "cannot deactivate your own" in as_owner.get(response["Location"]).content.decode()
    owner.refresh_from_db()
    assert owner.is_active
    assert owner.therapist.role == Therapist.Role.OWNER


def test_the_owner_deactivates_and_reactivates(as_owner, client, alice):
    as_owner.post(reverse("records:staff-deactivate", args=[alice.pk]))
    alice.refresh_from_db()
    assert not alice.is_active
    event = (
        Event.objects.filter(object_type="auth.user", object_pk=str(alice.pk)).order_by("pk").last()
    )
    assert event.changes == {"is_active": [True, False]}
    page = as_owner.get(reverse("records:staff")).content.decode()
    assert "Deactivated" in page

    response = as_owner.post(reverse("records:staff-reactivate", args=[alice.pk]))
    assert "can sign in again" in as_owner.get(response["Location"]).content.decode()
    alice.refresh_from_db()
    assert alice.is_active


def test_a_deactivated_staff_member_cannot_sign_in(as_owner, alice, client):
    as_owner.post(reverse("records:staff-deactivate", args=[alice.pk]))
    as_owner.logout()
    assert _sign_in(client, "alice", PASSWORD).status_code == 200


def test_the_owner_unlocks_a_locked_sign_in(client, owner, alice):
    for _ in range(5):
        _sign_in(client, "alice", "wrong-password-guess")
    assert _sign_in(client, "alice", PASSWORD).status_code == 429

    client.force_login(owner)
    page = client.get(reverse("records:staff")).content.decode()
    alice_row = page.split(f'id="staff-{alice.pk}"')[1].split("</tr>")[0]
    assert "Locked out" in alice_row
    response = client.post(reverse("records:staff-unlock", args=[alice.pk]))
    assert "unlocked" in client.get(response["Location"]).content.decode()
    assert not AccessAttempt.objects.filter(username="alice").exists()
    assert Event.objects.filter(
        object_type="auth.user", object_pk=str(alice.pk), username="olivia"
    ).order_by("pk").last().changes == {"sign-in lockout": ["locked", "unlocked"]}

    client.logout()
    assert _sign_in(client, "alice", PASSWORD).status_code == 302


def test_the_owner_resets_a_lost_phones_two_factor(as_owner, alice, bob):
    TOTPDevice.objects.create(user=alice, name="phone", confirmed=True)
    codes = StaticDevice.objects.create(user=alice, name="backup", confirmed=True)
    codes.token_set.create(token="abcd1234")
    TOTPDevice.objects.create(user=bob, name="phone", confirmed=True)

    response = as_owner.post(reverse("records:staff-two-factor-reset", args=[alice.pk]))
    assert "two-factor is reset" in response.content.decode()
    assert "/account/two-factor/enrol/" in response.content.decode()  # her new link
    assert not TOTPDevice.objects.filter(user=alice).exists()
    assert not StaticDevice.objects.filter(user=alice).exists()
    assert TOTPDevice.objects.filter(user=bob).exists()
    removed = Event.objects.filter(action="2fa_reset", object_pk=str(alice.pk)).order_by("pk")
    assert [(e.username, e.changes) for e in removed] == [
        ("olivia", {"two-factor": ["phone", None]}),
        ("olivia", {"two-factor": ["backup", None]}),
    ]
    events = Event.objects.filter(object_type="auth.user", object_pk=str(alice.pk)).order_by("pk")
    assert events.last().changes == {"two-factor enrolment link": [None, "issued"]}


def test_a_new_link_goes_to_someone_who_has_not_chosen_a_password(as_owner, alice):
    _add(as_owner)
    nina = User.objects.get(username="nina")
    mail.outbox.clear()
    as_owner.post(reverse("records:staff-invite", args=[nina.pk]))
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["nina@example.com"]
    # Alice has a password: she uses "Forgot your password?" herself.
    as_owner.post(reverse("records:staff-invite", args=[alice.pk]))
    assert len(mail.outbox) == 1


def test_a_lockout_from_several_addresses_shows_as_locked_out(client, owner, alice):
    # axes locks a username on its failures from every address together.
    for address in ("198.51.100.1", "198.51.100.1", "198.51.100.1", "203.0.113.2", "203.0.113.2"):
        client.post(
            reverse("login"),
            {"username": "alice", "password": "wrong-password-guess"},
            REMOTE_ADDR=address,
        )
    assert _sign_in(client, "alice", PASSWORD).status_code == 429
    client.force_login(owner)
    page = client.get(reverse("records:staff")).content.decode()
    alice_row = page.split(f'id="staff-{alice.pk}"')[1].split("</tr>")[0]
    assert "Locked out" in alice_row and "Unlock" in alice_row


ACTIONS = [
    "records:staff-role",
    "records:staff-deactivate",
    "records:staff-reactivate",
    "records:staff-unlock",
    "records:staff-two-factor-reset",
    "records:staff-enrolment-link",
    "records:staff-invite",
]


@pytest.mark.parametrize("name", ACTIONS)
def test_another_practices_staff_is_out_of_reach(as_owner, elsewhere, name):
    response = as_owner.post(reverse(name, args=[elsewhere.pk]), {"role": "therapist"})
    assert response.status_code == 404
    elsewhere.refresh_from_db()
    assert elsewhere.is_active
    assert elsewhere.therapist.role == Therapist.Role.OWNER


@pytest.mark.parametrize("role", [Therapist.Role.THERAPIST, Therapist.Role.FRONT_DESK])
def test_non_owners_get_a_404(client, practice, alice, role):
    user = _make(practice, "someone", "Some", "One", role)
    client.force_login(user)
    assert client.get(reverse("records:staff")).status_code == 404
    assert _add(client).status_code == 404
    for name in ACTIONS:
        assert client.post(reverse(name, args=[alice.pk]), {"role": "owner"}).status_code == 404
    assert not User.objects.filter(username="nina").exists()
    assert Therapist.objects.get(user=user).role == role


def test_another_practices_owner_sees_only_her_own_staff(client, elsewhere, alice):
    client.force_login(elsewhere)
    page = client.get(reverse("records:staff")).content.decode()
    assert "oscar" in page
    assert "alice" not in page
    _add(client)
    assert User.objects.get(username="nina").therapist.practice == elsewhere.therapist.practice
