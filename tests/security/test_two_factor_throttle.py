"""Wrong codes pause the authenticator app's codes (django-otp doubles the wait after each
one), but anyone with the password can cause that: a recovery code still signs in, and the
practice owner's Unlock lifts the pause."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from audit.models import Event
from clients.models import Therapist
from tests.factories import PASSWORD, make_therapist

VERIFY = "/account/two-factor/verify/"


def code_for(device, offset=0):
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, drift=offset):06d}"


@pytest.fixture
def phone(alice):
    """Alice's confirmed authenticator app and her ten recovery codes."""
    device = TOTPDevice.objects.create(user=alice, name="Authenticator app", confirmed=True)
    static = StaticDevice.objects.create(user=alice, name="Recovery codes", confirmed=True)
    for n in range(10):
        StaticToken.objects.create(device=static, token=f"abcd{n:04d}")
    return device


def password_step(client, username="alice"):
    response = client.post("/login/", {"username": username, "password": PASSWORD})
    assert response.status_code == 302
    return response


def a_night_of_wrong_codes(client, device):
    """What anyone with Alice's password can do: wrong codes, each waiting out the last pause,
    until the next code waits hours. One real wrong code, then the count a night leaves."""
    assert "That code did not work" in client.post(VERIFY, {"code": "000000"}).content.decode()
    TOTPDevice.objects.filter(pk=device.pk).update(throttling_failure_count=15)  # 2**14 s: 4.5 h


def test_the_apps_right_code_waits_out_the_pause(client, phone):
    password_step(client)
    a_night_of_wrong_codes(client, phone)
    page = client.post(VERIFY, {"code": code_for(phone, 1)}).content.decode()
    assert "Too many wrong codes" in page
    assert "use one of your recovery codes" in page
    assert "_auth_user_id" in client.session and client.get("/").status_code == 302


def test_a_recovery_code_signs_in_while_the_apps_codes_are_paused(client, phone):
    password_step(client)
    a_night_of_wrong_codes(client, phone)
    response = client.post(VERIFY, {"code": "abcd0003"})
    assert response.status_code == 302 and response["Location"] == "/"
    assert client.get("/").status_code == 200
    assert not StaticToken.objects.filter(token="abcd0003").exists()


def test_wrong_app_codes_do_not_pause_the_recovery_codes(client, phone):
    password_step(client)
    for _ in range(3):
        client.post(VERIFY, {"code": "123456"})
    static = StaticDevice.objects.get(user=phone.user)
    assert static.throttling_failure_count == 0
    assert client.post(VERIFY, {"code": "abcd0001"}).status_code == 302


@pytest.fixture
def owner(practice):
    user = make_therapist(practice, "olivia", "Olivia", "Grant")
    Therapist.objects.filter(user=user).update(role=Therapist.Role.OWNER)
    return user


def test_the_owners_unlock_lifts_the_pause(client, phone, owner):
    password_step(client)
    a_night_of_wrong_codes(client, phone)
    session = client.cookies["sessionid"].value

    owners = client.__class__()
    owners.force_login(owner)
    row = owners.get(reverse("records:staff")).content.decode()
    row = row.split(f'id="staff-{phone.user.pk}"')[1].split("</tr>")[0]
    assert "Two-factor paused" in row and "Unlock" in row
    owners.post(reverse("records:staff-unlock", args=[phone.user.pk]))
    phone.refresh_from_db()
    assert phone.throttling_failure_count == 0
    assert Event.objects.filter(object_type="auth.user", object_pk=str(phone.user.pk)).exists()

    client.cookies["sessionid"] = session
    response = client.post(VERIFY, {"code": code_for(phone, 1)})
    assert response.status_code == 302 and response["Location"] == "/"


def test_the_unlock_command_lifts_the_pause_and_the_lockout(client, phone):
    for _ in range(5):
        client.post("/login/", {"username": "alice", "password": "wrong-password-guess"})
    TOTPDevice.objects.filter(pk=phone.pk).update(throttling_failure_count=15)
    out = StringIO()
    call_command("unlock_sign_in", "alice", stdout=out)
    assert "alice" in out.getvalue()
    password_step(client)
    assert client.post(VERIFY, {"code": code_for(phone, 1)}).status_code == 302
