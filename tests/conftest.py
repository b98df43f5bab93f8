"""Fixtures shared by every test: a practice with two therapists, Alice and Bob.

Alice owns the clients the tests look at; Bob is the other therapist who must never see
them. Alice's client Zoë can be given a screening that asks for a physician, session notes
and referral letters. The browser fixtures point Playwright at Debian's Chromium.
"""

import atexit
import datetime
import os
import shutil
import tempfile

import pytest
from django.conf import settings
from django.utils import timezone

from referrals import services as referral_services
from tests.factories import (
    PASSWORD,
    REFER_ANSWERS,
    ClientFactory,
    PracticeFactory,
    make_note,
    make_submitted_intake,
    make_therapist,
)

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"


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
    _stored_files_in_a_folder_of_this_run()
    _flush_sets_the_audit_triggers_aside()


def _stored_files_in_a_folder_of_this_run():
    """Letters' PDFs go to a folder of this pytest process, removed at its end: the SQLite
    and PostgreSQL passes run side by side, and neither writes into var/media. Servers and
    scripts the tests start inherit it through DJANGO_MEDIA_ROOT."""
    media = tempfile.mkdtemp(prefix="test-media-")
    atexit.register(shutil.rmtree, media, ignore_errors=True)
    os.environ["DJANGO_MEDIA_ROOT"] = media
    settings.MEDIA_ROOT = media


def _flush_sets_the_audit_triggers_aside():
    """Live-server and transactional tests empty every table after each test (Django's flush).
    PostgreSQL flushes with TRUNCATE, which the audit trail's row triggers do not see; SQLite
    flushes with DELETE, which they refuse. In tests only, a SQLite flush drops the triggers
    and creates them again from their own stored SQL, in the same transaction; the app itself
    has no way around them."""
    from django.db.backends.sqlite3.base import DatabaseOperations

    flush = DatabaseOperations.execute_sql_flush

    def execute_sql_flush(self, sql_list):
        with self.connection.cursor() as cursor:
            cursor.execute(
                "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' "
                "AND tbl_name = 'audit_event'"
            )
            triggers = cursor.fetchall()
        drop = [f'DROP TRIGGER "{name}"' for name, _ in triggers]
        flush(self, [*drop, *sql_list, *(sql for _, sql in triggers)])

    DatabaseOperations.execute_sql_flush = execute_sql_flush


@pytest.fixture
def practice(db):
    return PracticeFactory()


@pytest.fixture
def alice(practice):
    return make_therapist(practice, "alice", "Alice", "Moreau")


@pytest.fixture
def bob(practice):
    return make_therapist(practice, "bob", "Bob", "Singh", designation="LMT")


@pytest.fixture
def alice_client(alice):
    return ClientFactory(
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


@pytest.fixture
def complaint_map(db):
    """The complaint map, loaded again: browser tests flush the rows the migration loaded."""
    from notes.complaint_map import load_map
    from notes.models import Complaint, SelfCareItem, Technique

    load_map(Complaint, Technique, SelfCareItem)


@pytest.fixture
def note(alice_client, complaint_map):
    """Yesterday's draft note for Zoë."""
    return make_note(alice_client, day=timezone.localdate() - datetime.timedelta(days=1))


@pytest.fixture
def signed_note(note, alice):
    from notes import services

    return services.note_sign(note=note, user=alice)


@pytest.fixture
def screened_client(alice_client):
    """Zoë, whose reviewed intake asks for a physician, with consent to write to them."""
    alice_client.physician_address = "40 Station Road\nRiverside\nRV1 2AB"
    alice_client.consent_contact_physician = True
    alice_client.conditions = "Breast cancer 2019"
    alice_client.medications = "Apixaban 5 mg twice daily"
    alice_client.save()
    make_submitted_intake(alice_client, REFER_ANSWERS, reviewed=True)
    return alice_client


@pytest.fixture
def draft(screened_client, alice):
    return referral_services.letter_create_draft(client=screened_client, author=alice)


@pytest.fixture
def final(draft):
    return referral_services.letter_finalise(letter=draft)


def pytest_report_header(config):
    engine = settings.DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1]
    return f"database: {engine}"


# Every browser test fails if a page breaks the Content-Security-Policy: Chromium reports a
# blocked inline script or style, or a resource from elsewhere, as a console error naming the
# policy and as a `securitypolicyviolation` event; both are collected and asserted empty.
LISTEN = """() => {
  if (window.__cspListening) { return; }
  window.__cspListening = true;
  document.addEventListener("securitypolicyviolation", (event) => {
    console.error(`Content Security Policy violation: ${event.violatedDirective} blocked `
                  + `${event.blockedURI || "inline"} at ${event.sourceFile}:${event.lineNumber}`);
  });
}"""


@pytest.fixture(autouse=True)
def no_csp_violations(request):
    if "page" not in request.fixturenames:
        yield
        return
    page = request.getfixturevalue("page")
    violations = []

    def on_console(message):
        if "Content Security Policy" in message.text or "Content-Security-Policy" in message.text:
            violations.append(f"{page.url}: {message.text}")

    page.on("console", on_console)
    page.add_init_script(script=f"({LISTEN})()")
    yield violations
    assert not violations, "CSP violations:\n" + "\n".join(violations)
