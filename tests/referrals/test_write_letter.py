"""Writing a letter from the client page: the draft, its form, finalising and correcting."""

import hashlib
from pathlib import Path

from django.conf import settings
from django.urls import reverse

from referrals.models import ReferralLetter
from tests.pdf import pdf_text


def _form_data(letter, **changes):
    data = {
        "physician_name": letter.physician_name,
        "physician_practice": letter.physician_practice,
        "physician_address": letter.physician_address,
        "subject": letter.subject,
        "reason": letter.reason,
        "complaint": letter.complaint,
        "history": letter.history,
        "findings": letter.findings,
        "request": letter.request,
    }
    if letter.consent_contact_physician:
        data["consent_contact_physician"] = "on"
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


def test_client_page_offers_to_write_a_letter_when_flags_ask_for_one(as_alice, screened_client):
    page = as_alice.get(screened_client.get_absolute_url()).content.decode()
    assert "Write referral letter" in page
    assert reverse("referrals:letter-create", args=[screened_client.pk]) in page
    assert "Referrals" in page and "No referral letters yet" in page


def test_write_letter_creates_a_draft_prefilled_from_the_record(as_alice, screened_client):
    response = as_alice.post(reverse("referrals:letter-create", args=[screened_client.pk]))
    letter = ReferralLetter.objects.get(client=screened_client)
    assert response.url == reverse("referrals:letter-edit", args=[letter.pk])
    assert letter.status == ReferralLetter.Status.DRAFT
    assert letter.physician_name == "Dr. Helen Park"
    assert letter.physician_address.startswith("40 Station Road")
    assert letter.consent_contact_physician is True
    flags = letter.screening.flags
    reason_lines = [line for line in letter.reason.splitlines() if line.startswith("- ")]
    assert [line[2:] for line in reason_lines] == [f["physician_sentence"] for f in flags]
    assert "wakes me up at night" in letter.complaint
    assert "more than 12 weeks" in letter.complaint
    assert "4/10" in letter.complaint and "7/10" in letter.complaint
    assert "Breast cancer 2019" in letter.history
    assert "Apixaban" in letter.history
    assert "assess Zoë" in letter.request
    # The clot flag's restriction is offered as a precaution.
    assert "never massage the limb with the clot" in letter.request

    page = as_alice.get(response.url).content.decode()
    assert "Dr. Helen Park" in page
    assert 'name="reason"' in page


def test_second_click_reopens_the_draft_instead_of_duplicating(as_alice, draft):
    response = as_alice.post(reverse("referrals:letter-create", args=[draft.client.pk]))
    assert response.url == reverse("referrals:letter-edit", args=[draft.pk])
    assert ReferralLetter.objects.count() == 1


def test_editing_the_draft_saves_every_section(as_alice, draft):
    url = reverse("referrals:letter-edit", args=[draft.pk])
    data = _form_data(
        draft,
        physician_name="  Dr.   Ana   Ruiz ",
        findings="Tender L4-L5 paraspinals.\n- Light effleurage only",
    )
    response = as_alice.post(url, data)
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.physician_name == "Dr. Ana Ruiz"
    assert draft.findings == "Tender L4-L5 paraspinals.\n- Light effleurage only"
    assert draft.status == ReferralLetter.Status.DRAFT


def test_bad_input_is_shown_by_the_field_and_nothing_is_saved(as_alice, draft):
    url = reverse("referrals:letter-edit", args=[draft.pk])
    before = draft.updated_at
    response = as_alice.post(
        url,
        _form_data(
            draft,
            physician_name="   ",
            history="Typed history that must come back",
            request="x" * 4001,
        ),
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "Nothing has been saved yet" in page
    form = response.context["form"]
    assert "physician_name" in form.errors
    assert "request" in form.errors
    assert "Typed history that must come back" in page
    draft.refresh_from_db()
    assert draft.updated_at == before
    assert draft.history != "Typed history that must come back"


def test_save_and_finalise_stores_the_pdf_and_its_sha256(as_alice, draft):
    url = reverse("referrals:letter-edit", args=[draft.pk])
    response = as_alice.post(url, {**_form_data(draft), "finalise": ""})
    assert response.url == draft.get_absolute_url()
    draft.refresh_from_db()
    assert draft.status == ReferralLetter.Status.FINAL
    assert draft.pdf.name.startswith("letters/")
    stored = (Path(settings.MEDIA_ROOT) / draft.pdf.name).read_bytes()
    assert stored.startswith(b"%PDF")
    assert draft.pdf_sha256 == hashlib.sha256(stored).hexdigest()
    assert draft.letter_date is not None


def test_a_draft_without_a_physician_cannot_be_finalised(as_alice, draft):
    ReferralLetter.objects.filter(pk=draft.pk).update(physician_name="")
    response = as_alice.post(reverse("referrals:letter-finalise", args=[draft.pk]), follow=True)
    assert "Add the physician&#x27;s name before finalising." in response.content.decode()
    draft.refresh_from_db()
    assert draft.status == ReferralLetter.Status.DRAFT and not draft.pdf


def test_a_final_letter_cannot_be_edited(as_alice, final):
    url = reverse("referrals:letter-edit", args=[final.pk])
    sha = final.pdf_sha256
    response = as_alice.post(url, _form_data(final, physician_name="Dr. Someone Else"))
    assert response.status_code == 302
    final.refresh_from_db()
    assert final.physician_name == "Dr. Helen Park"
    assert final.pdf_sha256 == sha
    assert "cannot be edited" in as_alice.get(response.url).content.decode()


def test_download_serves_the_stored_bytes_with_private_headers(as_alice, final):
    response = as_alice.get(reverse("referrals:letter-pdf", args=[final.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content == final.pdf_bytes()
    assert response["ETag"] == f'"{final.pdf_sha256}"'
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
    disposition = response["Content-Disposition"]
    assert f'filename="referral-nunez-zoe-{final.letter_date.isoformat()}-v1.pdf"' in disposition


def test_a_draft_has_no_final_pdf_but_a_preview(as_alice, draft):
    assert as_alice.get(reverse("referrals:letter-pdf", args=[draft.pk])).status_code == 404
    preview = as_alice.get(reverse("referrals:letter-preview", args=[draft.pk]))
    assert preview.status_code == 200
    assert preview.content.startswith(b"%PDF")


def test_final_bytes_do_not_change_when_the_template_changes(as_alice, final, settings, tmp_path):
    url = reverse("referrals:letter-pdf", args=[final.pk])
    first = as_alice.get(url).content
    other = tmp_path / "templates" / "referrals"
    other.mkdir(parents=True)
    (other / "letter_pdf.html").write_text("<p>A completely different letter layout</p>")
    settings.TEMPLATES = [
        {**settings.TEMPLATES[0], "DIRS": [tmp_path / "templates", *settings.TEMPLATES[0]["DIRS"]]}
    ]
    from referrals import services

    # The new template is live: a draft rendered now uses it...
    rendered_now = services.render_pdf("referrals/letter_pdf.html", {})
    assert "A completely different letter layout" in pdf_text(rendered_now, tmp_path)
    # ...but the final letter is served as it was stored.
    second = as_alice.get(url)
    assert second.content == first
    assert second["ETag"] == f'"{final.pdf_sha256}"'
    assert hashlib.sha256(second.content).hexdigest() == final.pdf_sha256
    final.refresh_from_db()
    assert final.pdf_bytes() == first


def test_correction_is_a_new_version_and_supersedes_when_finalised(as_alice, final):
    response = as_alice.post(reverse("referrals:letter-correct", args=[final.pk]))
    correction = ReferralLetter.objects.get(corrects=final)
    assert response.url == reverse("referrals:letter-edit", args=[correction.pk])
    assert correction.version == 2
    assert correction.reason == final.reason and correction.request == final.request
    final.refresh_from_db()
    assert not final.is_superseded  # the old letter stands until the correction is final

    as_alice.post(
        reverse("referrals:letter-edit", args=[correction.pk]),
        {**_form_data(correction, physician_name="Dr. Helen Park-Lee"), "finalise": ""},
    )
    correction.refresh_from_db()
    final.refresh_from_db()
    assert correction.status == ReferralLetter.Status.FINAL
    assert final.is_superseded
    assert correction.pdf_sha256 != final.pdf_sha256

    page = as_alice.get(final.get_absolute_url()).content.decode()
    assert "Superseded" in page and "version 2" in page
    client_page = as_alice.get(final.client.get_absolute_url()).content.decode()
    assert "Version 1" in client_page and "Version 2" in client_page


def test_deleting_a_draft_leaves_final_letters_alone(as_alice, final):
    response = as_alice.post(reverse("referrals:letter-delete", args=[final.pk]))
    assert response.status_code == 302
    assert ReferralLetter.objects.filter(pk=final.pk).exists()
