"""Setting up two-factor needs the practice owner's one-time link, not just the password.

Before, whoever signed in first with the password after a reset (or for a new login) bound
their own authenticator to the account. Now the set-up page shows a code to scan only in a
session that opened a usable link for that login: emailed by the owner's reset or "New
two-factor link", or printed by `manage.py enrolment_link` for the first owner.
"""

import datetime
import io
import re
from unittest import mock

import pytest
from django.core.management import CommandError, call_command
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.enrolment import enrolment_link_create
from accounts.models import EnrolmentLink, hash_token
from audit.models import Event
from clients.models import Therapist
from config.redaction import redact
from tests.factories import PASSWORD, make_therapist, open_enrolment_link
from tests.security.test_two_factor import code_for

ASK = "ask the practice owner for an enrolment link"
LINK = re.compile(r"https?://[^/\s]+(/account/two-factor/enrol/[^/\s\"]+/)")


def later(**delta):
    now = timezone.now() + datetime.timedelta(**delta)
    return mock.patch.object(timezone, "now", return_value=now)


@pytest.fixture
def owner(practice):
    user = make_therapist(practice, "olivia", "Olivia", "Grant")
    Therapist.objects.filter(user=user).update(role=Therapist.Role.OWNER)
    return user


def sign_in(client, username="alice", next=""):
    data = {"username": username, "password": PASSWORD, "next": next}
    return client.post(reverse("login"), data)


def confirm(client):
    """Type the right code on the set-up page that is showing now."""
    device = TOTPDevice.objects.get(user__username="alice", confirmed=False)
    return client.post("/account/two-factor/", {"code": code_for(device)})


def test_without_a_link_the_set_up_page_asks_for_one_and_shows_no_code(as_alice):
    page = as_alice.get("/account/two-factor/").content.decode()
    assert ASK in page
    assert "<svg" not in page and "totp-secret" not in page
    assert not TOTPDevice.objects.exists()


@override_settings(REQUIRE_TWO_FACTOR=True)
def test_the_password_alone_cannot_enrol_a_phone(client, alice):
    sign_in(client)
    response = client.get("/clients/")
    assert response["Location"].startswith("/account/two-factor/?next=")
    assert ASK in client.get(response["Location"]).content.decode()
    client.post("/account/two-factor/", {"code": "123456"})
    assert not TOTPDevice.objects.exists()
    assert client.get("/clients/").status_code == 302  # still held at the set-up page


def test_the_owners_reset_emails_a_link_with_which_the_staff_member_enrols(
    client, owner, alice, mailoutbox
):
    TOTPDevice.objects.create(user=alice, name="lost phone", confirmed=True)
    client.force_login(owner)
    page = client.post(reverse("records:staff-two-factor-reset", args=[alice.pk]))
    assert page.status_code == 200
    assert "two-factor is reset" in page.content.decode()
    [email] = mailoutbox
    assert email.to == [alice.email]
    path = LINK.search(email.body).group(1)
    assert path in page.content.decode()  # shown to the owner once, to hand over
    assert "Harbour Massage Clinic" in email.body
    client.logout()

    # Alice opens the email's link, signs in, scans, confirms.
    opened = client.get(path)
    assert opened["Location"] == "/login/?next=%2Faccount%2Ftwo-factor%2F"
    assert sign_in(client, next="/account/two-factor/")["Location"] == "/account/two-factor/"
    assert "totp-secret" in client.get("/account/two-factor/").content.decode()
    done = confirm(client)
    assert "shown only once" in done.content.decode()
    assert TOTPDevice.objects.get(user=alice).confirmed
    assert EnrolmentLink.objects.get(user=alice).used_at is not None

    changes = [
        (e.username, e.changes)
        for e in Event.objects.filter(
            object_type="auth.user", object_pk=str(alice.pk), action=Event.Action.CHANGE
        ).order_by("pk")
    ]
    assert changes[-2:] == [
        ("olivia", {"two-factor enrolment link": [None, "issued"]}),
        ("alice", {"two-factor": ["off", "on"], "two-factor enrolment link": ["issued", "used"]}),
    ]
    # The lost phone's removal is recorded per device (audit/sign_in.py).
    reset = Event.objects.get(action="2fa_reset", object_pk=str(alice.pk))
    assert (reset.username, reset.changes) == ("olivia", {"two-factor": ["lost phone", None]})


def test_a_link_works_once(client, alice):
    token = open_enrolment_link(client, alice)
    sign_in(client)
    client.get("/account/two-factor/")
    confirm(client)
    client.logout()
    response = client.get(f"/account/two-factor/enrol/{token}/")
    assert response.status_code == 404
    assert "does not work" in response.content.decode()


def test_a_link_stops_working_after_72_hours(client, alice):
    _, token = enrolment_link_create(request=None, user=alice)
    with later(hours=72, seconds=1):
        assert client.get(f"/account/two-factor/enrol/{token}/").status_code == 404


def test_a_link_opened_in_time_but_confirmed_too_late_is_refused(client, alice):
    open_enrolment_link(client, alice)
    sign_in(client)
    client.get("/account/two-factor/")
    # It expires while the page is open (the session itself would end after 30 idle minutes).
    EnrolmentLink.objects.update(expires_at=timezone.now() - datetime.timedelta(seconds=1))
    response = confirm(client)
    assert ASK in response.content.decode()
    assert not TOTPDevice.objects.filter(confirmed=True).exists()


def test_a_newer_link_replaces_the_older_one_and_its_half_set_up_key(client, alice):
    open_enrolment_link(client, alice)
    sign_in(client)
    client.get("/account/two-factor/")
    first_key = TOTPDevice.objects.get(user=alice).key
    _, newer = enrolment_link_create(request=None, user=alice)
    assert ASK in client.get("/account/two-factor/").content.decode()  # the old one is gone
    client.get(f"/account/two-factor/enrol/{newer}/")
    client.get("/account/two-factor/")
    assert TOTPDevice.objects.get(user=alice).key != first_key


def test_a_link_for_someone_else_enrols_no_one(client, alice, bob):
    _, token = enrolment_link_create(request=None, user=alice)
    client.force_login(bob)
    response = client.get(f"/account/two-factor/enrol/{token}/")
    assert response.status_code == 403
    assert ASK in client.get("/account/two-factor/").content.decode()


def test_only_the_links_hash_is_stored_and_logs_never_show_it(alice):
    link, token = enrolment_link_create(request=None, user=alice)
    assert link.token_hash == hash_token(token) != token
    assert token not in str(EnrolmentLink.objects.filter(pk=link.pk).values().get())
    line = f'"GET /account/two-factor/enrol/{token}/ HTTP/1.1" 302'
    assert token not in redact(line)


def test_the_owner_makes_a_new_link_for_someone_without_two_factor(
    client, owner, alice, mailoutbox
):
    client.force_login(owner)
    staff_page = client.get(reverse("records:staff")).content.decode()
    assert "New two-factor link" in staff_page
    first = client.post(reverse("records:staff-enrolment-link", args=[alice.pk]))
    second = client.post(reverse("records:staff-enrolment-link", args=[alice.pk]))
    old, new = (LINK.search(r.content.decode()).group(1) for r in (first, second))
    assert len(mailoutbox) == 2
    assert client.get(old).status_code == 404  # only the newest works
    assert EnrolmentLink.objects.filter(user=alice).count() == 1


def test_a_staff_member_with_two_factor_gets_no_link_without_a_reset(client, owner, alice):
    TOTPDevice.objects.create(user=alice, name="phone", confirmed=True)
    client.force_login(owner)
    client.post(reverse("records:staff-enrolment-link", args=[alice.pk]))
    assert not EnrolmentLink.objects.exists()


def test_the_first_owner_gets_a_link_from_the_shell(client, alice):
    out = io.StringIO()
    call_command("enrolment_link", "alice", stdout=out)
    path = LINK.search(out.getvalue()).group(1)
    client.get(path)
    sign_in(client)
    assert "totp-secret" in client.get("/account/two-factor/").content.decode()
    event = Event.objects.filter(
        object_type="auth.user", object_pk=str(alice.pk), action=Event.Action.CHANGE
    ).first()
    assert event.changes == {"two-factor enrolment link": [None, "issued"]}
    assert event.username == ""  # from the shell
    with pytest.raises(CommandError, match="No login"):
        call_command("enrolment_link", "nobody")
