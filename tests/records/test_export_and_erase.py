"""The client's rights: a copy of their whole record, and erasure."""

import io
import json
import zipfile

import pytest
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core import serializers
from django.urls import reverse

from audit.models import Event
from clearance.models import Clearance
from clients.models import Client, Therapist
from intake.models import Intake
from notes import services as note_services
from notes.models import NoteAmendment, SessionNote
from referrals.models import ReferralLetter
from tests.factories import make_note, make_therapist


@pytest.fixture
def as_owner(client, practice):
    user = make_therapist(practice, "olivia", "Olivia", "Grant")
    Therapist.objects.filter(user=user).update(role=Therapist.Role.OWNER)
    client.force_login(user)
    return client


@pytest.fixture
def full_record(final, alice, complaint_map):
    """Zoë with a screened intake, a final letter, a signed and amended note, a clearance."""
    client = final.client
    Clearance.objects.create(
        client=client,
        outcome=Clearance.Outcome.GRANTED,
        physician_name="Dr. Helen Park",
        received_on="2026-01-05",
        recorded_by=alice,
        notes="Gentle work only",
    )
    note = note_services.note_sign(note=make_note(client), user=alice)
    NoteAmendment.objects.create(note=note, text="Left side too.", reason="Missed", author=alice)
    return client


def _zip(response):
    return zipfile.ZipFile(io.BytesIO(response.content))


def test_the_owner_downloads_the_whole_record_as_one_zip(as_owner, full_record, final):
    response = as_owner.get(reverse("records:client-export", args=[full_record.pk]))
    assert response["Content-Type"] == "application/zip"
    archive = _zip(response)
    record = json.loads(archive.read("record.json"))
    assert record["client"]["last_name"] == "Núñez"
    assert record["client"]["medications"] == "Apixaban 5 mg twice daily"
    intake = record["intakes"][0]
    assert intake["answers"]["cancer_history"] is True
    assert intake["screenings"][0]["tier"] == "refer"
    assert "token_hash" not in intake
    note = record["session_notes"][0]
    assert note["signed_at"] and note["amendments"][0]["text"] == "Left side too."
    assert "quadratus_lumborum" in note["complaints"]
    letter = record["referral_letters"][0]
    assert letter["status"] == "final"
    assert archive.read(letter["pdf_file"]) == ReferralLetter.objects.get().pdf_bytes()
    assert record["clearances"][0]["notes"] == "Gentle work only"
    event = Event.objects.get(action="export")
    assert event.username == "olivia" and event.client_pk == full_record.pk


def test_the_export_holds_who_read_and_changed_the_record_and_when(
    client, as_owner, alice, bob, alice_client
):
    pk = alice_client.pk
    alice_session, bob_session = type(client)(), type(client)()
    alice_session.force_login(alice)
    alice_session.get(reverse("dashboard:client-detail", args=[pk]), REMOTE_ADDR="10.0.0.5")
    alice_session.post(
        reverse("clients:client-update", args=[pk]),
        {
            "first_name": "Zoë",
            "last_name": "Núñez",
            "email": "zoe.nunez@example.com",
            "phone": "+1 (555) 010-2030",
            "medications": "Ibuprofen",
            "date_of_birth": "1986-03-14",
        },
    )
    bob_session.force_login(bob)
    bob_session.get(reverse("dashboard:client-detail", args=[pk]))
    response = as_owner.get(reverse("records:client-export", args=[pk]))
    history = json.loads(_zip(response).read("access_history.json"))
    assert [(row["by"], row["action"], row["record"]) for row in history] == [
        ("(you, or the system)", "Created", f"Client #{pk}"),
        ("Alice Moreau", "Viewed", f"Client #{pk}"),
        ("Alice Moreau", "Changed", f"Client #{pk}"),
        ("Bob Singh", "Refused", f"Client #{pk}"),
        ("Olivia Grant", "Viewed", f"Client #{pk}"),  # the owner opening it to export
    ]
    assert history[2]["changes"]["medications"] == ["", "Ibuprofen"]
    assert history[0]["at"] <= history[-1]["at"]
    assert "10.0.0.5" not in json.dumps(history)  # staff addresses are not the client's data


def test_a_therapist_cannot_export_or_erase(as_alice, alice_client):
    assert as_alice.get(reverse("records:client-export", args=[alice_client.pk])).status_code == 404
    assert as_alice.post(reverse("records:client-erase", args=[alice_client.pk])).status_code == 404
    assert Client.objects.filter(pk=alice_client.pk).exists()


def test_erase_asks_for_the_name_first(as_owner, full_record):
    url = reverse("records:client-erase", args=[full_record.pk])
    assert "cannot be undone" in as_owner.get(url).content.decode()
    response = as_owner.post(url, {"confirm_name": "Someone Else"})
    assert "That is not the client" in response.content.decode()
    assert Client.objects.filter(pk=full_record.pk).exists()


def test_erase_leaves_no_health_data_and_an_audit_entry(as_owner, full_record, alice_client):
    pk = full_record.pk
    # An edit in the admin and one through the app put her name and history in the logs.
    LogEntry.objects.create(
        user_id=alice_client.therapist_id,
        content_type_id=ContentType.objects.get_for_model(Client).pk,
        object_id=str(pk),
        object_repr=str(full_record),
        action_flag=CHANGE,
    )
    full_record.conditions = "Breast cancer 2019, in remission"
    full_record.save()
    response = as_owner.post(
        reverse("records:client-erase", args=[pk]),
        {"confirm_name": "zoë  núñez", "reason": "Asked for erasure by letter of 3 March."},
        follow=True,
    )
    assert "was erased" in response.content.decode()
    assert not Client.objects.filter(pk=pk).exists()
    for model in (Intake, SessionNote, NoteAmendment, ReferralLetter, Clearance):
        assert not model.objects.exists(), model
    everything = "".join(
        serializers.serialize("json", model.objects.all())
        for model in (Event, LogEntry, Client, Intake, ReferralLetter)
    )
    for secret in ("Núñez", "N\\u00fa\\u00f1ez", "Apixaban", "Breast cancer", "zoe.nunez"):
        assert secret not in everything, secret
    erase = Event.objects.get(action="erase")
    assert erase.client_pk == pk and erase.username == "olivia"
    assert erase.changes == {"reason": ["", "Asked for erasure by letter of 3 March."]}
    assert Event.objects.filter(client_pk=pk, action="change").exists()  # kept, redacted
    log = as_owner.get(reverse("records:audit-log")).content.decode()
    assert f"Client #{pk} (erased)" in log
    assert (
        f"Olivia Grant erased the record of client #{pk}. "
        "Reason given: Asked for erasure by letter of 3 March."
    ) in log


def _set_retention(practice, years):
    practice.record_retention_years = years
    practice.save()


def test_erase_shows_the_retention_period_and_the_last_visit(as_owner, practice, alice_client):
    import datetime

    _set_retention(practice, 7)
    make_note(alice_client, day=datetime.date(2024, 2, 29))
    make_note(alice_client, day=datetime.date(2025, 3, 14))
    page = as_owner.get(reverse("records:client-erase", args=[alice_client.pk])).content.decode()
    assert "<strong>7 years</strong> after their last visit" in page
    assert "Last visit</dt>" in page and "14 March 2025" in page
    assert "Kept until</dt>" in page and "14 March 2032" in page
    assert "still inside its retention period" in page
    assert f'action="{reverse("dashboard:client-archive", args=[alice_client.pk])}"' in page
    assert "Why erase the record inside its retention period" in page


def test_erasing_inside_the_retention_period_needs_a_reason(as_owner, alice_client):
    make_note(alice_client)
    url = reverse("records:client-erase", args=[alice_client.pk])
    response = as_owner.post(url, {"confirm_name": "Zoë Núñez", "reason": "   "})
    assert response.status_code == 400
    page = response.content.decode()
    assert "say why it is erased now, or archive the client instead" in page
    assert 'value="Zoë Núñez"' in page  # what was typed stays
    assert Client.objects.filter(pk=alice_client.pk).exists()
    assert not Event.objects.filter(action="erase").exists()

    response = as_owner.post(url, {"confirm_name": "Zoë Núñez", "reason": "Court order 12/34"})
    assert response.status_code == 302
    assert not Client.objects.filter(pk=alice_client.pk).exists()
    assert Event.objects.get(action="erase").changes == {"reason": ["", "Court order 12/34"]}


def test_the_erase_service_refuses_inside_retention_without_a_reason(alice_client, rf):
    """The rule is the service's: a script or another page cannot skip it."""
    from django.core.exceptions import ValidationError

    from records import services

    make_note(alice_client)
    with pytest.raises(ValidationError) as refused:
        services.client_erase(request=rf.post("/"), client=alice_client)
    assert "reason" in refused.value.message_dict
    assert Client.objects.filter(pk=alice_client.pk).exists()


def test_after_the_retention_period_erasing_needs_no_reason(as_owner, practice, alice_client):
    import datetime

    _set_retention(practice, 1)
    make_note(alice_client, day=datetime.date.today() - datetime.timedelta(days=400))
    url = reverse("records:client-erase", args=[alice_client.pk])
    page = as_owner.get(url).content.decode()
    assert "still inside its retention period" not in page
    assert "Why erase" not in page
    assert as_owner.post(url, {"confirm_name": "Zoë Núñez"}).status_code == 302
    assert not Client.objects.filter(pk=alice_client.pk).exists()


def test_a_client_never_seen_is_kept_from_their_last_questionnaire(as_owner, alice_client):
    from tests.factories import make_submitted_intake

    url = reverse("records:client-erase", args=[alice_client.pk])
    assert "Nothing to keep" in as_owner.get(url).content.decode()
    make_submitted_intake(alice_client, {})
    page = as_owner.get(url).content.decode()
    assert "No session recorded; their last questionnaire came back on" in page
    assert "still inside its retention period" in page


def test_erasure_deletes_the_letter_files_once_it_commits(
    as_owner, full_record, final, django_capture_on_commit_callbacks
):
    from pathlib import Path

    from django.conf import settings

    stored = Path(settings.MEDIA_ROOT) / final.pdf.name
    assert stored.exists()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        as_owner.post(
            reverse("records:client-erase", args=[full_record.pk]),
            {"confirm_name": "Zoë Núñez", "reason": "Asked for erasure by letter of 3 March."},
        )
        assert stored.exists()  # not before the erasure commits
    assert callbacks and not Client.objects.filter(pk=full_record.pk).exists()
    assert not stored.exists()


def test_an_erasure_rolled_back_keeps_the_letter_files(full_record, final, rf):
    from pathlib import Path

    from django.conf import settings
    from django.db import transaction

    from records import services

    stored, pk = Path(settings.MEDIA_ROOT) / final.pdf.name, full_record.pk
    with pytest.raises(RuntimeError), transaction.atomic():
        services.client_erase(request=rf.post("/"), client=full_record, reason="Asked.")
        raise RuntimeError("something after the erasure failed")
    assert Client.objects.filter(pk=pk).exists()
    assert stored.exists() and ReferralLetter.objects.get(pk=final.pk).pdf_bytes()
