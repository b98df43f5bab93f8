"""An archived client gets no new session notes, referral letters or intake links until
restored; the pages hide those buttons and the server refuses them with a clear message."""

from django.urls import reverse
from django.utils import timezone

from intake.services import intake_link_create
from notes.models import SessionNote
from referrals.models import ReferralLetter
from tests.factories import REFER_ANSWERS, make_submitted_intake, note_form_data


def archive(client):
    client.archived_at = timezone.now()
    client.save()


def test_an_archived_client_gets_no_new_session_note(as_alice, alice_client, complaint_map):
    archive(alice_client)
    url = reverse("notes:note-create", args=[alice_client.pk])
    for response in (as_alice.get(url), as_alice.post(url, note_form_data())):
        assert response.status_code == 302
        assert response["Location"] == alice_client.get_absolute_url()
    page = as_alice.get(alice_client.get_absolute_url()).content.decode()
    assert "is archived. Restore them to write a session note." in page
    assert not SessionNote.objects.exists()


def test_an_archived_client_gets_no_new_referral_letter(as_alice, alice_client):
    make_submitted_intake(alice_client, REFER_ANSWERS)
    archive(alice_client)
    response = as_alice.post(reverse("referrals:letter-create", args=[alice_client.pk]))
    assert response["Location"] == alice_client.get_absolute_url()
    page = as_alice.get(alice_client.get_absolute_url()).content.decode()
    assert "is archived. Restore them to write a referral letter." in page
    assert not ReferralLetter.objects.exists()


def test_archiving_cancels_the_clients_unused_intake_link(as_alice, alice_client, client):
    intake, token = intake_link_create(therapist=alice_client.therapist, client=alice_client)
    as_alice.post(reverse("dashboard:client-archive", args=[alice_client.pk]))

    intake.refresh_from_db()
    assert not intake.is_open
    page = as_alice.get(alice_client.get_absolute_url()).content.decode()
    assert "Their unused intake link was cancelled." in page
    client.logout()
    assert client.get(reverse("intake:form", kwargs={"token": token})).status_code == 410


def test_archiving_leaves_submitted_intakes_alone(as_alice, alice_client):
    intake = make_submitted_intake(alice_client, {})
    expires_at = intake.expires_at
    as_alice.post(reverse("dashboard:client-archive", args=[alice_client.pk]))
    intake.refresh_from_db()
    assert intake.expires_at == expires_at
    page = as_alice.get(alice_client.get_absolute_url()).content.decode()
    assert "intake link was cancelled" not in page


def test_archiving_asks_first_then_cancels_the_upcoming_appointments(as_alice, alice_client):
    from schedule.models import Appointment
    from tests.factories import AppointmentTypeFactory, book, next_weekday, open_every_day

    open_every_day(alice_client.therapist)
    massage = AppointmentTypeFactory(practice=alice_client.therapist.therapist.practice)
    visits = [book(alice_client, massage, next_weekday(day, at="10:00")) for day in (1, 3)]
    url = reverse("dashboard:client-archive", args=[alice_client.pk])

    asked = as_alice.post(url).content.decode()
    alice_client.refresh_from_db()
    assert not alice_client.is_archived
    assert "has 2 upcoming appointments" in asked
    assert "Archive and cancel the appointments" in asked

    done = as_alice.post(url, {"cancel_appointments": "yes"}, follow=True).content.decode()
    alice_client.refresh_from_db()
    assert alice_client.is_archived
    assert "2 upcoming appointments cancelled: no reminder goes out." in done
    for visit in visits:
        visit.refresh_from_db()
        assert visit.status == Appointment.Status.CANCELLED
        assert visit.cancellation_reason == "The client's record was archived."


def test_archiving_a_client_through_the_service_cancels_their_upcoming_appointments(
    alice_client,
):
    from dashboard.services import client_archive
    from messaging.models import Message
    from schedule.models import Appointment
    from tests.factories import AppointmentTypeFactory, book, next_weekday, open_every_day

    therapist = alice_client.therapist
    open_every_day(therapist)
    massage = AppointmentTypeFactory(practice=therapist.therapist.practice)
    visit = book(alice_client, massage, next_weekday(2, at="11:00"))

    archived = client_archive(client=alice_client, by=therapist)

    visit.refresh_from_db()
    assert archived.appointments_cancelled == 1
    assert visit.status == Appointment.Status.CANCELLED
    # Its reminder and other pending emails will not go out.
    queued = Message.objects.filter(topic=visit.topic)
    assert queued.exists()
    assert not queued.filter(status=Message.Status.PENDING).exists()
