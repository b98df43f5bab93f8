"""The outbox: an email is queued with the change that asks for it, sent when due, once,
retried after a mail failure, and never sent when superseded or no longer wanted."""

import socket
from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from messaging import services
from messaging.models import Message
from messaging.registry import Email, Skip, message_kind
from tests.integrity.helpers import at_once

pytestmark = pytest.mark.django_db

# What the test builder reads at send time, as an appointment would be read.
WANTED = {}


@message_kind("tests.visit")
def build_visit(message):
    state = WANTED.get(message.topic, "wanted")
    if state == "cancelled":
        raise Skip("the visit was cancelled")
    if state == "broken":
        raise RuntimeError("the builder has a bug")
    return Email(
        subject="Your visit",
        body=f"See you at {state}.",
        attachments=[("visit.ics", "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n", "text/calendar")],
    )


@pytest.fixture(autouse=True)
def _fresh_state():
    WANTED.clear()


def _queue(topic="visit:1", due_in=timedelta(0), key="", recipient="zoe@example.org"):
    return services.message_enqueue(
        kind="tests.visit",
        topic=topic,
        due_at=timezone.now() + due_in,
        recipient=recipient,
        context={"visit_id": 1},
        key=key,
    )


def _closed_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_a_message_waits_for_its_time_then_goes_out_once():
    message = _queue(due_in=timedelta(hours=24))

    assert services.messages_deliver_due()["sent"] == 0
    assert mail.outbox == []

    tomorrow = timezone.now() + timedelta(hours=24, minutes=1)
    assert services.messages_deliver_due(now=tomorrow)["sent"] == 1
    assert services.messages_deliver_due(now=tomorrow)["sent"] == 0
    assert services.message_deliver(message.pk, now=tomorrow) == ""

    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["zoe@example.org"]
    assert mail.outbox[0].attachments[0][0] == "visit.ics"
    message.refresh_from_db()
    assert message.status == Message.Status.SENT
    assert message.sent_at is not None


def test_a_superseded_message_is_never_sent():
    _queue(topic="visit:7", due_in=timedelta(hours=1))
    _queue(topic="visit:8", due_in=timedelta(hours=1))

    assert services.messages_supersede(topic="visit:7", reason="the visit was moved") == 1

    services.messages_deliver_due(now=timezone.now() + timedelta(hours=2))
    assert [email.body for email in mail.outbox] == ["See you at wanted."]
    superseded = Message.objects.get(topic="visit:7")
    assert superseded.status == Message.Status.SUPERSEDED
    assert superseded.skip_reason == "the visit was moved"


def test_a_message_no_longer_wanted_when_due_is_skipped_with_its_reason():
    message = _queue()
    WANTED["visit:1"] = "cancelled"

    assert services.messages_deliver_due()["skipped"] == 1

    assert mail.outbox == []
    message.refresh_from_db()
    assert (message.status, message.skip_reason) == ("skipped", "the visit was cancelled")


def test_a_client_without_an_email_address_is_skipped_not_failed():
    message = _queue(recipient="")

    services.messages_deliver_due()

    message.refresh_from_db()
    assert (message.status, message.skip_reason) == ("skipped", "no email address")


def test_the_same_key_queues_one_message():
    first = _queue(key="visit:1:reminder")
    second = _queue(key="visit:1:reminder")

    assert first.pk == second.pk
    assert Message.objects.count() == 1


def test_a_message_queued_in_a_change_that_fails_is_not_kept():
    with pytest.raises(RuntimeError), transaction.atomic():
        _queue()
        raise RuntimeError("the booking failed")

    assert Message.objects.count() == 0


def test_an_unknown_kind_is_refused_when_queued():
    with pytest.raises(ValueError, match="no builder"):
        services.message_enqueue(
            kind="tests.nobody", topic="x", due_at=timezone.now(), recipient="a@example.org"
        )


def test_a_mail_server_that_is_down_is_tried_again_later_then_given_up():
    message = _queue()
    now = timezone.now()
    down = {
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": _closed_port(),
        "EMAIL_TIMEOUT": 2,
    }
    with override_settings(**down):
        assert services.messages_deliver_due(now=now)["retry"] == 1
        message.refresh_from_db()
        assert message.status == Message.Status.PENDING
        assert message.next_attempt_at == now + timedelta(minutes=1)
        assert "refused" in message.last_error.lower()
        # Not before its back-off is over.
        assert services.messages_deliver_due(now=now + timedelta(seconds=30))["retry"] == 0

    # The server is back: the next try sends it.
    assert services.messages_deliver_due(now=now + timedelta(minutes=2))["sent"] == 1
    assert len(mail.outbox) == 1

    other = _queue(topic="visit:2")
    later = now
    with override_settings(**down):
        for _ in range(services.MAX_ATTEMPTS):
            later += timedelta(days=1)
            services.messages_deliver_due(now=later)
    other.refresh_from_db()
    assert other.status == Message.Status.FAILED
    assert other.attempts == services.MAX_ATTEMPTS


def test_a_builder_bug_does_not_stop_the_other_messages():
    WANTED["visit:1"] = "broken"
    broken = _queue(topic="visit:1")
    _queue(topic="visit:2")

    summary = services.messages_deliver_due()

    assert summary["sent"] == 1 and summary["retry"] == 1
    broken.refresh_from_db()
    assert "the builder has a bug" in broken.last_error


def test_a_message_left_sending_by_a_stopped_worker_is_failed_not_sent_again():
    message = _queue()
    claimed = timezone.now() - timedelta(hours=1)
    Message.objects.filter(pk=message.pk).update(status="sending", claimed_at=claimed)

    services.messages_deliver_due()

    message.refresh_from_db()
    assert message.status == Message.Status.FAILED
    assert "may have gone out" in message.last_error
    assert mail.outbox == []


@pytest.mark.django_db(transaction=True)
def test_worker_once_runs_the_queued_job_and_sends_what_is_due(capsys):
    message = _queue()  # committed: its job is handed to the database backend
    job = DBTaskResult.objects.get()

    call_command("worker", "--once")

    assert len(mail.outbox) == 1
    message.refresh_from_db()
    assert message.status == Message.Status.SENT
    job.refresh_from_db()
    assert job.status == "SUCCESSFUL"
    assert job.return_value == "sent"
    # The job sent it; the sweep after it found nothing left to send.
    assert "Emails: 0 sent" in capsys.readouterr().out


@pytest.mark.django_db(transaction=True)
def test_worker_forgets_finished_jobs_after_two_weeks_but_keeps_recent_ones():
    old, recent = _queue(topic="visit:old"), _queue(topic="visit:recent")
    call_command("worker", "--once")
    jobs = DBTaskResult.objects.order_by("enqueued_at")
    assert [job.status for job in jobs] == ["SUCCESSFUL", "SUCCESSFUL"]
    DBTaskResult.objects.filter(pk=jobs[0].pk).update(
        finished_at=timezone.now() - timedelta(days=15)
    )

    call_command("worker", "--once")

    assert list(DBTaskResult.objects.values_list("pk", flat=True)) == [jobs[1].pk]
    # What happened to each email stays in the outbox.
    assert Message.objects.filter(status=Message.Status.SENT).count() == 2
    assert {old.pk, recent.pk} == set(Message.objects.values_list("pk", flat=True))


@pytest.mark.django_db(transaction=True)
def test_two_workers_at_once_send_each_message_once():
    messages = [_queue(topic=f"visit:{n}") for n in range(10)]

    at_once(services.messages_deliver_due, services.messages_deliver_due)

    assert len(mail.outbox) == 10
    assert Message.objects.filter(status="sent").count() == len(messages)
