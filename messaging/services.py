"""The outbox: queue an email with the change that calls for it, send it when due, at most once.

A message is claimed (pending -> sending) in its own committed UPDATE before it is built and
sent, so two workers, or a worker and a retried task, never both send it. A worker that dies
between sending and recording leaves the row in "sending": after SENDING_STALE_AFTER it is marked
failed for a person to check, never sent again, because it may already have gone out.
"""

import logging
import smtplib
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.utils import timezone
from django_tasks import task

from messaging.models import Message
from messaging.registry import Skip, builder_for

logger = logging.getLogger(__name__)

# Waits after the 1st, 2nd, ... failed attempt; after the last the message is failed.
BACKOFF = (
    timedelta(minutes=1),
    timedelta(minutes=5),
    timedelta(minutes=30),
    timedelta(hours=2),
    timedelta(hours=6),
)
MAX_ATTEMPTS = len(BACKOFF) + 1
SENDING_STALE_AFTER = timedelta(minutes=15)


def message_enqueue(*, kind, topic, due_at, recipient="", context=None, key=""):
    """Queue one email; call it inside the transaction of the change that asks for it.

    With a non-empty `key`, asking again returns the message already queued.
    """
    builder_for(kind)  # an unknown kind fails here, at the change, not hours later
    if key:
        existing = Message.objects.filter(key=key).first()
        if existing:
            return existing
    message = Message(
        kind=kind,
        topic=topic,
        key=key,
        recipient=recipient,
        context=context or {},
        due_at=due_at,
        next_attempt_at=due_at,
    )
    message.full_clean(validate_constraints=False, validate_unique=False)
    try:
        with transaction.atomic():
            message.save()
    except IntegrityError:
        # The same key queued at the same moment by another request: that one stands.
        existing = Message.objects.filter(key=key).first() if key else None
        if existing is None:
            raise
        return existing
    transaction.on_commit(lambda: _schedule(message.pk, message.next_attempt_at))
    return message


def messages_supersede(*, topic, reason):
    """Every message of `topic` still waiting is superseded (never sent); returns how many.
    A message already being sent is not stopped: its builder reads the current state."""
    return Message.objects.filter(topic=topic, status=Message.Status.PENDING).update(
        status=Message.Status.SUPERSEDED, skip_reason=reason[:200], updated_at=timezone.now()
    )


def messages_erase(*, topics=(), recipient=""):
    """Delete the messages about these topics and every message to `recipient`, sent or not:
    a client erased on their request leaves no address behind in the outbox."""
    condition = Q(topic__in=list(topics))
    if recipient:
        condition |= Q(recipient__iexact=recipient)
    return Message.objects.filter(condition).delete()[0]


def _schedule(pk, when):
    """Hand the message to the task backend to run at its time. If that fails the worker's
    sweep still finds it: the outbox row, not the task, is what must not be lost."""
    try:
        if when > timezone.now():
            deliver_message.using(run_after=when).enqueue(pk)
        else:
            deliver_message.enqueue(pk)
    except Exception:
        logger.exception("Could not queue the delivery task of message %s", pk)


def _claim(pk, now):
    with transaction.atomic():
        return (
            Message.objects.due(now)
            .filter(pk=pk)
            .update(
                status=Message.Status.SENDING,
                claimed_at=now,
                attempts=F("attempts") + 1,
                updated_at=now,
            )
            == 1
        )


def _record(message, **fields):
    fields["updated_at"] = timezone.now()
    Message.objects.filter(pk=message.pk, status=Message.Status.SENDING).update(**fields)


def _retry_or_fail(message, error, now):
    if message.attempts >= MAX_ATTEMPTS:
        _record(message, status=Message.Status.FAILED, last_error=error)
        return "failed"
    later = now + BACKOFF[message.attempts - 1]
    _record(message, status=Message.Status.PENDING, next_attempt_at=later, last_error=error)
    _schedule(message.pk, later)
    return "retry"


def _build(message):
    builder = builder_for(message.kind)
    # What the builder writes (a fresh intake link) stands or falls with the build.
    with transaction.atomic():
        return builder(message)


def message_deliver(pk, *, now=None):
    """Build and send one message if it is due and nobody else has it; returns what happened:
    "sent", "skipped", "retry", "failed", or "" when there was nothing to do."""
    now = now or timezone.now()
    if not _claim(pk, now):
        return ""
    message = Message.objects.get(pk=pk)
    try:
        email = _build(message)
    except Skip as skip:
        _record(message, status=Message.Status.SKIPPED, skip_reason=str(skip)[:200])
        return "skipped"
    except Exception as error:
        logger.exception("Could not build message %s (%s)", pk, message.kind)
        return _retry_or_fail(message, f"could not be built: {error!r}", now)
    recipient = email.to or message.recipient
    if not recipient:
        _record(message, status=Message.Status.SKIPPED, skip_reason="no email address")
        return "skipped"
    mail = EmailMultiAlternatives(
        email.subject,
        email.body,
        settings.DEFAULT_FROM_EMAIL,
        [recipient],
        reply_to=email.reply_to or None,
    )
    if email.html_body:
        mail.attach_alternative(email.html_body, "text/html")
    for filename, content, mimetype in email.attachments:
        mail.attach(filename, content, mimetype)
    try:
        mail.send()
    except smtplib.SMTPRecipientsRefused as error:
        # The server refuses the address: trying again will not change that.
        _record(message, status=Message.Status.FAILED, last_error=f"address refused: {error}")
        return "failed"
    except (smtplib.SMTPException, OSError) as error:
        logger.warning("Sending message %s failed (attempt %s): %s", pk, message.attempts, error)
        return _retry_or_fail(message, str(error)[:1000], now)
    _record(
        message,
        status=Message.Status.SENT,
        sent_at=timezone.now(),
        recipient=recipient,
        last_error="",
    )
    return "sent"


def messages_fail_stale(*, now=None):
    """Messages left "sending" by a worker that stopped mid-send are failed, not resent."""
    now = now or timezone.now()
    return Message.objects.filter(
        status=Message.Status.SENDING, claimed_at__lt=now - SENDING_STALE_AFTER
    ).update(
        status=Message.Status.FAILED,
        last_error="The worker stopped while sending it: it may have gone out, so it is not "
        "sent again. Check with the client.",
        updated_at=now,
    )


def messages_deliver_due(*, now=None, limit=500):
    """Send every message that is due (the worker's sweep); returns a count per outcome."""
    now = now or timezone.now()
    summary = {"sent": 0, "skipped": 0, "retry": 0, "failed": 0}
    summary["failed"] += messages_fail_stale(now=now)
    due = list(
        Message.objects.due(now)
        .order_by("next_attempt_at", "pk")
        .values_list("pk", flat=True)[:limit]
    )
    for pk in due:
        outcome = message_deliver(pk, now=now)
        if outcome:
            summary[outcome] += 1
    return summary


@task()
def deliver_message(message_id):
    """The job behind each message, through Django's tasks API: the database backend runs it
    with nothing else to install; a larger practice can point TASKS at RQ or Celery."""
    return message_deliver(message_id)
