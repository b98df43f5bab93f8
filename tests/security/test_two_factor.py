"""Two-factor sign-in: enrol an authenticator app, then every sign-in asks for its code."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.test import override_settings
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from tests.factories import PASSWORD, open_enrolment_link, pass_two_factor


def code_for(device, offset=0):
    """The 6-digit code the user's phone shows now (offset in 30-second steps)."""
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, drift=offset):06d}"


def enrol(client):
    """Open an enrolment link, then the enrolment page, and confirm with a right code;
    returns the device and page."""
    open_enrolment_link(client, get_user_model().objects.get(username="alice"))
    client.get("/account/two-factor/")
    device = TOTPDevice.objects.get(user__username="alice", confirmed=False)
    response = client.post("/account/two-factor/", {"code": code_for(device)})
    device.refresh_from_db()
    return device, response


def recovery_codes_on(page):
    """The recovery codes the page shows (only the page after enrolment does)."""
    listing = page.split('aria-label="Recovery codes"')[1].split("</ul>")[0]
    return re.findall(r"<li>\s*([a-z2-7]{8})\s*</li>", listing)


def test_enrolment_shows_a_qr_code_and_the_key(as_alice, alice):
    open_enrolment_link(as_alice, alice)
    page = as_alice.get("/account/two-factor/").content.decode()
    assert "<svg" in page and 'aria-label="QR code for your authenticator app"' in page
    device = TOTPDevice.objects.get(user__username="alice")
    assert not device.confirmed
    assert "otpauth://totp/" in device.config_url
    key = re.search(r'id="totp-secret">([A-Z2-7 ]+)<', page).group(1)
    assert len(key.replace(" ", "")) == 32


def test_a_wrong_code_does_not_turn_it_on(as_alice, alice):
    open_enrolment_link(as_alice, alice)
    as_alice.get("/account/two-factor/")
    response = as_alice.post("/account/two-factor/", {"code": "000000"})
    assert "That code did not match" in response.content.decode()
    assert not TOTPDevice.objects.get(user__username="alice").confirmed


def test_a_right_code_turns_it_on_and_shows_ten_recovery_codes_once(as_alice):
    device, response = enrol(as_alice)
    assert device.confirmed
    page = response.content.decode()
    assert "shown only once" in page
    codes = recovery_codes_on(page)
    assert len(set(codes)) == 10
    later = as_alice.get("/account/two-factor/").content.decode()
    assert "Two-factor sign-in is on" in later
    assert "10 unused recovery codes" in later
    assert not [code for code in codes if code in later]


def sign_in_with_password(client):
    return client.post("/login/", {"username": "alice", "password": PASSWORD})


def test_after_the_password_the_code_is_asked_before_any_page(client, as_alice):
    device, _ = enrol(as_alice)
    client.post("/logout/")
    response = sign_in_with_password(client)
    assert response.status_code == 302
    page = client.get(response["Location"])
    assert page.status_code == 302
    assert page["Location"].startswith("/account/two-factor/verify/")
    # No staff page opens, however it is asked for.
    for path in ("/", "/clients/", "/account/password/", "/admin/"):
        assert client.get(path)["Location"].startswith("/account/two-factor/verify/"), path
    verify = client.get(page["Location"])
    assert "Enter your code" in verify.content.decode()
    wrong = client.post(page["Location"], {"code": "123456"})
    assert "That code did not work" in wrong.content.decode()
    # Straight after a failure even a right code is refused (django-otp's throttling, which
    # doubles the wait after each failure); a moment later it opens the dashboard.
    refused = client.post(page["Location"], {"code": code_for(device, offset=1)})
    assert "That code did not work" in refused.content.decode()
    device.refresh_from_db()
    device.throttle_reset()
    right = client.post(page["Location"], {"code": code_for(device, offset=1)})
    assert right.status_code == 302 and right["Location"] == "/"
    assert client.get("/").status_code == 200


def test_verify_goes_back_to_the_page_asked_for_but_never_off_site(client, as_alice):
    device, _ = enrol(as_alice)
    client.post("/logout/")
    sign_in_with_password(client)
    response = client.post(
        "/account/two-factor/verify/?next=/clients/",
        {"code": code_for(device, 1), "next": "https://evil.example/"},
    )
    assert response["Location"] == "/"


@override_settings(REQUIRE_TWO_FACTOR=True)
@pytest.mark.parametrize("path", ["/", "/clients/", "/clients/new/", "/intake/new/"])
def test_when_required_staff_pages_send_a_user_without_one_to_enrol(as_alice, path):
    response = as_alice.get(path)
    assert response.status_code == 302
    assert response["Location"].startswith("/account/two-factor/?next=")


@override_settings(REQUIRE_TWO_FACTOR=True)
def test_when_required_enrolment_logout_password_and_intake_pages_stay_open(as_alice, alice):
    from tests.intake.questionnaire import make_link

    assert as_alice.get("/account/two-factor/").status_code == 200
    assert as_alice.get("/account/password/").status_code == 200
    from clients.models import Client

    someone = Client.objects.create(therapist=alice, first_name="A", last_name="B")
    _, token = make_link(someone)
    assert as_alice.get(f"/intake/f/{token}/").status_code in (200, 302)
    assert as_alice.post("/logout/").status_code == 302


@override_settings(REQUIRE_TWO_FACTOR=True)
def test_when_required_enrolling_opens_the_staff_pages(as_alice):
    enrol(as_alice)
    assert as_alice.get("/clients/").status_code == 200


def test_the_requirement_defaults_on_in_production_and_off_in_debug():
    from tests.test_settings import STRONG_SECRET, run_django

    show = ["shell", "-c", "from django.conf import settings; print(settings.REQUIRE_TWO_FACTOR)"]
    production = run_django(
        show, DJANGO_SECRET_KEY=STRONG_SECRET, DJANGO_ALLOW_CONSOLE_EMAIL="true"
    )
    assert production.stdout.split()[-1] == "True", production.stderr
    debug = run_django(show, DJANGO_DEBUG="true")
    assert debug.stdout.split()[-1] == "False", debug.stderr
    bad = run_django(show, DJANGO_DEBUG="true", DJANGO_REQUIRE_TWO_FACTOR="yes")
    assert "DJANGO_REQUIRE_TWO_FACTOR" in bad.stderr


@pytest.fixture
def superuser(db):
    return get_user_model().objects.create_superuser(
        "owner", "owner@harbour.example", "owner-passphrase-2026"
    )


def test_the_admin_needs_a_superuser_who_passed_two_factor(client, superuser, alice):
    client.force_login(superuser)
    assert client.get("/admin/").status_code == 302  # to the admin's login, which asks a code
    pass_two_factor(client, superuser)
    assert client.get("/admin/").status_code == 200


def test_a_verified_staff_user_who_is_not_a_superuser_gets_no_admin(client, alice):
    alice.is_staff = True
    alice.save()
    client.force_login(alice)
    pass_two_factor(client, alice)
    assert client.get("/admin/").status_code == 302


@pytest.mark.browser
def test_therapist_enrols_with_the_owners_link_then_signs_in_with_a_code(page, live_server, alice):
    from accounts.enrolment import enrolment_link_create

    _, token = enrolment_link_create(request=None, user=alice)
    page.goto(f"{live_server.url}/account/two-factor/enrol/{token}/")  # from the email
    page.get_by_label("Username").fill("alice")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(f"{live_server.url}/account/two-factor/")
    expect(page.get_by_role("heading", name="Set up two-factor sign-in")).to_be_visible()
    expect(page.get_by_role("img", name="QR code for your authenticator app")).to_be_visible()
    device = TOTPDevice.objects.get(user=alice)
    page.get_by_role("textbox", name="Code").fill(code_for(device))
    page.get_by_role("button", name="Turn on two-factor sign-in").click()
    expect(page.get_by_role("heading", name="Two-factor sign-in is on")).to_be_visible()
    expect(page.get_by_role("list", name="Recovery codes").get_by_role("listitem")).to_have_count(
        10
    )
    page.get_by_role("button", name="Alice Moreau").click()  # the account menu
    page.get_by_role("button", name="Log out").click()

    page.get_by_label("Username").fill("alice")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("heading", name="Enter your code")).to_be_visible()
    page.get_by_role("textbox", name="Code").fill(code_for(device, offset=1))
    page.get_by_role("button", name="Verify").click()
    page.wait_for_url(f"{live_server.url}/")
    expect(page.get_by_role("heading", name="Dashboard")).to_be_visible()
