from datetime import timedelta

from django.utils import timezone

from messaging.models import Message

# A worker looks every few seconds; an email still waiting this long after its time means no
# worker is running (or none reaches the database).
OVERDUE_AFTER = timedelta(minutes=10)


def messages_for_topic(topic):
    return Message.objects.filter(topic=topic).order_by("due_at", "pk")


def messages_overdue(messages=None, *, now=None):
    """Of `messages` (all by default), those waiting more than OVERDUE_AFTER past the time a
    worker should have tried them."""
    messages = Message.objects.all() if messages is None else messages
    cutoff = (now or timezone.now()) - OVERDUE_AFTER
    return messages.filter(status=Message.Status.PENDING, next_attempt_at__lt=cutoff)
