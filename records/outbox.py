"""The owner's view of the emails the practice sent on its own (messaging's outbox).

The outbox knows topics ("appointment:12", "intake:7"), not practices: the practice's messages
are those about its appointments and intakes, found by building the same topics in SQL.
"""

from datetime import timedelta

from django.db.models import CharField, Q, Value
from django.db.models.functions import Cast, Concat
from django.utils import timezone

from intake.models import Intake
from messaging.models import Message
from messaging.registry import label_of
from schedule.models import Appointment

RECENT = timedelta(days=30)
OPEN = (Message.Status.PENDING, Message.Status.SENDING, Message.Status.FAILED)


def _topics(queryset):
    """The topics of these rows, built in SQL as the model's `topic` builds them."""
    topic = Concat(Value(queryset.model.TOPIC_PREFIX), Cast("pk", CharField()))
    return queryset.annotate(message_topic=topic).values("message_topic")


def practice_messages(practice, *, now=None):
    """The practice's messages still waiting or failed, and those of the last 30 days,
    latest first."""
    now = now or timezone.now()
    appointments = Appointment.objects.filter(therapist__therapist__practice=practice)
    intakes = Intake.objects.filter(client__therapist__therapist__practice=practice)
    about_practice = Q(topic__in=_topics(appointments)) | Q(topic__in=_topics(intakes))
    recent = Q(status__in=OPEN) | Q(due_at__gte=now - RECENT)
    return Message.objects.filter(about_practice).filter(recent).order_by("-due_at", "-pk")


def message_rows(messages):
    """(message, label, client) for a page of messages: two queries for the clients."""
    messages = list(messages)
    clients = {}
    for model in (Appointment, Intake):
        pks = [
            int(key)
            for message in messages
            if message.topic.startswith(model.TOPIC_PREFIX)
            and (key := message.topic.removeprefix(model.TOPIC_PREFIX)).isdigit()
        ]
        for obj in model.objects.filter(pk__in=pks).select_related("client"):
            clients[obj.topic] = obj.client
    return [(message, label_of(message.kind), clients.get(message.topic)) for message in messages]
