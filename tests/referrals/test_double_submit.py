"""A double click (or the browser re-sending a form) must not record things twice."""

import pytest
from django.urls import reverse
from django.utils import timezone

from clearance.models import Clearance
from clearance.status import care_status
from referrals import services
from referrals.models import ReferralLetter


def _reply(**changes):
    return {
        "outcome": "restricted",
        "restrictions": "No deep pressure on the lower back.",
        "received_on": timezone.localdate().isoformat(),
        "physician_name": "Dr. Helen Park",
        "notes": "Faxed back.",
        **changes,
    }


@pytest.fixture
def sent(final):
    return services.letter_mark_sent(
        letter=final, sent_on=timezone.localdate(), sent_via=ReferralLetter.SentVia.FAX
    )


def test_recording_the_same_reply_twice_keeps_one(as_alice, sent):
    url = reverse("referrals:letter-reply", args=[sent.pk])
    first = as_alice.post(url, _reply())
    second = as_alice.post(url, _reply())

    assert first.status_code == second.status_code == 302
    assert sent.replies.count() == 1
    page = as_alice.get(sent.get_absolute_url()).content.decode()
    assert page.count("No deep pressure on the lower back.") == 1


def test_recording_the_same_clearance_twice_from_the_client_page_keeps_one(
    as_alice, screened_client
):
    url = reverse("referrals:clearance-record", args=[screened_client.pk])
    as_alice.post(url, _reply(outcome="granted", restrictions=""))
    as_alice.post(url, _reply(outcome="granted", restrictions=""))
    assert Clearance.objects.filter(client=screened_client).count() == 1


def test_a_different_answer_is_still_recorded(as_alice, sent):
    url = reverse("referrals:letter-reply", args=[sent.pk])
    as_alice.post(url, _reply(outcome="declined", restrictions=""))
    as_alice.post(url, _reply())
    assert sent.replies.count() == 2
    assert not care_status(sent.client).needs_clearance


def test_going_back_to_an_earlier_answer_is_recorded(as_alice, screened_client):
    # Granted, then declined by mistake, then granted again: the last answer must count.
    url = reverse("referrals:clearance-record", args=[screened_client.pk])
    for outcome in ("granted", "declined", "granted"):
        as_alice.post(url, _reply(outcome=outcome, restrictions=""))
    assert Clearance.objects.filter(client=screened_client).count() == 3
    assert not care_status(screened_client).needs_clearance


def test_finalising_twice_keeps_the_first_pdf(as_alice, draft):
    url = reverse("referrals:letter-finalise", args=[draft.pk])
    as_alice.post(url)
    draft.refresh_from_db()
    sha, finalised_at = draft.pdf_sha256, draft.finalised_at
    as_alice.post(url)
    draft.refresh_from_db()
    assert (draft.pdf_sha256, draft.finalised_at) == (sha, finalised_at)


def test_marking_sent_twice_keeps_the_first_date(as_alice, final):
    url = reverse("referrals:letter-mark-sent", args=[final.pk])
    today = timezone.localdate()
    as_alice.post(url, {"sent_on": today.isoformat(), "sent_via": "fax"})
    as_alice.post(url, {"sent_on": today.isoformat(), "sent_via": "email"})
    final.refresh_from_db()
    assert (final.status, final.sent_via) == (ReferralLetter.Status.SENT, "fax")
