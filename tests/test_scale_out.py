"""Several app servers and a worker on one PostgreSQL, shown without containers.

Two gunicorn servers and one `manage.py worker` run as separate processes on 127.0.0.1
against the test database, with the app's production settings (tests/scale_out_settings.py
changes only where static files and emails go). Nothing is shared between them but the
database and the stored files' folder (DJANGO_MEDIA_ROOT, as a network volume or an
S3-compatible store would be): a sign-in on one is valid on the other, a letter finalised
through one is downloaded from the other, and the emails a booking through one queues are
sent by the worker. Every process is stopped when the test ends, passed or failed.
"""

import hashlib
import os
import socket
import subprocess
import sys
import time
from datetime import timedelta
from email import message_from_string
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import quote

import pytest
import requests
from django.conf import settings
from django.contrib.auth.hashers import PBKDF2PasswordHasher
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from messaging.models import Message
from referrals.models import ReferralLetter
from schedule.messages import CONFIRMATION, REMINDER
from schedule.models import Appointment
from tests.factories import PASSWORD, AppointmentTypeFactory, open_every_day
from tests.pdf import pdf_text

REPO = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
START_TIMEOUT = 30  # seconds for a server to answer /health/
WORKER_TIMEOUT = 30  # seconds for the worker to send what is due

pytestmark = [
    pytest.mark.skipif(
        settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql",
        reason="several processes on one database is PostgreSQL's setup; SQLite is embedded "
        "in one server",
    ),
    # The servers see only committed rows.
    pytest.mark.django_db(transaction=True),
    pytest.mark.slow,  # two gunicorn servers and a worker
]


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def database_url():
    """The test database (pytest-django's, e.g. test_intake) as a DATABASE_URL."""
    db = connection.settings_dict
    login = quote(db["USER"], safe="")
    if db["PASSWORD"]:
        login += ":" + quote(db["PASSWORD"], safe="")
    return f"postgres://{login}@{db['HOST']}:{db['PORT']}/{quote(db['NAME'], safe='')}"


class Processes:
    """The processes a test started, each with its output in a log file; all stopped at the
    end (SIGTERM: gunicorn and the worker finish what they are doing; then SIGKILL)."""

    def __init__(self, tmp_path, env):
        self.tmp_path = tmp_path
        self.env = env
        self.started = []

    def start(self, name, command):
        log = open(self.tmp_path / f"{name}.log", "wb")  # noqa: SIM115 (closed in stop_all)
        process = subprocess.Popen(
            command, cwd=REPO, env=self.env, stdout=log, stderr=subprocess.STDOUT
        )
        self.started.append((name, process, log))
        return process

    def log(self, name):
        return (self.tmp_path / f"{name}.log").read_text(errors="replace")

    def server(self, name):
        port = free_port()
        process = self.start(
            name,
            [
                str(BIN / "gunicorn"),
                "-c",
                "config/gunicorn.py",
                "config.wsgi",
                f"--bind=127.0.0.1:{port}",
                "--workers=1",
            ],
        )
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            if process.poll() is not None:
                pytest.fail(f"{name} exited with {process.returncode}:\n{self.log(name)}")
            try:
                if requests.get(f"{base}/health/", timeout=2).status_code == 200:
                    return base
            except requests.ConnectionError:
                pass
            time.sleep(0.2)
        pytest.fail(f"{name} did not answer /health/ in {START_TIMEOUT} s:\n{self.log(name)}")

    def stop_all(self):
        for _, process, _ in self.started:
            if process.poll() is None:
                process.terminate()
        for _, process, log in self.started:
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=5)
            log.close()


@pytest.fixture
def mail_dir(tmp_path):
    path = tmp_path / "mail"
    path.mkdir()
    return path


@pytest.fixture
def processes(tmp_path, mail_dir, transactional_db):
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith("DJANGO_") and key != "DATABASE_URL"
    }
    env.update(
        DATABASE_URL=database_url(),
        DJANGO_SETTINGS_MODULE="tests.scale_out_settings",
        DJANGO_SECRET_KEY=os.environ["DJANGO_SECRET_KEY"],  # one secret for every server
        DJANGO_DEBUG="false",
        DJANGO_HTTPS="false",
        DJANGO_ALLOWED_HOSTS="127.0.0.1",
        DJANGO_REQUIRE_TWO_FACTOR="false",
        DJANGO_EMAIL_BACKEND="django.core.mail.backends.filebased.EmailBackend",
        DJANGO_LOG_LEVEL="WARNING",
        SCALE_OUT_MAIL_DIR=str(mail_dir),
        SITE_URL="http://127.0.0.1:8000",
        # Both servers write and read the letters' files in this test run's folder.
        DJANGO_MEDIA_ROOT=str(settings.MEDIA_ROOT),
    )
    started = Processes(tmp_path, env)
    try:
        yield started
    finally:
        started.stop_all()
        # Nothing is left listening or holding the test database.
        assert all(process.poll() is not None for _, process, _ in started.started)


class FormInputs(HTMLParser):
    """Every <input>'s name and value on a page (hidden keys and the CSRF token)."""

    def __init__(self):
        super().__init__()
        self.values = {}

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "input" and attrs.get("name"):
            self.values.setdefault(attrs["name"], attrs.get("value") or "")


def form_inputs(response):
    assert response.status_code == 200, response.status_code
    parser = FormInputs()
    parser.feed(response.text)
    return parser.values


def sign_in(base, username):
    browser = requests.Session()
    token = form_inputs(browser.get(f"{base}/login/"))["csrfmiddlewaretoken"]
    response = browser.post(
        f"{base}/login/",
        data={"username": username, "password": PASSWORD, "csrfmiddlewaretoken": token},
        allow_redirects=False,
    )
    assert response.status_code == 302, response.text[:2000]
    assert "sessionid" in browser.cookies
    return browser


def same_cookies(browser):
    """A second browser holding the first one's cookies: what a proxy in front of both servers
    would pass to whichever it picks."""
    other = requests.Session()
    for name in ("sessionid", "csrftoken"):
        other.cookies.set(name, browser.cookies[name])
    return other


def emails_in(mail_dir):
    """The emails the filebased backend wrote: one file per connection, messages separated by
    a line of dashes."""
    found = []
    for path in sorted(mail_dir.glob("*.log")):
        for part in path.read_text().split("\n" + "-" * 79 + "\n"):
            if part.strip():
                found.append(message_from_string(part.strip()))
    return found


def wait_for_sent(message):
    """The message once the worker is done with it: "sending" is the worker's claim, seen
    between its UPDATE and the mail going out, not an outcome."""
    in_hand = (Message.Status.PENDING, Message.Status.SENDING)
    deadline = time.monotonic() + WORKER_TIMEOUT
    while time.monotonic() < deadline:
        message.refresh_from_db()
        if message.status not in in_hand:
            return message
        time.sleep(0.2)
    return message


@pytest.fixture
def alice_signs_in_with_a_real_hash(alice):
    """The servers hash as production does (Argon2, PBKDF2); the test run's fast MD5 hash
    would not verify there."""
    hasher = PBKDF2PasswordHasher()
    alice.password = hasher.encode(PASSWORD, hasher.salt())
    alice.save(update_fields=["password"])
    return alice


def test_two_servers_and_a_worker_share_sign_ins_letters_and_the_outbox(
    processes, mail_dir, tmp_path, alice_signs_in_with_a_real_hash, draft, practice
):
    one = processes.server("web1")
    two = processes.server("web2")
    processes.start(
        "worker", [sys.executable, "manage.py", "worker", "--interval=0.2", "--verbosity=0"]
    )
    client = draft.client

    # Signed in on one, the same session cookie is valid on the other.
    on_one = sign_in(one, "alice")
    on_two = same_cookies(on_one)
    dashboard = on_two.get(f"{two}/", allow_redirects=False)
    assert dashboard.status_code == 200
    assert "Alice" in dashboard.text
    stranger = requests.get(f"{two}/", allow_redirects=False)
    assert stranger.status_code == 302  # without the cookie: the sign-in page
    assert stranger.headers["Location"].startswith("/login/")

    # A letter finalised through one is downloaded from the other, the same bytes.
    letter_page = reverse("referrals:letter-detail", args=[draft.pk])
    token = form_inputs(on_one.get(f"{one}{letter_page}"))["csrfmiddlewaretoken"]
    finalised = on_one.post(
        f"{one}{reverse('referrals:letter-finalise', args=[draft.pk])}",
        data={"csrfmiddlewaretoken": token},
        allow_redirects=False,
    )
    assert finalised.status_code == 302, finalised.text[:2000]
    letter = ReferralLetter.objects.get(pk=draft.pk)
    assert letter.is_final
    download = on_two.get(f"{two}{reverse('referrals:letter-pdf', args=[letter.pk])}")
    assert download.status_code == 200
    assert download.headers["Content-Type"] == "application/pdf"
    assert hashlib.sha256(download.content).hexdigest() == letter.pdf_sha256
    assert download.content == letter.pdf_bytes()  # the file server one wrote
    assert "Dr. Helen Park" in pdf_text(download.content, tmp_path)

    # An appointment booked through one: the worker sends its confirmation now and, when the
    # day before comes, its reminder.
    massage = AppointmentTypeFactory(practice=practice, name="Massage")
    open_every_day(alice_signs_in_with_a_real_hash)
    day = timezone.localdate() + timedelta(days=8)
    book_page = f"{reverse('schedule:book')}?client={client.pk}"
    inputs = form_inputs(on_one.get(f"{one}{book_page}"))
    booked = on_one.post(
        f"{one}{book_page}",
        data={
            **inputs,
            "appointment_type": massage.pk,
            "date": day.isoformat(),
            "time": "10:00",
        },
        allow_redirects=False,
    )
    assert booked.status_code == 302, booked.text[:3000]
    appointment = Appointment.objects.get(client=client)
    confirmation = Message.objects.get(topic=appointment.topic, kind=CONFIRMATION)
    reminder = Message.objects.get(topic=appointment.topic, kind=REMINDER)
    assert reminder.due_at > timezone.now() + timedelta(days=6)

    assert wait_for_sent(confirmation).status == Message.Status.SENT, processes.log("worker")
    reminder.refresh_from_db()
    assert reminder.status == Message.Status.PENDING  # not due for a week
    # The day before the visit, as far as the outbox can tell.
    Message.objects.filter(pk=reminder.pk).update(
        due_at=timezone.now(), next_attempt_at=timezone.now()
    )
    assert wait_for_sent(reminder).status == Message.Status.SENT, processes.log("worker")

    subjects = {email["Subject"]: email for email in emails_in(mail_dir)}
    assert "Appointment booked at Harbour Massage Clinic" in subjects
    sent = subjects["Appointment reminder from Harbour Massage Clinic"]
    assert sent["To"] == "zoe.nunez@example.com"
    assert "10:00" in sent.get_payload()

    # Each server answered its part: both access logs name the requests they served.
    assert "/letter.pdf" in processes.log("web2")
    assert "/finalise/" in processes.log("web1")
    assert "/schedule/book/" in processes.log("web1")
