from django.db import models
from django.utils import timezone


class MessageQuerySet(models.QuerySet):
    def due(self, now=None):
        """Pending messages whose time (first or after a back-off) has come."""
        return self.filter(
            status=Message.Status.PENDING, next_attempt_at__lte=now or timezone.now()
        )


class Message(models.Model):
    """One email the practice sends on its own: queued in the transaction of the change that
    calls for it, built from the current state when it is due, and sent at most once.

    Only ids travel in `context`: what the email says is decided when it is sent (a moved
    appointment's reminder says the new time), and no health detail is ever stored here.
    """

    class Status(models.TextChoices):
        PENDING = "pending", "Waiting to be sent"
        SENDING = "sending", "Being sent"
        SENT = "sent", "Sent"
        SUPERSEDED = "superseded", "Superseded"
        SKIPPED = "skipped", "Not needed"
        FAILED = "failed", "Failed"

    kind = models.CharField(max_length=60)
    # What the message is about ("appointment:12"): a change to that thing supersedes the
    # messages still waiting.
    topic = models.CharField(max_length=100)
    # Optional: two requests for the same message (a double post, a retried job) make one row.
    key = models.CharField(max_length=200, blank=True)
    recipient = models.EmailField(blank=True)
    context = models.JSONField(default=dict, blank=True)
    due_at = models.DateTimeField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveSmallIntegerField(default=0)
    # When a worker may next try it: the due time, then later after each failure (back-off).
    next_attempt_at = models.DateTimeField()
    claimed_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    last_error = models.TextField(blank=True)
    # Why it was superseded or skipped ("the appointment was cancelled").
    skip_reason = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = MessageQuerySet.as_manager()

    class Meta:
        ordering = ["due_at", "pk"]
        indexes = [
            models.Index(fields=["topic", "status"], name="message_topic_status"),
            # The worker's question, asked every few seconds: only the waiting rows.
            models.Index(
                fields=["next_attempt_at"],
                condition=models.Q(status="pending"),
                name="message_pending_due",
            ),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["key"], condition=~models.Q(key=""), name="message_key_unique"
            ),
            models.CheckConstraint(
                condition=~models.Q(status="sent") | models.Q(sent_at__isnull=False),
                name="message_sent_has_time",
            ),
        ]

    def __str__(self):
        return f"{self.kind} for {self.topic} ({self.get_status_display()})"
