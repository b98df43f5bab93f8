"""Emailing the self-care handout to the client: the PDF attached, nothing clinical in the body."""

import smtplib

import pytest
from django.core import mail
from django.urls import reverse

from notes import services
from notes.complaint_map import SELF_CARE
from tests.pdf import pdf_text

ITEMS = ["piriformis_stretch", "ball_release"]


@pytest.fixture
def given(note):
    services.note_update(note=note, data={"self_care": ITEMS, "self_care_notes": ""})
    return note


def _email(client, note, **kwargs):
    return client.post(reverse("notes:handout-email", args=[note.pk]), **kwargs)


def test_handout_is_emailed_to_the_client_as_a_pdf(as_alice, given, tmp_path):
    response = _email(as_alice, given, follow=True)

    assert response.redirect_chain[-1][0] == given.get_absolute_url()
    assert "The self-care handout was emailed to zoe.nunez@example.com." in (
        response.content.decode()
    )
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["zoe.nunez@example.com"]
    assert message.reply_to == ["desk@harbour.example"]
    assert "Harbour Massage Clinic" in message.subject
    assert "Your self-care sheet is attached." in message.body
    [(filename, content, mimetype)] = message.attachments
    assert mimetype == "application/pdf"
    assert filename.startswith("self-care-nunez-zoe-") and filename.endswith(".pdf")
    text = " ".join(pdf_text(content, tmp_path, "attached.pdf").split())
    assert "Zoë Núñez" in text
    for spec in SELF_CARE:
        if spec["id"] in ITEMS:
            assert spec["label"] in text
            assert " ".join(spec["instructions"].split()) in text


def test_the_email_body_says_nothing_about_health(as_alice, given):
    _email(as_alice, given)

    body = mail.outbox[0].body + mail.outbox[0].subject
    for detail in ("Piriformis", "Ball release", "tennis", "pain", "physician", "massage"):
        assert detail.lower() not in body.lower().replace("massage clinic", "")


def test_it_checks_ownership(as_bob, given):
    response = _email(as_bob, given)

    assert response.status_code == 404
    assert mail.outbox == []


def test_a_get_sends_nothing(as_alice, given):
    assert as_alice.get(reverse("notes:handout-email", args=[given.pk])).status_code == 405
    assert mail.outbox == []


def test_a_client_without_email_gets_no_email_and_the_button_says_why(
    as_alice, given, alice_client
):
    alice_client.email = ""
    alice_client.save()
    page = as_alice.get(given.get_absolute_url()).content.decode()
    assert "has no email address on file" in page
    assert reverse("notes:handout-email", args=[given.pk]) not in page

    response = _email(as_alice, given, follow=True)
    assert "has no email address" in response.content.decode()
    assert mail.outbox == []


def test_the_note_page_offers_to_email_the_handout(as_alice, given):
    page = as_alice.get(given.get_absolute_url()).content.decode()
    assert reverse("notes:handout-email", args=[given.pk]) in page
    assert "Email the handout to zoe.nunez@example.com" in page


@pytest.mark.parametrize(
    "error", [smtplib.SMTPRecipientsRefused({}), ConnectionRefusedError(), TimeoutError()]
)
def test_a_failed_email_says_so_without_an_error_page(as_alice, given, monkeypatch, error):
    def refuse(self, fail_silently=False):
        raise error

    monkeypatch.setattr("django.core.mail.EmailMessage.send", refuse)
    response = _email(as_alice, given, follow=True)

    assert response.status_code == 200
    assert "The email could not be sent." in response.content.decode()
    assert "was emailed" not in response.content.decode()


def test_emailing_leaves_the_pdf_download_uncached(as_alice, given):
    _email(as_alice, given)
    response = as_alice.get(reverse("notes:handout-pdf", args=[given.pk]))
    assert "no-store" in response["Cache-Control"]
