"""What the letter says, as issue 18's readers found it: the client's name where "Their
answers" stood, a closing request that fits a caution, the physician's fax, and "today"
instead of "(0 days ago)"."""

import datetime

from django.urls import reverse
from django.utils import timezone

from referrals import services
from referrals.models import ReferralLetter
from referrals.selectors import draft_content
from tests.factories import make_submitted_intake
from tests.pdf import pdf_text


def _flat(text):
    return " ".join(text.split())


def test_the_reason_names_the_client_instead_of_their(screened_client):
    reason = draft_content(screened_client).fields["reason"]
    assert "Zoë's answers raise the following concerns" in reason
    assert "Their answers" not in reason


def test_a_letter_about_a_flag_needing_a_physician_holds_massage(screened_client):
    request = draft_content(screened_client).fields["request"]
    assert "Until I hear from you I will not provide massage treatment." in request


def test_a_letter_about_a_caution_does_not_say_massage_stops(alice_client):
    make_submitted_intake(alice_client, {"anticoagulants": True}, reviewed=True)
    content = draft_content(alice_client)
    assert {flag["tier"] for flag in content.screening.flags} == {"caution"}
    request = content.fields["request"]
    assert "I will not provide massage" not in request
    assert "advice on any restrictions" in request
    assert "In the meantime I will continue treatment, observing these precautions:" in request
    assert "A reply form is at the end of this letter." in request


def test_the_physicians_fax_is_on_the_client_form_and_under_the_address(
    as_alice, alice, screened_client, tmp_path
):
    url = reverse("clients:client-update", args=[screened_client.pk])
    page = as_alice.get(url).content.decode()
    assert 'name="physician_fax"' in page
    data = {
        "first_name": "Zoë",
        "last_name": "Núñez",
        "physician_name": "Dr. Helen Park",
        "physician_address": "40 Station Road\nRiverside\nRV1 2AB",
        "physician_fax": " +1 555  010 7070 ",
        "consent_contact_physician": "on",
    }
    assert as_alice.post(url, data).status_code == 302
    screened_client.refresh_from_db()
    assert screened_client.physician_fax == "+1 555 010 7070"
    assert "Fax</dt><dd>+1 555 010 7070" in as_alice.get(
        screened_client.get_absolute_url()
    ).content.decode().replace("\n", "").replace("        ", "")
    letter = services.letter_finalise(
        letter=services.letter_create_draft(client=screened_client, author=alice)
    )
    text = pdf_text(letter.pdf_bytes(), tmp_path)
    assert "Fax +1 555 010 7070" in text
    assert text.index("RV1 2AB") < text.index("Fax +1 555 010 7070") < text.index("Dear")


def test_a_bad_fax_number_is_refused_by_the_field(as_alice, screened_client):
    url = reverse("clients:client-update", args=[screened_client.pk])
    data = {"first_name": "Zoë", "last_name": "Núñez", "physician_fax": "12"}
    page = as_alice.post(url, data).content.decode()
    assert "Enter a phone number with 6 to 15 digits" in page
    assert 'value="12"' in page


def test_a_letter_sent_today_says_today_not_0_days_ago(as_alice, final):
    sent = services.letter_mark_sent(
        letter=final, sent_on=timezone.localdate(), sent_via=ReferralLetter.SentVia.CLIENT
    )
    for url in (reverse("referrals:letter-detail", args=[sent.pk]), sent.client.get_absolute_url()):
        page = as_alice.get(url).content.decode()
        assert "(today)" in page, url
        assert "0 days ago" not in page
    sent.sent_on = timezone.localdate() - datetime.timedelta(days=1)
    assert sent.sent_ago == "yesterday"
    sent.sent_on = timezone.localdate() - datetime.timedelta(days=12)
    assert sent.sent_ago == "12 days ago"
