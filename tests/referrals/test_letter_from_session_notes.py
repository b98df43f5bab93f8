"""The therapist's signed session notes feed the findings of a new letter."""

import datetime

from django.utils import timezone

from notes.models import SessionNote, Technique
from referrals import services


def _note(client, day, signed, **fields):
    # Written directly: the client's screening blocks new notes through the service, and
    # these stand for notes written before it.
    note = SessionNote.objects.create(
        client=client,
        therapist=client.therapist,
        session_date=day,
        duration_minutes=60,
        pain_before=6,
        pain_after=3,
        signed_at=timezone.now() if signed else None,
        signed_by=client.therapist if signed else None,
        **fields,
    )
    return note


def test_signed_notes_give_findings_techniques_and_session_pain(screened_client, alice):
    technique = Technique.objects.create(
        id="effleurage-test", label="Gentle effleurage", source="t"
    )
    note = _note(
        screened_client,
        datetime.date(2026, 10, 5),
        signed=True,
        findings="Guarding of the lumbar paraspinals",
    )
    note.techniques.add(technique)
    _note(screened_client, datetime.date(2026, 10, 9), signed=False, findings="UNSIGNED DRAFT")

    letter = services.letter_create_draft(client=screened_client, author=alice)
    assert "5 October 2026" in letter.findings
    assert "Guarding of the lumbar paraspinals." in letter.findings
    assert "Treatment: Gentle effleurage." in letter.findings
    assert "Pain 6/10 before the session and 3/10 after." in letter.findings
    assert "UNSIGNED DRAFT" not in letter.findings


def test_without_notes_the_findings_are_left_for_the_therapist(draft):
    assert draft.findings == ""
