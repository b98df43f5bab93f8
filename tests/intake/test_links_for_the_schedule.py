"""The links the schedule sends on its own: a fresh token on the client's open link (drafts
kept) or a new one; the health update for a returning client; the status of many clients'
links in a fixed number of queries."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from intake.models import Intake, IntakeKind, hash_token
from intake.selectors import intake_status_for_clients
from intake.services import (
    health_update_link_issue,
    intake_link_cancel,
    intake_link_issue,
    intake_save_section,
)
from tests.factories import REFER_ANSWERS, ClientFactory, make_submitted_intake
from tests.intake.questionnaire import form_url, valid_post


def test_a_client_without_a_link_gets_a_new_one_from_their_therapist(alice_client, alice):
    intake, token = intake_link_issue(client=alice_client)
    assert intake.therapist == alice
    assert intake.kind == IntakeKind.FULL
    assert intake.token_hash == hash_token(token)
    assert intake.is_open


def test_issuing_again_gives_the_open_link_a_fresh_token_and_keeps_the_drafts(client, alice_client):
    first, old_token = intake_link_issue(client=alice_client)
    client.post(form_url(old_token, "about"), valid_post()["about"])

    again, new_token = intake_link_issue(client=alice_client, email="zoe@example.com")

    assert again.pk == first.pk
    assert new_token != old_token
    assert Intake.objects.filter(client=alice_client).count() == 1
    again.refresh_from_db()
    assert again.sections_done == ["about"]
    assert again.draft_answers["about"]["physician_name"] == "Dr. Omar Reyes"
    assert again.sent_to_email == "zoe@example.com" and again.sent_at is not None
    assert client.get(form_url(old_token, "about")).status_code == 404
    response = client.get(form_url(new_token, "about"))
    assert response.status_code == 200
    assert "Dr. Omar Reyes" in response.content.decode()


def test_an_expired_or_cancelled_link_is_not_reused(alice_client):
    old, _ = intake_link_issue(client=alice_client)
    intake_link_cancel(intake=old)
    new, _ = intake_link_issue(client=alice_client)
    assert new.pk != old.pk

    Intake.objects.filter(pk=new.pk).update(expires_at=timezone.now())
    newest, _ = intake_link_issue(client=alice_client)
    assert newest.pk not in (old.pk, new.pk)
    assert Intake.objects.filter(client=alice_client, cancelled_at__isnull=True).count() == 1


def test_a_returning_client_gets_a_health_update(alice_client):
    make_submitted_intake(alice_client, REFER_ANSWERS)
    update, token = health_update_link_issue(client=alice_client)
    assert update.kind == IntakeKind.UPDATE
    assert update.is_open
    again, token_again = health_update_link_issue(client=alice_client)
    assert again.pk == update.pk and token_again != token


def test_a_client_who_never_submitted_gets_the_full_form_instead(alice_client):
    intake, _ = health_update_link_issue(client=alice_client)
    assert intake.kind == IntakeKind.FULL


def test_the_full_form_asked_over_an_open_update_replaces_it_in_place(alice_client):
    make_submitted_intake(alice_client, {})
    update, _ = health_update_link_issue(client=alice_client)
    full, _ = intake_link_issue(client=alice_client)
    assert full.pk == update.pk
    full.refresh_from_db()
    assert full.kind == IntakeKind.FULL


def test_an_update_asked_over_an_open_full_form_keeps_the_full_form(alice_client):
    make_submitted_intake(alice_client, {})
    full, _ = intake_link_issue(client=alice_client)
    update, _ = health_update_link_issue(client=alice_client)
    assert update.pk == full.pk and update.kind == IntakeKind.FULL


def _status(client):
    return intake_status_for_clients([client.pk])[client.pk]


def test_status_labels_follow_the_link(client, alice_client):
    assert _status(alice_client).label == "No intake"
    assert _status(alice_client).intake is None

    intake, token = intake_link_issue(client=alice_client)
    assert _status(alice_client).label == "Sent"
    assert _status(alice_client).expires_at == intake.expires_at

    client.get(form_url(token, "about"))
    assert _status(alice_client).label == "Opened"

    client.post(form_url(token, "about"), valid_post()["about"])
    assert _status(alice_client).label == "In progress (step 2 of 11)"

    intake_link_cancel(intake=intake)
    assert _status(alice_client).label == "Cancelled"

    expired, _ = intake_link_issue(client=alice_client)
    Intake.objects.filter(pk=expired.pk).update(expires_at=timezone.now())
    assert _status(alice_client).label == "Expired"


def test_a_submitted_status_carries_the_tier(alice_client):
    make_submitted_intake(alice_client, REFER_ANSWERS)
    status = _status(alice_client)
    assert status.label == "Submitted"
    assert status.tier == "refer"


def test_an_update_counts_its_own_steps(alice_client):
    make_submitted_intake(alice_client, {})
    update, _ = health_update_link_issue(client=alice_client)
    intake_save_section(intake=update, section="changes", typed={}, done=True)
    assert _status(alice_client).label == "In progress (step 2 of 8)"


def test_opening_a_page_records_it_in_one_update(client, alice_client):
    intake, token = intake_link_issue(client=alice_client)
    with CaptureQueriesContext(connection) as queries:
        client.get(form_url(token, "about"))
    writes = [q["sql"] for q in queries if q["sql"].startswith(("UPDATE", "INSERT"))]
    assert len([w for w in writes if '"intake_intake"' in w]) == 1
    intake.refresh_from_db()
    assert intake.first_opened_at is not None
    first = intake.first_opened_at
    client.get(form_url(token, "about"))
    intake.refresh_from_db()
    assert intake.first_opened_at == first
    assert intake.last_active_at > first


@pytest.mark.parametrize("count", [1, 12])
def test_status_for_many_clients_takes_one_query(alice, count):
    clients = [ClientFactory(therapist=alice) for _ in range(count)]
    for index, each in enumerate(clients):
        if index % 3 == 0:
            make_submitted_intake(each, {}, on_date=datetime.date.today())
        if index % 2 == 0:
            intake_link_issue(client=each)
    ids = [each.pk for each in clients]
    with CaptureQueriesContext(connection) as queries:
        statuses = intake_status_for_clients(ids)
        labels = [statuses[pk].label for pk in ids]
        tiers = [statuses[pk].tier for pk in ids]
    assert len(queries) == 1
    assert labels[0] == "Sent"  # submitted, then a newer link: the latest counts
    if count > 1:
        assert labels[1] == "No intake"
    assert len(tiers) == count
