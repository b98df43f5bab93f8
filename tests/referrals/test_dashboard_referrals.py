"""The dashboard's outstanding referral letters: the longest waiting (overdue) first."""

import datetime

from django.urls import reverse
from django.utils import timezone

from clients.models import Client
from referrals import services
from referrals.models import ReferralLetter
from tests.factories import REFER_ANSWERS, make_submitted_intake


def _sent_letter(alice, first, last, days_ago):
    client = Client.objects.create(
        therapist=alice,
        first_name=first,
        last_name=last,
        date_of_birth=datetime.date(1970, 1, 1),
        physician_name=f"Dr. {last}-Physician",
        consent_contact_physician=True,
    )
    make_submitted_intake(client, REFER_ANSWERS)
    letter = services.letter_create_draft(client=client, author=alice)
    sent_on = timezone.localdate() - datetime.timedelta(days=days_ago)
    letter = services.letter_finalise(letter=letter, on_date=sent_on)
    return services.letter_mark_sent(letter=letter, sent_on=sent_on, sent_via="post")


def test_overdue_referrals_come_first_with_days_and_a_word_marker(as_alice, alice):
    _sent_letter(alice, "Recent", "Three", 3)
    _sent_letter(alice, "Older", "Twenty", 20)
    _sent_letter(alice, "Borderline", "Fourteen", 14)
    _sent_letter(alice, "Oldest", "Forty", 40)

    response = as_alice.get(reverse("dashboard:dashboard"))
    letters = response.context["outstanding_referrals"]
    assert [letter.client.first_name for letter in letters] == [
        "Oldest",
        "Older",
        "Borderline",
        "Recent",
    ]
    assert [letter.is_overdue for letter in letters] == [True, True, False, False]
    panel = response.content.decode().split('id="outstanding-referrals"')[1]
    assert panel.count(">Overdue</span>") == 2
    assert "sent 40 days ago" in panel and "sent 3 days ago" in panel
    assert panel.index("Oldest Forty") < panel.index("Recent Three")


def test_replied_and_superseded_letters_are_not_outstanding(as_alice, alice):
    answered = _sent_letter(alice, "Answered", "Client", 20)
    services.letter_record_reply(
        letter=answered, recorded_by=alice, outcome="granted", received_on=timezone.localdate()
    )
    corrected = _sent_letter(alice, "Corrected", "Client", 20)
    services.letter_finalise(letter=services.letter_correct(letter=corrected, author=alice))
    response = as_alice.get(reverse("dashboard:dashboard"))
    assert response.context["outstanding_referrals"] == []
    # The finalised correction waits to be sent.
    unfinished = response.context["unfinished_referrals"]
    assert [(letter.client.first_name, letter.version) for letter in unfinished] == [
        ("Corrected", 2)
    ]


def test_drafts_are_listed_on_the_dashboard(as_alice, draft):
    response = as_alice.get(reverse("dashboard:dashboard"))
    assert response.context["unfinished_referrals"] == [draft]
    page = response.content.decode()
    assert reverse("referrals:letter-edit", args=[draft.pk]) in page
    assert "draft, last edited" in page


def test_sent_letter_shows_on_client_page_with_status_and_pdf_link(as_alice, final):
    letter = services.letter_mark_sent(
        letter=final, sent_on=timezone.localdate(), sent_via=ReferralLetter.SentVia.EMAIL
    )
    page = as_alice.get(letter.client.get_absolute_url()).content.decode()
    section = page.split('id="client-referrals"')[1]
    assert "Version 1" in section
    assert "Sent, awaiting reply" in section
    assert "Sent by email" in section
    assert reverse("referrals:letter-pdf", args=[letter.pk]) in section
