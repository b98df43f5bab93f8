"""Recording the physician's answer: a clearance lifts the session block, a refusal does not."""

from django.urls import reverse
from django.utils import timezone

from clearance.models import Clearance
from clearance.status import care_status
from referrals import services
from referrals.models import ReferralLetter


def _sent(final):
    return services.letter_mark_sent(
        letter=final, sent_on=timezone.localdate(), sent_via=ReferralLetter.SentVia.FAX
    )


def _reply(**changes):
    return {
        "outcome": "granted",
        "received_on": timezone.localdate().isoformat(),
        "physician_name": "Dr. Helen Park",
        "restrictions": "",
        "notes": "",
        **changes,
    }


def test_recording_a_granted_clearance_lifts_the_block(as_alice, final):
    letter = _sent(final)
    client = letter.client
    assert care_status(client).needs_clearance
    response = as_alice.post(reverse("referrals:letter-reply", args=[letter.pk]), _reply())
    assert response.url == letter.get_absolute_url()
    assert not care_status(client).needs_clearance
    letter.refresh_from_db()
    assert letter.status == ReferralLetter.Status.REPLIED
    assert letter.reply.outcome == Clearance.Outcome.GRANTED
    assert "Cleared" in as_alice.get(letter.get_absolute_url()).content.decode()


def test_restrictions_from_the_physician_are_kept_for_later_sessions(as_alice, final):
    letter = _sent(final)
    as_alice.post(
        reverse("referrals:letter-reply", args=[letter.pk]),
        _reply(outcome="restricted", restrictions="No work on the left calf."),
    )
    status = care_status(letter.client)
    assert not status.needs_clearance
    assert status.physician_restrictions == "No work on the left calf."


def test_a_declined_clearance_keeps_the_block(as_alice, final):
    letter = _sent(final)
    as_alice.post(reverse("referrals:letter-reply", args=[letter.pk]), _reply(outcome="declined"))
    assert care_status(letter.client).needs_clearance
    letter.refresh_from_db()
    assert letter.status == ReferralLetter.Status.REPLIED


def test_restricted_without_restrictions_is_refused_by_the_field(as_alice, final):
    letter = _sent(final)
    response = as_alice.post(
        reverse("referrals:letter-reply", args=[letter.pk]),
        _reply(outcome="restricted", notes="typed note kept"),
    )
    assert response.status_code == 200
    assert "restrictions" in response.context["form"].errors
    assert "typed note kept" in response.content.decode()
    assert not Clearance.objects.exists()
    assert care_status(letter.client).needs_clearance


def test_a_reply_before_the_letter_was_sent_is_refused(as_alice, final):
    letter = services.letter_mark_sent(
        letter=final, sent_on=timezone.localdate(), sent_via=ReferralLetter.SentVia.EMAIL
    )
    earlier = (timezone.localdate() - timezone.timedelta(days=3)).isoformat()
    response = as_alice.post(
        reverse("referrals:letter-reply", args=[letter.pk]), _reply(received_on=earlier)
    )
    assert "received_on" in response.context["form"].errors
    assert not Clearance.objects.exists()


def test_reply_waits_until_the_letter_is_sent(as_alice, final):
    response = as_alice.post(reverse("referrals:letter-reply", args=[final.pk]), _reply())
    assert response.status_code == 302
    assert not Clearance.objects.exists()


def test_clearance_can_be_recorded_from_the_client_page_without_a_letter(as_alice, screened_client):
    page = as_alice.get(screened_client.get_absolute_url()).content.decode()
    url = reverse("referrals:clearance-record", args=[screened_client.pk])
    assert url in page
    form = as_alice.get(url).context["form"]
    assert form.initial["physician_name"] == "Dr. Helen Park"
    response = as_alice.post(url, _reply(notes="Dr Park phoned"))
    assert response.url == screened_client.get_absolute_url()
    clearance = Clearance.objects.get()
    assert not hasattr(clearance, "letter_reply")
    assert clearance.recorded_by == screened_client.therapist
    assert not care_status(screened_client).needs_clearance
