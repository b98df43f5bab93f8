"""A create form posted twice (a double click, back and resubmit) makes one record, and the
second post lands on it."""

import re

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse

from clients.models import Client
from intake.models import Intake, Screening
from notes.models import NoteAmendment, SessionNote
from referrals.models import ReferralLetter
from tests.factories import REFER_ANSWERS, make_submitted_intake, note_form_data
from tests.intake.questionnaire import make_link

KEY_RE = re.compile(r'name="submission_key" value="([^"]+)"')


def _key(page):
    """The one-time key of the form on `page`, as the browser would post it."""
    match = KEY_RE.search(page.content.decode())
    assert match, "the form carries its one-time key"
    return match.group(1)


def _link_url(page):
    return re.search(r"https?://[^\s\"<]+/intake/f/[^\s\"<]+", page.content.decode()).group(0)


def test_create_link_clicked_twice_leaves_one_live_link_and_shows_it_both_times(
    as_alice, alice_client
):
    url = reverse("intake:client-link-create", args=[alice_client.pk])
    data = {"email": "", "days": "14", "submission_key": _key(as_alice.get(url))}

    first = as_alice.post(url, data)
    second = as_alice.post(url, data)

    assert first.status_code == second.status_code == 200
    live = [intake for intake in Intake.objects.filter(client=alice_client) if intake.is_open]
    assert len(live) == 1
    assert _link_url(first) == _link_url(second)
    assert "already made by this form" in second.content.decode()


def test_a_new_form_still_replaces_the_unused_link(as_alice, alice_client):
    url = reverse("intake:client-link-create", args=[alice_client.pk])
    for _ in range(2):
        as_alice.post(url, {"email": "", "days": "14", "submission_key": _key(as_alice.get(url))})
    links = Intake.objects.filter(client=alice_client)
    assert links.count() == 2
    assert [intake.is_open for intake in links.order_by("created_at")] == [False, True]


def test_new_client_link_posted_twice_adds_the_client_once(as_alice, alice):
    url = reverse("intake:link-create")
    data = {
        "first_name": "Fatima",
        "last_name": "Bello",
        "email": "",
        "days": "14",
        "submission_key": _key(as_alice.get(url)),
    }
    first = as_alice.post(url, data)
    second = as_alice.post(url, data)
    assert first.status_code == second.status_code == 200
    assert Client.objects.filter(last_name="Bello").count() == 1
    assert Intake.objects.filter(client__last_name="Bello").count() == 1
    assert _link_url(first) == _link_url(second)


def test_a_used_link_is_not_shown_again_by_a_resubmitted_form(as_alice, alice_client):
    url = reverse("intake:client-link-create", args=[alice_client.pk])
    data = {"email": "", "days": "14", "submission_key": _key(as_alice.get(url))}
    as_alice.post(url, data)
    intake = Intake.objects.get(client=alice_client)
    intake.cancelled_at = intake.expires_at = intake.created_at
    intake.save()

    again = as_alice.post(url, data)

    assert again.status_code == 302
    assert Intake.objects.filter(client=alice_client).count() == 1


def test_add_client_posted_twice_adds_one_client(as_alice):
    url = reverse("clients:client-create")
    data = {
        "first_name": "Maria",
        "last_name": "Lopez",
        "submission_key": _key(as_alice.get(url)),
    }
    first = as_alice.post(url, data)
    second = as_alice.post(url, data)
    assert first.status_code == second.status_code == 302
    assert first["Location"] == second["Location"]
    assert Client.objects.filter(last_name="Lopez").count() == 1


def test_write_referral_letter_twice_keeps_one_draft(as_alice, screened_client):
    url = reverse("referrals:letter-create", args=[screened_client.pk])
    first = as_alice.post(url)
    second = as_alice.post(url)
    assert first["Location"] == second["Location"]
    assert ReferralLetter.objects.filter(client=screened_client, status="draft").count() == 1


def test_new_session_note_posted_twice_saves_one_note(as_alice, alice_client, complaint_map):
    make_submitted_intake(alice_client, {})
    url = reverse("notes:note-create", args=[alice_client.pk])
    data = note_form_data(submission_key=_key(as_alice.get(url)))
    first = as_alice.post(url, data)
    second = as_alice.post(url, data)
    assert first["Location"] == second["Location"]
    assert SessionNote.objects.filter(client=alice_client).count() == 1


def test_amendment_posted_twice_is_added_once(as_alice, signed_note):
    url = reverse("notes:note-amend", args=[signed_note.pk])
    data = {
        "text": "Pressure was firm, not moderate.",
        "reason": "Wrong pressure recorded.",
        "submission_key": _key(as_alice.get(url)),
    }
    as_alice.post(url, data)
    as_alice.post(url, data)
    assert NoteAmendment.objects.filter(note=signed_note).count() == 1


def test_rescreen_posted_twice_adds_one_rescreen(as_alice, alice_client):
    intake = make_submitted_intake(alice_client, REFER_ANSWERS)
    key = _key(as_alice.get(intake.get_absolute_url()))
    url = reverse("intake:intake-rescreen", args=[intake.pk])
    as_alice.post(url, {"submission_key": key})
    as_alice.post(url, {"submission_key": key})
    assert Screening.objects.filter(intake=intake, is_rescreen=True).count() == 1


def test_someone_elses_key_does_not_land_on_their_record(as_bob, alice_client):
    Client.objects.filter(pk=alice_client.pk).update(submission_key="k" * 32)
    response = as_bob.post(
        reverse("clients:client-create"),
        {"first_name": "Sam", "last_name": "Roe", "submission_key": "k" * 32},
    )
    # Bob never reaches Alice's client: he gets a page, never her record.
    assert response.status_code in (200, 400)
    assert str(alice_client.pk) not in response.get("Location", "")


def test_the_database_refuses_a_second_open_link(alice_client):
    make_link(alice_client)
    with pytest.raises(IntegrityError), transaction.atomic():
        make_link(alice_client)


def test_the_database_refuses_a_second_draft_letter(draft):
    with pytest.raises(IntegrityError), transaction.atomic():
        ReferralLetter.objects.create(client=draft.client, author=draft.author)
