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


def _topics(queryset, prefix):
    topic = Concat(Value(prefix), Cast("pk", CharField()))
    return queryset.annotate(message_topic=topic).values("message_topic")


def practice_messages(practice, *, now=None):
    """The practice's messages still waiting or failed, and those of the last 30 days,
    latest first."""
    now = now or timezone.now()
    appointments = Appointment.objects.filter(therapist__therapist__practice=practice)
    intakes = Intake.objects.filter(client__therapist__therapist__practice=practice)
    about_practice = Q(topic__in=_topics(appointments, "appointment:")) | Q(
        topic__in=_topics(intakes, "intake:")
    )
    recent = Q(status__in=OPEN) | Q(due_at__gte=now - RECENT)
    return Message.objects.filter(about_practice).filter(recent).order_by("-due_at", "-pk")


def message_rows(messages):
    """(message, label, client) for a page of messages: two queries for the clients."""
    messages = list(messages)
    ids = {"appointment": set(), "intake": set()}
    for message in messages:
        kind, _, pk = message.topic.partition(":")
        if kind in ids and pk.isdigit():
            ids[kind].add(int(pk))
    clients = {}
    for model, kind in ((Appointment, "appointment"), (Intake, "intake")):
        for obj in model.objects.filter(pk__in=ids[kind]).select_related("client"):
            clients[f"{kind}:{obj.pk}"] = obj.client
    return [(message, label_of(message.kind), clients.get(message.topic)) for message in messages]
