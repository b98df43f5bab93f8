"""Erasing a client who has appointments: their appointments go with them (the audit trail
keeps who did what, redacted), and none of their queued emails is sent afterwards."""

import datetime

from django.core import mail
from django.urls import reverse
from django.utils import timezone

from clients.models import Therapist
from messaging.models import Message
from messaging.services import messages_deliver_due
from schedule.models import Appointment
from tests.factories import (
    AppointmentTypeFactory,
    book,
    make_therapist,
    next_weekday,
    open_every_day,
)


def test_erasing_a_client_removes_their_appointments_and_sends_nothing_after(
    client, practice, alice, alice_client
):
    open_every_day(alice)
    kind = AppointmentTypeFactory(practice=practice)
    appointment = book(alice_client, kind, next_weekday(0))
    topic = appointment.topic
    owner = make_therapist(practice, "olivia", "Olivia", "Grant")
    Therapist.objects.filter(user=owner).update(role=Therapist.Role.OWNER)
    client.force_login(owner)
    response = client.post(
        reverse("records:client-erase", args=[alice_client.pk]),
        {"confirm_name": "Zoë Núñez"},
        follow=True,
    )
    assert "was erased" in response.content.decode()
    assert not Appointment.objects.exists()
    messages_deliver_due(now=timezone.now() + datetime.timedelta(days=30))
    assert mail.outbox == []
    assert not Message.objects.filter(topic=topic).exists()
    assert not Message.objects.filter(recipient__iexact=alice_client.email).exists()
