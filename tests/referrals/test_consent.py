"""Without the client's consent the practice does not write to the physician itself."""

from django.urls import reverse
from django.utils import timezone

from referrals import services
from referrals.models import ReferralLetter
from tests.pdf import pdf_text


def test_letter_without_consent_is_marked_for_the_client_to_carry(
    as_alice, screened_client, alice, tmp_path
):
    screened_client.consent_contact_physician = False
    screened_client.save()
    letter = services.letter_create_draft(client=screened_client, author=alice)
    assert letter.consent_contact_physician is False

    page = as_alice.get(letter.get_absolute_url()).content.decode()
    assert "To be carried by the client — not sent by the practice" in page

    final = services.letter_finalise(letter=letter)
    text = pdf_text(final.pdf_bytes(), tmp_path)
    assert "To be carried by the client — not sent by the practice" in text


def test_letter_with_consent_carries_no_such_mark(final, tmp_path):
    assert "To be carried by the client" not in pdf_text(final.pdf_bytes(), tmp_path)


def test_mark_sent_offers_only_given_to_the_client_without_consent(
    as_alice, screened_client, alice
):
    screened_client.consent_contact_physician = False
    screened_client.save()
    letter = services.letter_finalise(
        letter=services.letter_create_draft(client=screened_client, author=alice)
    )
    url = reverse("referrals:letter-mark-sent", args=[letter.pk])
    form = as_alice.get(url).context["form"]
    assert [value for value, _ in form.fields["sent_via"].choices] == ["client"]

    response = as_alice.post(url, {"sent_on": timezone.localdate().isoformat(), "sent_via": "fax"})
    assert response.status_code == 200
    assert "sent_via" in response.context["form"].errors
    letter.refresh_from_db()
    assert letter.status == ReferralLetter.Status.FINAL

    as_alice.post(url, {"sent_on": timezone.localdate().isoformat(), "sent_via": "client"})
    letter.refresh_from_db()
    assert letter.status == ReferralLetter.Status.SENT
    assert letter.sent_via == "client"


def test_therapist_can_record_consent_on_the_draft(as_alice, screened_client, alice):
    screened_client.consent_contact_physician = False
    screened_client.save()
    letter = services.letter_create_draft(client=screened_client, author=alice)
    data = {
        "physician_name": letter.physician_name,
        "subject": letter.subject,
        "reason": letter.reason,
        "request": letter.request,
        "consent_contact_physician": "on",
    }
    as_alice.post(reverse("referrals:letter-edit", args=[letter.pk]), data)
    letter.refresh_from_db()
    assert letter.consent_contact_physician is True


def test_mark_sent_rejects_a_future_date(as_alice, final):
    url = reverse("referrals:letter-mark-sent", args=[final.pk])
    tomorrow = timezone.localdate() + timezone.timedelta(days=1)
    response = as_alice.post(url, {"sent_on": tomorrow.isoformat(), "sent_via": "email"})
    assert "cannot be in the future" in response.content.decode()
    final.refresh_from_db()
    assert final.status == ReferralLetter.Status.FINAL
