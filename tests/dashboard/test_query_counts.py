"""Every page costs the same number of queries with a few or many clients, intakes, notes and
letters: what grows is bounded by a page, never read row by row."""

import datetime

import pytest
from django.db import connection
from django.test import Client as Browser
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from clients.models import Client
from intake.models import Intake
from referrals import services as referrals
from referrals.models import ReferralLetter
from tests.factories import REFER_ANSWERS, make_note, make_submitted_intake
from tests.intake.questionnaire import SECTION_IDS, form_url, make_link, valid_post


def fill_practice(alice, start, count):
    """Clients on every dashboard panel: to review, needing clearance, letters, sessions."""
    for i in range(start, start + count):
        referred = Client.objects.create(
            therapist=alice,
            first_name=f"Ref{i}",
            last_name="Client",
            physician_name="Dr. Park",
            consent_contact_physician=True,
        )
        make_submitted_intake(referred, REFER_ANSWERS)
        referrals.letter_create_draft(client=referred, author=alice)
        sent = referrals.letter_finalise(
            letter=referrals.letter_create_draft(client=referred, author=alice)
        )
        referrals.letter_mark_sent(letter=sent, sent_on=datetime.date.today(), sent_via="fax")
        seen = Client.objects.create(therapist=alice, first_name=f"Seen{i}", last_name="Client")
        make_submitted_intake(seen, {})
        make_note(seen)


def busy_client(alice, sessions):
    """One client with many sessions, intakes and a letter: the client page's worst case."""
    client = Client.objects.filter(therapist=alice, first_name="Busy").first()
    if client is None:
        client = Client.objects.create(
            therapist=alice, first_name="Busy", last_name="Client", physician_name="Dr. Park"
        )
        referrals.letter_create_draft(client=client, author=alice)
    today = datetime.date.today()
    done = client.session_notes.count()
    for n in range(done, sessions):
        make_note(client, day=today - datetime.timedelta(days=n))
    for _ in range(max(1, sessions // 10) - client.intakes.count()):
        make_submitted_intake(client, {}, reviewed=True)
    # Answered letters: each shows its physician's reply.
    for _ in range(max(1, sessions // 10) - client.clearances.count()):
        draft = ReferralLetter.objects.filter(client=client, status="draft").first()
        draft = draft or referrals.letter_create_draft(client=client, author=alice)
        draft = referrals.letter_update_draft(
            letter=draft,
            data={"physician_name": "Dr. Park", "subject": "Back pain", "reason": "Pain."}
            | {"request": "Please assess."},
        )
        sent = referrals.letter_finalise(letter=draft)
        referrals.letter_mark_sent(letter=sent, sent_on=today, sent_via="client")
        referrals.letter_record_reply(
            letter=sent, recorded_by=alice, outcome="granted", received_on=today
        )
    return client


def queries(browser, method, url, data=None):
    with CaptureQueriesContext(connection) as captured:
        response = getattr(browser, method)(url, data or {})
    assert response.status_code in (200, 302), (url, response.status_code)
    return len(captured), response


def page_queries(browser, alice):
    """Queries of each page, as a dict page -> count."""
    busy = busy_client(alice, 0)
    letter = ReferralLetter.objects.filter(client__therapist=alice, status="sent").first()
    counts = {}
    pages = {
        "dashboard": reverse("dashboard:dashboard"),
        "client_search": reverse("clients:client-list") + "?q=client",
        "client_page": busy.get_absolute_url(),
        "client_timeline": reverse("dashboard:client-timeline", args=[busy.pk]),
        "letter_pdf": reverse("referrals:letter-pdf", args=[letter.pk]),
    }
    for name in ("intakes-to-review", "clients-needing-clearance", "outstanding-letters"):
        pages[name] = reverse(f"dashboard:{name}")
    for page, url in pages.items():
        counts[page], response = queries(browser, "get", url)
        assert response.status_code == 200
    return counts


def submission_queries(client):
    """Queries of a whole submission on the public form (every step, then send)."""
    intake, token = make_link(client)
    answers = valid_post(first_name=client.first_name, last_name=client.last_name)
    answers["consent"]["signature_name"] = client.full_name
    browser = Browser()
    with CaptureQueriesContext(connection) as captured:
        browser.get(form_url(token), follow=True)
        for section in SECTION_IDS:
            browser.post(form_url(token, section), answers[section], follow=True)
    assert Intake.objects.get(pk=intake.pk).is_submitted
    return len(captured)


@pytest.mark.slow
@pytest.mark.django_db
def test_every_page_makes_the_same_queries_with_a_few_or_many_records(
    as_alice, alice, complaint_map
):
    fill_practice(alice, 0, 3)
    busy_client(alice, 3)
    few = page_queries(as_alice, alice)
    few["intake_post"] = submission_queries(Client.objects.get(first_name="Seen0"))

    fill_practice(alice, 3, 14)
    busy_client(alice, 40)
    many = page_queries(as_alice, alice)
    many["intake_post"] = submission_queries(Client.objects.get(first_name="Seen1"))
    assert many == few


@pytest.mark.django_db
def test_dashboard_panels_show_a_bounded_page_and_link_to_the_rest(as_alice, alice):
    fill_practice(alice, 0, 12)
    page = as_alice.get(reverse("dashboard:dashboard")).content.decode()
    panel = page.split('id="clients-needing-clearance"')[1].split("</section>")[0]
    assert panel.count("<li") == 10
    assert "Show all 12" in panel and reverse("dashboard:clients-needing-clearance")
    listed = as_alice.get(reverse("dashboard:clients-needing-clearance"))
    assert listed.content.decode().count("Ref") >= 12


@pytest.mark.parametrize("count", [3, 15])
def test_client_list_queries_do_not_grow_with_the_practice(
    as_alice, alice, complaint_map, django_assert_max_num_queries, count
):
    fill_practice(alice, 0, count)
    # 7 for the page, plus the sign-in's own: the session renewed on every request and the
    # two-factor device check.
    with django_assert_max_num_queries(7 + 5):
        response = as_alice.get(reverse("clients:client-list"), {"q": "client"})
    assert "Ref0" in response.content.decode()


@pytest.mark.django_db
def test_the_letter_panels_count_exactly_the_letters_they_list(as_alice, alice):
    """Each letter panel's "Show all" number is the number of rows its own list has
    (archived clients and corrected letters left out)."""
    fill_practice(alice, 0, 14)
    for i in range(2, 14):
        draft = referrals.letter_create_draft(
            client=Client.objects.get(first_name=f"Ref{i}"), author=alice
        )
        if i > 9:
            referrals.letter_finalise(letter=draft)
    archived = Client.objects.filter(therapist=alice, first_name="Ref0").get()
    archived.archived_at = datetime.datetime.now(datetime.UTC)
    archived.save()
    # As a finalised correction leaves it.
    ReferralLetter.objects.filter(client__first_name="Ref1", status="sent").update(
        superseded_at=datetime.datetime.now(datetime.UTC)
    )
    page = as_alice.get(reverse("dashboard:dashboard")).content.decode()
    panel = page.split('id="outstanding-referrals"')[1].split("</section>")[0]
    sent = ReferralLetter.objects.filter(
        client__therapist=alice,
        client__archived_at__isnull=True,
        superseded_at__isnull=True,
        status="sent",
    ).count()
    unsent = ReferralLetter.objects.filter(
        client__therapist=alice,
        client__archived_at__isnull=True,
        superseded_at__isnull=True,
        status__in=["draft", "final"],
    ).count()
    assert (sent, unsent) == (12, 12)
    assert f"Show all {sent}</a>" in panel.split("Not sent yet")[0]
    assert f"Show all {unsent}</a>" in panel.split("Not sent yet")[1]
