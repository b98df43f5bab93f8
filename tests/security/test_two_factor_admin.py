"""The admin shows that a user has an authenticator or recovery codes, never the key or codes."""

from base64 import b32encode

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django_otp import devices_for_user
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.factories import pass_two_factor
from tests.security.test_recovery_codes import enrol_and_read_codes


@pytest.fixture
def alices_secrets(as_alice, alice):
    """Alice enrols an authenticator app; what must stay hers: its key and her ten codes."""
    codes = enrol_and_read_codes(as_alice)
    key = TOTPDevice.objects.get(user=alice).key
    as_alice.logout()
    return [key, b32encode(bytes.fromhex(key)).decode().rstrip("="), *codes]


@pytest.fixture
def as_owner(client):
    owner = get_user_model().objects.create_superuser(
        "owner", "owner@harbour.example", "owner-passphrase-2026"
    )
    client.force_login(owner)
    pass_two_factor(client, owner)
    return client


def _admin_url(device, view, *args):
    meta = device._meta
    return reverse(f"admin:{meta.app_label}_{meta.model_name}_{view}", args=args)


def _alices_devices(alice):
    devices = list(devices_for_user(alice))
    assert len(devices) == 2  # the app and the recovery codes
    return devices


def _shows_a_secret(page, secrets):
    page = page.lower()
    return [secret for secret in secrets if secret.lower() in page]


def test_the_device_lists_show_names_but_no_key_or_codes(alices_secrets, as_owner, alice):
    for device in _alices_devices(alice):
        page = as_owner.get(_admin_url(device, "changelist")).content.decode()
        assert device.name in page and "alice" in page
        assert not _shows_a_secret(page, alices_secrets), device
        assert "qrcode" not in page.lower()


def test_a_device_page_shows_name_and_state_but_no_key_or_codes(alices_secrets, as_owner, alice):
    for device in _alices_devices(alice):
        response = as_owner.get(_admin_url(device, "change", device.pk))
        assert response.status_code == 200
        page = response.content.decode()
        assert device.name in page
        assert not _shows_a_secret(page, alices_secrets), device
        assert 'name="key"' not in page and 'name="token' not in page


def test_the_key_cannot_be_read_or_set_through_the_admin(alices_secrets, as_owner, alice):
    app = TOTPDevice.objects.get(user=alice)
    for page in ("config", "qrcode"):  # django-otp's pages with the key and its QR code
        response = as_owner.get(f"/admin/otp_totp/totpdevice/{app.pk}/{page}/", follow=True)
        assert response.redirect_chain[-1][0] == "/admin/"  # the admin's "no such device"
        assert not _shows_a_secret(response.content.decode(), alices_secrets)
    assert as_owner.get("/admin/otp_totp/totpdevice/add/").status_code == 403
    as_owner.post(
        _admin_url(app, "change", app.pk),
        {"user": alice.pk, "name": "phone", "confirmed": "on", "key": "00" * 20},
    )
    app.refresh_from_db()
    assert app.key == alices_secrets[0] and app.name == "Authenticator app"


def test_the_owner_can_still_delete_a_device(alices_secrets, as_owner, alice):
    for device in _alices_devices(alice):
        response = as_owner.post(_admin_url(device, "delete", device.pk), {"post": "yes"})
        assert response.status_code == 302
    assert not list(devices_for_user(alice, confirmed=None))
