"""Setting up two-factor and every removal of it are in the audit trail, wherever they
happen: the enrolment page, the owner's Staff page (tests/records/test_staff.py), the admin."""

from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from audit.models import Event
from tests.factories import pass_two_factor
from tests.security.test_two_factor import enrol


def events(action):
    return list(
        Event.objects.filter(action=action)
        .order_by("pk")
        .values_list("username", "object_pk", "changes", "via_admin")
    )


def test_setting_up_an_authenticator_is_recorded(as_alice, alice):
    as_alice.get("/account/two-factor/")
    assert events("2fa_enrol") == []  # an unconfirmed device is not set up yet
    device, _ = enrol(as_alice)
    assert device.confirmed
    assert events("2fa_enrol") == [
        ("alice", str(alice.pk), {"two-factor": [None, "Authenticator app"]}, False),
        ("alice", str(alice.pk), {"two-factor": [None, "Recovery codes"]}, False),
    ]
    # Signing in with it later saves the device again: not a new enrolment.
    device.verify_token("000000")
    assert len(events("2fa_enrol")) == 2


def test_a_device_deleted_in_the_admin_is_recorded(client, django_user_model, alice):
    root = django_user_model.objects.create_superuser("root", "root@example.com", "x" * 12)
    client.force_login(root)
    pass_two_factor(client, root)
    phone = TOTPDevice.objects.create(user=alice, name="phone", confirmed=True)
    url = reverse("admin:otp_totp_totpdevice_delete", args=[phone.pk])
    assert client.post(url, {"post": "yes"}).status_code == 302
    assert events("2fa_reset") == [("root", str(alice.pk), {"two-factor": ["phone", None]}, True)]


def test_an_unconfirmed_device_abandoned_is_no_removal(alice):
    TOTPDevice.objects.create(user=alice, name="half set up", confirmed=False).delete()
    assert events("2fa_reset") == []
