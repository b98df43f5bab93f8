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
