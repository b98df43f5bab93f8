"""The therapist creates an intake link: from the dashboard for a new client, or from the
client's page. The link is shown once; only its hash is kept."""

import base64
import re
from datetime import timedelta

import pytest
from django.conf import settings
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from clients.models import Client
from intake.models import Intake, hash_token

LINK = re.compile(r'value="(?P<url>[^"]+/intake/f/(?P<token>[A-Za-z0-9_-]+)/)"')


def shown_link(response):
    match = LINK.search(response.content.decode())
    assert match, "the page shows no intake link"
    return match["url"], match["token"]


def test_dashboard_has_a_send_intake_link_button(as_alice):
    html = as_alice.get(reverse("dashboard:dashboard")).content.decode()
    assert f'href="{reverse("intake:link-create")}"' in html
    assert "Send intake link" in html


def test_new_client_link_from_the_dashboard_shows_the_full_link_once(as_alice, alice):
    response = as_alice.post(
        reverse("intake:link-create"),
        {"first_name": "  Aisha ", "last_name": "Haddad", "email": "", "days": "14"},
    )
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    url, token = shown_link(response)
    assert url == settings.SITE_URL + reverse("intake:form", kwargs={"token": token})
    assert "will not be shown again" in response.content.decode()
    assert len(base64.urlsafe_b64decode(token + "=" * (-len(token) % 4))) * 8 >= 128

    client = Client.objects.get(therapist=alice, last_name="Haddad")
    assert client.first_name == "Aisha"
    intake = Intake.objects.get(client=client)
    assert intake.token_hash == hash_token(token)
    assert intake.is_open
    assert not mail.outbox


def test_the_token_itself_is_nowhere_in_the_database(as_alice, capsys):
    response = as_alice.post(
        reverse("intake:link-create"),
        {"first_name": "Aisha", "last_name": "Haddad", "email": "a@example.com", "days": "14"},
    )
    _, token = shown_link(response)
    call_command("dumpdata", "intake", "clients", "sessions")
    dump = capsys.readouterr().out
    assert hash_token(token) in dump
    assert token not in dump


def test_the_shown_link_opens_the_clients_form(as_alice, client):
    response = as_alice.post(
        reverse("intake:link-create"),
        {"first_name": "Aisha", "last_name": "Haddad", "days": "14"},
    )
    url, _ = shown_link(response)
    client.logout()
    form = client.get(url.removeprefix(settings.SITE_URL), follow=True)
    assert form.status_code == 200
    assert "About you" in form.content.decode()


def test_new_client_form_shows_messages_by_the_fields_and_keeps_what_was_typed(as_alice):
    response = as_alice.post(
        reverse("intake:link-create"),
        {"first_name": "Aisha", "last_name": " ", "email": "", "send_email": "on", "days": "99"},
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Enter the client&#x27;s last name." in html
    assert "Enter the client&#x27;s email address to email the link." in html
    assert "Ensure this value is less than or equal to 60." in html
    assert 'value="Aisha"' in html
    assert not Client.objects.exists()
    assert not Intake.objects.exists()


def test_link_from_the_client_page_can_be_emailed(as_alice, alice_client):
    alice_client.medications = "Warfarin 5 mg"
    alice_client.conditions = "Atrial fibrillation"
    alice_client.save()
    page = as_alice.get(reverse("intake:client-link-create", args=[alice_client.pk]))
    assert 'value="zoe.nunez@example.com"' in page.content.decode()

    response = as_alice.post(
        reverse("intake:client-link-create", args=[alice_client.pk]),
        {"email": "zoe.nunez@example.com", "send_email": "on", "days": "7"},
    )
    url, token = shown_link(response)
    assert "The link was emailed to zoe.nunez@example.com." in response.content.decode()

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["zoe.nunez@example.com"]
    assert message.reply_to == ["desk@harbour.example"]
    assert "Harbour Massage Clinic" in message.subject
    assert url in message.body
    assert "Harbour Massage Clinic" in message.body
    intake = Intake.objects.get(client=alice_client)
    assert f"{timezone.localtime(intake.expires_at):%-d %B %Y}" in message.body
    assert intake.expires_at - intake.created_at == pytest.approx(
        timedelta(days=7), abs=timedelta(seconds=5)
    )
    for health_detail in ("Warfarin", "fibrillation", "screen", "tier"):
        assert health_detail not in message.body
    assert intake.sent_to_email == "zoe.nunez@example.com"
    assert intake.sent_at is not None


def test_a_failed_email_still_shows_the_link_to_copy(as_alice, alice_client, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 9, 2
    response = as_alice.post(
        reverse("intake:client-link-create", args=[alice_client.pk]),
        {"email": "zoe.nunez@example.com", "send_email": "on", "days": "14"},
    )
    assert response.status_code == 200
    shown_link(response)
    assert "The email could not be sent." in response.content.decode()
    assert Intake.objects.get(client=alice_client).sent_at is None


def test_a_new_link_cancels_the_clients_older_unused_links(as_alice, alice_client):
    url = reverse("intake:client-link-create", args=[alice_client.pk])
    _, first_token = shown_link(as_alice.post(url, {"days": "14"}))
    page = as_alice.get(url).content.decode()
    assert "already has a link" in page and "Resend" in page
    _, second_token = shown_link(as_alice.post(url, {"days": "14"}))

    first = Intake.objects.get(token_hash=hash_token(first_token))
    second = Intake.objects.get(token_hash=hash_token(second_token))
    assert not first.is_open and first.is_expired
    assert second.is_open


def test_a_new_link_leaves_submitted_intakes_alone(as_alice, alice_client):
    from tests.factories import make_submitted_intake

    submitted = make_submitted_intake(alice_client, {})
    as_alice.post(reverse("intake:client-link-create", args=[alice_client.pk]), {"days": "14"})
    submitted.refresh_from_db()
    assert submitted.expires_at > timezone.now()
    assert submitted.is_submitted


def test_client_page_shows_the_open_link_and_can_cancel_it(as_alice, alice_client):
    as_alice.post(
        reverse("intake:client-link-create", args=[alice_client.pk]),
        {"email": "zoe.nunez@example.com", "send_email": "on", "days": "14"},
    )
    intake = Intake.objects.get(client=alice_client)
    page = as_alice.get(alice_client.get_absolute_url()).content.decode()
    assert "Sent" in page and "link works until" in page
    assert "emailed to zoe.nunez@example.com" in page
    assert "Send intake link" in page

    response = as_alice.post(reverse("intake:link-cancel", args=[intake.pk]), follow=True)
    assert "The link was cancelled." in response.content.decode()
    intake.refresh_from_db()
    assert not intake.is_open


def test_archived_client_gets_no_link(as_alice, alice_client):
    alice_client.archived_at = timezone.now()
    alice_client.save()
    response = as_alice.post(
        reverse("intake:client-link-create", args=[alice_client.pk]), {"days": "14"}
    )
    assert response.status_code == 302
    assert not Intake.objects.exists()


def test_it_checks_ownership(as_bob, alice_client):
    url = reverse("intake:client-link-create", args=[alice_client.pk])
    assert as_bob.get(url).status_code == 404
    assert as_bob.post(url, {"days": "14"}).status_code == 404
    assert not Intake.objects.exists()


def test_it_checks_ownership_of_cancel(as_bob, alice_client):
    from intake.services import intake_link_create

    intake, _ = intake_link_create(therapist=alice_client.therapist, client=alice_client)
    assert as_bob.post(reverse("intake:link-cancel", args=[intake.pk])).status_code == 404
    intake.refresh_from_db()
    assert intake.is_open


@pytest.mark.parametrize("name", ["intake:link-create", "intake:client-link-create"])
def test_anonymous_is_sent_to_log_in(client, alice_client, name):
    url = reverse(name, args=[alice_client.pk] if name.startswith("intake:client") else [])
    for response in (client.get(url), client.post(url, {"first_name": "A", "last_name": "B"})):
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))
    assert not Intake.objects.exists()
    assert Client.objects.count() == 1


def test_anonymous_cannot_cancel_a_link(client, alice_client):
    from intake.services import intake_link_create

    intake, _ = intake_link_create(therapist=alice_client.therapist, client=alice_client)
    response = client.post(reverse("intake:link-cancel", args=[intake.pk]))
    assert response["Location"].startswith(reverse("login"))
    intake.refresh_from_db()
    assert intake.is_open
