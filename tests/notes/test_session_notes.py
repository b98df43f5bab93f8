"""Writing a session note: the SOAP form, its suggestions without JavaScript, bad input,
ownership, today's sessions on the dashboard and the client's timeline."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from clearance.models import Clearance
from notes.models import SessionNote
from tests.factories import make_note, make_submitted_intake, note_form_data

NOTE_URLS = [
    ("notes:note-detail", "get"),
    ("notes:note-update", "get"),
    ("notes:note-update", "post"),
    ("notes:note-sign", "post"),
    ("notes:note-amend", "get"),
    ("notes:note-amend", "post"),
    ("notes:handout-pdf", "get"),
]


@pytest.mark.parametrize(("name", "method"), NOTE_URLS)
def test_it_checks_ownership(as_bob, note, name, method):
    response = getattr(as_bob, method)(
        reverse(name, args=[note.pk]),
        {**note_form_data(subjective="Hijacked"), "text": "Hijacked", "reason": "x"},
    )
    assert response.status_code == 404
    assert "Núñez" not in response.content.decode(errors="replace")
    note.refresh_from_db()
    assert note.subjective.startswith("Ache")
    assert note.signed_at is None
    assert not note.amendments.exists()


@pytest.mark.parametrize("method", ["get", "post"])
def test_it_checks_ownership_of_new_notes(as_bob, alice_client, complaint_map, method):
    response = getattr(as_bob, method)(
        reverse("notes:note-create", args=[alice_client.pk]), note_form_data()
    )
    assert response.status_code == 404
    assert not SessionNote.objects.exists()


@pytest.mark.parametrize(("name", "method"), NOTE_URLS)
def test_anonymous_visitor_is_sent_to_login(client, note, name, method):
    response = getattr(client, method)(reverse(name, args=[note.pk]))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_anonymous_visitor_cannot_start_a_note(client, alice_client):
    response = client.get(reverse("notes:note-create", args=[alice_client.pk]))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_therapist_writes_a_draft_note(as_alice, alice, alice_client, complaint_map):
    response = as_alice.post(reverse("notes:note-create", args=[alice_client.pk]), note_form_data())
    note = SessionNote.objects.get()
    assert response.status_code == 302
    assert response["Location"] == note.get_absolute_url()
    assert note.client == alice_client and note.therapist == alice
    assert (note.pain_before, note.pain_after, note.duration_minutes) == (6, 3, 60)
    assert not note.is_signed
    assert set(note.complaints.values_list("pk", flat=True)) == {"quadratus_lumborum"}
    assert set(note.techniques.values_list("pk", flat=True)) == {
        "neuromuscular_therapy",
        "muscle_energy_technique",
    }
    page = as_alice.get(note.get_absolute_url()).content.decode()
    assert "Ache in the right low back after gardening." in page
    assert "Side-bend stretch" in page and "Draft" in page


def test_bad_input_shows_messages_by_the_fields_and_saves_nothing(
    as_alice, alice_client, complaint_map
):
    response = as_alice.post(
        reverse("notes:note-create", args=[alice_client.pk]),
        note_form_data(pain_before="11", duration_minutes="0", session_date=""),
    )
    assert response.status_code == 200
    form = response.context["form"]
    assert form.errors["pain_before"] == ["Pain is rated from 0 to 10."]
    assert "from 1 to 480" in form.errors["duration_minutes"][0]
    assert form.errors["session_date"] == ["This field is required."]
    page = response.content.decode()
    assert "Nothing was saved" in page
    assert "Pain is rated from 0 to 10." in page
    # What was typed is kept.
    assert "Ache in the right low back after gardening." in page
    assert 'value="quadratus_lumborum" id="complaint-quadratus_lumborum" checked' in page
    assert not SessionNote.objects.exists()


def test_future_dates_and_half_filled_psfs_are_refused(as_alice, alice_client, complaint_map):
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    response = as_alice.post(
        reverse("notes:note-create", args=[alice_client.pk]),
        note_form_data(
            session_date=tomorrow.isoformat(),
            psfs_activity_1="Sitting for an hour",
            psfs_score_2="5",
            psfs_score_3="12",
        ),
    )
    errors = response.context["form"].errors
    assert errors["session_date"] == ["The date cannot be in the future."]
    assert errors["psfs_score_1"] == ["Rate this activity from 0 to 10."]
    assert errors["psfs_activity_2"] == ["Name the activity this score is for."]
    assert errors["psfs_score_3"] == ["Each activity is rated from 0 to 10."]
    assert not SessionNote.objects.exists()


def test_psfs_score_is_the_mean_of_the_activities(as_alice, alice_client, complaint_map):
    as_alice.post(
        reverse("notes:note-create", args=[alice_client.pk]),
        note_form_data(
            psfs_activity_1="Sitting for an hour",
            psfs_score_1="4",
            psfs_activity_2="Lifting my child",
            psfs_score_2="5",
        ),
    )
    note = SessionNote.objects.get()
    assert note.psfs_score == 4.5
    page = as_alice.get(note.get_absolute_url()).content.decode()
    assert "Sitting for an hour: 4/10" in page and "Score 4.5/10" in page


def test_show_suggestions_without_javascript_keeps_everything_typed(
    as_alice, alice_client, complaint_map
):
    response = as_alice.post(
        reverse("notes:note-create", args=[alice_client.pk]),
        {
            "suggest": "1",
            "subjective": "Sharp pain down the left leg when sitting.",
            "pain_before": "7",
            "complaints": ["quadratus_lumborum", "piriformis"],
            "session_date": "",
        },
    )
    assert response.status_code == 200
    assert not SessionNote.objects.exists()
    page = response.content.decode()
    suggested = [t.pk for t in response.context["suggestions"].techniques]
    assert suggested == [
        "neuromuscular_therapy",
        "muscle_energy_technique",
        "ischemic_compression",
        "glute_massage",
        "myofascial_release",
        "stretching_gentle",
    ]
    assert '<li data-technique="glute_massage">Glute massage</li>' in page
    assert '<li data-self-care="piriformis_stretch">Piriformis stretch</li>' in page
    assert "Sharp pain down the left leg when sitting." in page
    assert 'value="piriformis" id="complaint-piriformis" checked' in page
    # Asking for suggestions is not a failed save: no error messages yet.
    assert "Nothing was saved" not in page
    assert "This field is required" not in page


def test_editing_a_draft_saves_it(as_alice, note):
    response = as_alice.post(
        reverse("notes:note-update", args=[note.pk]),
        note_form_data(subjective="Corrected: after lifting boxes.", pain_after="2"),
    )
    assert response.status_code == 302
    note.refresh_from_db()
    assert note.subjective == "Corrected: after lifting boxes."
    assert note.pain_after == 2


def test_todays_sessions_show_on_the_dashboard(as_alice, alice_client, complaint_map):
    make_note(alice_client, pain_before=7, pain_after=4)
    make_note(alice_client, day=timezone.localdate() - datetime.timedelta(days=7))
    response = as_alice.get(reverse("dashboard:dashboard"))
    sessions = response.context["todays_sessions"]
    assert [n.session_date for n in sessions] == [timezone.localdate()]
    assert "pain 7 → 4" in response.content.decode()


def test_other_therapists_do_not_see_todays_sessions(as_bob, alice_client, complaint_map):
    make_note(alice_client)
    response = as_bob.get(reverse("dashboard:dashboard"))
    assert response.context["todays_sessions"] == []
    assert "Zoë" not in response.content.decode()


def test_client_timeline_lists_intakes_sessions_and_clearances(
    as_alice, alice, alice_client, complaint_map
):
    make_submitted_intake(alice_client, {"cancer_treatment_now": True})
    Clearance.objects.create(
        client=alice_client,
        outcome=Clearance.Outcome.GRANTED,
        physician_name="Dr. Helen Park",
        received_on=timezone.localdate(),
        recorded_by=alice,
    )
    note = make_note(alice_client)
    response = as_alice.get(alice_client.get_absolute_url())
    page = response.content.decode()
    assert response.status_code == 200
    assert 'id="timeline"' in page
    timeline = page[page.index('id="timeline"') :]
    assert "Intake submitted" in timeline and "Screening: Refer to physician" in timeline
    assert "Cleared for massage" in timeline
    assert note.get_absolute_url() in timeline and "Pain 6 → 3" in timeline


def test_seed_demo_gives_demo_clients_a_pain_history_to_chart(db):
    from django.core.management import call_command

    from notes.models import NoteAmendment

    call_command("seed_demo", password="demo-pass-123")
    call_command("seed_demo", password="demo-pass-123")
    zoe = SessionNote.objects.filter(client__last_name="Núñez").order_by("session_date")
    assert zoe.count() == 6 and all(note.is_signed for note in zoe)
    befores = [note.pain_before for note in zoe]
    assert befores[0] > befores[-1]
    assert any(note.psfs_score is not None for note in zoe)
    assert SessionNote.objects.filter(signed_at__isnull=True).count() == 1
    assert NoteAmendment.objects.filter(note__client__last_name="Núñez").count() == 1
