"""A final letter is never edited: a "Save draft" that comes after (or during) a finalise is
refused, and the stored PDF stays exactly as it was made."""

import hashlib

import django.test
import pytest
from django.urls import reverse

from referrals import services
from referrals.models import ReferralLetter
from tests.factories import REFER_ANSWERS, ClientFactory, make_submitted_intake, make_therapist
from tests.integrity.helpers import at_once


def _edit_data(letter, **changes):
    data = {name: getattr(letter, name) for name in ReferralLetter.CONTENT_FIELDS}
    data["consent_contact_physician"] = "on" if letter.consent_contact_physician else ""
    data.update(changes)
    return data


def _assert_final_with_its_pdf(letter):
    letter.refresh_from_db()
    assert letter.status == ReferralLetter.Status.FINAL
    assert letter.pdf and hashlib.sha256(letter.pdf_bytes()).hexdigest() == letter.pdf_sha256


def test_save_draft_from_a_page_opened_before_finalising_is_refused(as_alice, draft):
    edit_url = reverse("referrals:letter-edit", args=[draft.pk])
    as_alice.get(edit_url)  # the therapist's second tab, still showing the draft
    as_alice.post(reverse("referrals:letter-finalise", args=[draft.pk]))

    response = as_alice.post(edit_url, _edit_data(draft, subject="Changed later", save="1"))

    assert response.status_code == 302
    _assert_final_with_its_pdf(draft)
    assert draft.subject != "Changed later"


def test_the_draft_service_refuses_a_final_letter(final):
    with pytest.raises(services.LetterIsFinal):
        services.letter_update_draft(letter=final, data={"subject": "Changed"})
    _assert_final_with_its_pdf(final)


def test_saving_a_draft_writes_only_the_letters_content(draft):
    stale = ReferralLetter.objects.get(pk=draft.pk)
    ReferralLetter.objects.filter(pk=draft.pk).update(version=3)
    services.letter_update_draft(letter=stale, data={"subject": "New Re: line", "version": 9})
    draft.refresh_from_db()
    assert (draft.subject, draft.version) == ("New Re: line", 3)


@pytest.mark.django_db(transaction=True)
def test_finalise_racing_save_draft_leaves_a_final_letter_with_its_pdf():
    # Two browsers of the same therapist, each with its own connection, pressing at once.
    from clients.models import Practice

    practice = Practice.objects.create(name="Harbour Massage Clinic", address="1 Quay Street")
    alice = make_therapist(practice, "alice", "Alice", "Moreau")
    client = ClientFactory(
        therapist=alice, physician_name="Dr. Helen Park", consent_contact_physician=True
    )
    make_submitted_intake(client, REFER_ANSWERS, reviewed=True)
    outcomes = []
    for attempt in range(3):
        letter = services.letter_create_draft(client=client, author=alice)
        edit_url = reverse("referrals:letter-edit", args=[letter.pk])
        browsers = [django.test.Client(), django.test.Client()]
        for browser in browsers:
            browser.force_login(alice)

        def finalise(browser=browsers[0], letter=letter):
            return browser.post(reverse("referrals:letter-finalise", args=[letter.pk]))

        def save_draft(browser=browsers[1], letter=letter, attempt=attempt, url=edit_url):
            return browser.post(url, _edit_data(letter, subject=f"Edited {attempt}", save="1"))

        finalised, saved = at_once(finalise, save_draft)
        assert finalised.status_code == saved.status_code == 302
        _assert_final_with_its_pdf(letter)
        outcomes.append(letter.subject == f"Edited {attempt}")
        # A correction (a new draft) for the next attempt would need this one to be final.
        assert not ReferralLetter.objects.filter(client=client, status="draft").exists()
    # Either order is right (the edit lands before the PDF is made, or is refused); what is
    # never right is a final letter turned back into a draft.
    assert len(outcomes) == 3
