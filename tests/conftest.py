"""Fixtures shared by every test: a practice with two therapists, Alice and Bob.

Alice owns the clients the tests look at; Bob is the other therapist who must never see
them. The browser fixtures point Playwright at Debian's Chromium.
"""

import datetime
import os
import shutil

import pytest
from django.conf import settings

from clients.models import Client, Practice, Therapist

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
PASSWORD = "correct-horse-battery"


def pytest_configure(config):
    # Hashing is deliberately slow in production; tests log in hundreds of times.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # Tests sign in with force_login and no authenticator; tests/security/test_two_factor.py
    # turns the requirement on where it is the subject.
    settings.REQUIRE_TWO_FACTOR = False
    # Pages are served from static/ directly; the manifest exists only after collectstatic.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture
def practice(db):
    return Practice.objects.create(
        name="Harbour Massage Clinic",
        address="1 Quay Street\nPort Town\nPT1 1AA",
        phone="+1 555 010 9999",
        email="desk@harbour.example",
    )


def make_therapist(practice, username, first_name, last_name, designation="RMT"):
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.create_user(
        username=username,
        password=PASSWORD,
        first_name=first_name,
        last_name=last_name,
        email=f"{username}@harbour.example",
    )
    Therapist.objects.create(
        user=user, practice=practice, designation=designation, licence_number=f"{username}-001"
    )
    return user


@pytest.fixture
def alice(practice):
    return make_therapist(practice, "alice", "Alice", "Moreau")


@pytest.fixture
def bob(practice):
    return make_therapist(practice, "bob", "Bob", "Singh", designation="LMT")


@pytest.fixture
def alice_client(alice):
    return Client.objects.create(
        therapist=alice,
        first_name="Zoë",
        last_name="Núñez",
        date_of_birth=datetime.date(1986, 3, 14),
        email="zoe.nunez@example.com",
        phone="+1 (555) 010-2030",
        physician_name="Dr. Helen Park",
        physician_practice="Riverside Family Practice",
    )


@pytest.fixture
def as_alice(client, alice):
    client.force_login(alice)
    return client


@pytest.fixture
def as_bob(client, bob):
    client.force_login(bob)
    return client


def pass_two_factor(client, user):
    """Give the test client's signed-in user a confirmed authenticator and a verified session.

    What the code page does after a right code; for tests of pages that need two-factor
    (the admin) but are not about it.
    """
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.create(user=user, name="Test app", confirmed=True)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return device


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
        ],
    }


@pytest.fixture
def logged_in_page(page, live_server, alice):
    """A Chromium page on the live server, logged in as Alice through the real login form."""
    page.goto(f"{live_server.url}/login/")
    page.get_by_label("Username").fill("alice")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(f"{live_server.url}/")
    return page


def make_submitted_intake(client, answers, on_date=None, reviewed=False):
    """An intake the client has submitted, screened by the current rules.

    Goes through the same services as the questionnaire, without its pages, so tests of
    later features (session notes, referral letters) set up a screening in one line.
    """
    from intake.demo import signed_answers
    from intake.services import intake_link_create, intake_review_acknowledge, intake_submit

    intake, _ = intake_link_create(therapist=client.therapist, client=client)
    intake = intake_submit(
        intake=intake, answers=signed_answers(client, **answers), on_date=on_date
    )
    if reviewed:
        intake_review_acknowledge(intake=intake, by=client.therapist)
    return intake


def pytest_report_header(config):
    engine = settings.DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1]
    return f"database: {engine}"
