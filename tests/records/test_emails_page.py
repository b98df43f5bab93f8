"""The owner sees the emails the practice sent on its own, and which failed and why; another
practice's emails are not there, and no one else opens the page."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from clients.models import Therapist
from messaging.models import Message
from messaging.services import messages_deliver_due
from tests.factories import (
    AppointmentTypeFactory,
    ClientFactory,
    PracticeFactory,
    book,
    make_therapist,
    next_weekday,
    open_every_day,
)


def _owner(practice, username="olivia"):
    owner = make_therapist(practice, username, "Olivia", "Grant")
    Therapist.objects.filter(user=owner).update(role=Therapist.Role.OWNER)
    return owner


def _booked(client_record, practice):
    open_every_day(client_record.therapist)
    kind = AppointmentTypeFactory(practice=practice, kind="return")
    return book(client_record, kind, next_weekday(2, at="10:00"))


def test_the_owner_sees_sent_and_failed_emails_with_the_reason(client, practice, alice_client):
    appointment = _booked(alice_client, practice)
    messages_deliver_due()  # the confirmation goes out now
    Message.objects.filter(topic=appointment.topic, status="pending").update(
        status="failed", last_error="The mail server refused the connection."
    )
    client.force_login(_owner(practice))

    page = client.get(reverse("records:emails")).content.decode()

    assert "Booking confirmation" in page and "Sent" in page
    assert "Appointment reminder" in page
    assert "Failed" in page and "The mail server refused the connection." in page
    assert f"{alice_client.first_name} {alice_client.last_name}" in page


def test_another_practices_emails_are_not_listed(client, practice, alice_client):
    other = PracticeFactory(name="Elsewhere Massage")
    someone = ClientFactory(
        therapist=make_therapist(other, "ivan", "Ivan", "Petrov"), first_name="Yusuf"
    )
    _booked(someone, other)
    client.force_login(_owner(practice))

    page = client.get(reverse("records:emails")).content.decode()

    assert "Yusuf" not in page
    assert "No email in the last 30 days" in page


def test_old_sent_emails_drop_off_but_failed_ones_stay(client, practice, alice_client):
    appointment = _booked(alice_client, practice)
    long_ago = timezone.now() - timedelta(days=60)
    Message.objects.filter(topic=appointment.topic).update(due_at=long_ago, status="skipped")
    Message.objects.filter(topic=appointment.topic, kind="schedule.reminder").update(
        status="failed", last_error="It may have gone out."
    )
    client.force_login(_owner(practice))

    page = client.get(reverse("records:emails")).content.decode()

    assert "Appointment reminder" in page and "It may have gone out." in page
    assert "Booking confirmation" not in page


def test_only_the_owner_opens_it(client, alice):
    client.force_login(alice)
    assert client.get(reverse("records:emails")).status_code == 404


def test_the_owner_is_told_when_emails_wait_past_their_time(client, practice, alice_client):
    appointment = _booked(alice_client, practice)  # its confirmation is due now
    client.force_login(_owner(practice))
    url = reverse("records:emails")
    assert "minutes late" not in client.get(url).content.decode()  # a worker has time yet

    Message.objects.filter(topic=appointment.topic, kind__contains="confirm").update(
        next_attempt_at=timezone.now() - timedelta(minutes=11)
    )

    page = client.get(url).content.decode()
    assert "1 email is more than 10 minutes late." in page
    assert "python manage.py worker" in page


def test_worker_health_fails_while_an_email_is_late_and_passes_once_it_is_sent(
    practice, alice_client
):
    appointment = _booked(alice_client, practice)
    call_command("worker", "--health")  # due just now: not late
    Message.objects.filter(topic=appointment.topic, status="pending").filter(
        next_attempt_at__lte=timezone.now()
    ).update(next_attempt_at=timezone.now() - timedelta(minutes=11))
    with pytest.raises(SystemExit) as unhealthy:
        call_command("worker", "--health")
    assert unhealthy.value.code == 1

    messages_deliver_due()

    call_command("worker", "--health")
