"""What every staff page costs before it does anything: the session, the user with their
staff profile and practice (one query, accounts.backends.StaffBackend), the two-factor
device (its id read with the user: accounts.middleware.OTPMiddleware). The session is written
only when it needs renewing (accounts.sessions)."""

import re

from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.factories import pass_two_factor


def tables_read(captured):
    """The table each query reads from (its own FROM, not a subquery's in its columns)."""
    tables = []
    for query in captured:
        sql = query["sql"]
        while re.search(r"\([^()]*\)", sql):  # parentheses, innermost first
            sql = re.sub(r"\([^()]*\)", "", sql)
        if " FROM " in sql:
            tables.append(sql.split(" FROM ", 1)[1].split()[0])
    return tables


def test_a_staff_page_reads_the_user_with_their_profile_and_practice(as_alice, practice):
    as_alice.get(reverse("clients:client-list"))  # the session's first renewal
    with CaptureQueriesContext(connection) as captured:
        response = as_alice.get(reverse("clients:client-list"))
    assert practice.name in response.content.decode()  # the header's practice name
    read = tables_read(captured)
    assert read.count('"auth_user"') == 1
    assert '"clients_therapist"' not in read  # joined to the user, not read on its own
    assert '"clients_practice"' not in read


def verified_on_a_page(client):
    response = client.get(reverse("clients:client-list"))
    return response.status_code, response.wsgi_request.user.is_verified()


def test_a_session_verified_by_the_users_app_reads_no_device_of_its_own(client, alice):
    client.force_login(alice)
    device = pass_two_factor(client, alice)
    client.get(reverse("clients:client-list"))  # the session's first renewal
    with CaptureQueriesContext(connection) as captured:
        response = client.get(reverse("clients:client-list"))
    assert response.wsgi_request.user.is_verified()
    assert '"otp_totp_totpdevice"' not in tables_read(captured)  # read with the user
    # The device is the user's own, its other fields read when asked for.
    assert response.wsgi_request.user.otp_device == device
    assert response.wsgi_request.user.otp_device.name == device.name


@override_settings(REQUIRE_TWO_FACTOR=True)
def test_a_session_whose_app_was_removed_is_no_longer_verified(client, alice):
    client.force_login(alice)
    device = pass_two_factor(client, alice)
    assert verified_on_a_page(client) == (200, True)
    device.delete()  # the owner reset their two-factor
    response = client.get(reverse("clients:client-list"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:two-factor-setup"))
    assert not response.wsgi_request.user.is_verified()


def test_a_session_whose_app_is_no_longer_confirmed_is_not_verified(client, alice):
    client.force_login(alice)
    device = pass_two_factor(client, alice)
    TOTPDevice.objects.filter(pk=device.pk).update(confirmed=False)
    assert verified_on_a_page(client) == (200, False)  # no confirmed device: not asked either


def test_a_session_holding_someone_elses_app_is_not_verified(client, alice, bob):
    client.force_login(alice)
    pass_two_factor(client, alice)
    bobs = TOTPDevice.objects.create(user=bob, name="Bob's app", confirmed=True)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = bobs.persistent_id
    session.save()
    assert verified_on_a_page(client) == (302, False)  # to the code page


def test_a_session_verified_by_a_second_app_or_a_recovery_code_stays_verified(client, alice):
    """Devices other than the first confirmed app are read as django_otp reads them."""
    client.force_login(alice)
    pass_two_factor(client, alice)
    second = pass_two_factor(client, alice)  # the session now holds the second app
    assert verified_on_a_page(client) == (200, True)
    codes = StaticDevice.objects.create(user=alice, name="Recovery codes", confirmed=True)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = codes.persistent_id
    session.save()
    assert verified_on_a_page(client) == (200, True)
    TOTPDevice.objects.filter(pk=second.pk).delete()
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = second.persistent_id
    session.save()
    assert verified_on_a_page(client) == (302, False)  # to the code page
