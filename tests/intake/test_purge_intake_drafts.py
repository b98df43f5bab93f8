import datetime

from django.core.management import call_command
from django.utils import timezone

from intake.models import Intake
from tests.factories import ClientFactory
from tests.intake.questionnaire import make_link


def _draft(client, expired_days_ago):
    intake, _ = make_link(client)
    Intake.objects.filter(pk=intake.pk).update(
        draft_answers={"main_complaint": "Sore neck"},
        sections_done=["about"],
        expires_at=timezone.now() - datetime.timedelta(days=expired_days_ago),
    )
    return intake


def test_typed_answers_of_long_expired_drafts_are_deleted(alice_client, capsys):
    old = _draft(alice_client, expired_days_ago=31)
    # Another client: a client has one open link at a time.
    recent = _draft(ClientFactory(therapist=alice_client.therapist), expired_days_ago=5)
    call_command("purge_intake_drafts")
    old.refresh_from_db()
    recent.refresh_from_db()
    assert old.draft_answers == {} and old.sections_done == []
    assert recent.draft_answers == {"main_complaint": "Sore neck"}
    assert "1 expired intake draft" in capsys.readouterr().out


def test_days_sets_the_retention(alice_client):
    recent = _draft(alice_client, expired_days_ago=5)
    call_command("purge_intake_drafts", days=3)
    recent.refresh_from_db()
    assert recent.draft_answers == {}


def test_submitted_intakes_are_kept(alice_client):
    from tests.factories import make_submitted_intake

    intake = make_submitted_intake(alice_client, {"pain_now": 3})
    Intake.objects.filter(pk=intake.pk).update(
        expires_at=timezone.now() - datetime.timedelta(days=90)
    )
    call_command("purge_intake_drafts")
    intake.refresh_from_db()
    assert intake.answers["pain_now"] == 3
