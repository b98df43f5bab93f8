"""The note services refuse, by themselves, what the pages also refuse: signing someone else's
note, amending a draft, and a note or an amendment that is not valid. Called directly, as a
script or a future API would (found by mutation testing, docs/mutation.md)."""

import json
import re

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from clearance.status import care_status
from notes import services
from notes.models import Complaint, NoteAmendment, SessionNote
from tests.factories import ClientFactory, make_note, make_submitted_intake


def _data(**fields):
    return {
        "session_date": "2026-11-30",
        "duration_minutes": 60,
        "pain_before": 5,
        "pain_after": 3,
        "complaints": ["quadratus_lumborum"],
        "techniques": ["neuromuscular_therapy"],
        **fields,
    }


def test_a_therapist_cannot_sign_another_therapists_note(note, bob):
    with pytest.raises(PermissionDenied) as refused:
        services.note_sign(note=note, user=bob)

    assert str(refused.value) == "Only the note's therapist can sign it."

    note.refresh_from_db()
    assert not note.is_signed and note.signed_by is None


def test_the_notes_therapist_signs_it_with_the_restrictions_in_force(
    alice_client, complaint_map, alice
):
    note = make_note(alice_client)
    make_submitted_intake(alice_client, {"anticoagulants": True})

    signed = services.note_sign(note=note, user=alice)

    signed.refresh_from_db()
    assert signed.is_signed and signed.signed_by == alice
    assert signed.restrictions_at_signing == [
        "No deep tissue or forceful pressure (anticoagulants or bleeding disorder)."
    ]


def test_a_draft_cannot_be_amended(note, alice):
    with pytest.raises(ValidationError) as refused:
        services.note_amend(note=note, author=alice, text="Firm, not moderate.", reason="Typo")

    assert refused.value.messages == ["A draft is edited, not amended."]
    assert not NoteAmendment.objects.exists()


@pytest.mark.parametrize("missing", ["text", "reason"])
def test_an_amendment_without_its_text_or_reason_is_refused_and_nothing_is_added(
    signed_note, alice, missing
):
    given = {"text": "Pressure was firm, not moderate.", "reason": "Wrong pressure"}
    given[missing] = ""

    with pytest.raises(ValidationError) as refused:
        services.note_amend(note=signed_note, author=alice, **given)

    assert missing in refused.value.message_dict
    assert not NoteAmendment.objects.exists()


def test_an_amendment_is_added_to_a_signed_note(signed_note, alice):
    amendment = services.note_amend(
        note=signed_note, author=alice, text="Pressure was firm.", reason="Wrong pressure"
    )

    assert amendment.pk and amendment.note == signed_note and amendment.author == alice


def test_a_pressure_that_is_not_one_of_the_four_is_refused_by_its_field(
    alice_client, complaint_map, alice
):
    with pytest.raises(ValidationError) as refused:
        services.note_create(client=alice_client, therapist=alice, data=_data(pressure="crushing"))

    assert "pressure" in refused.value.message_dict
    assert not SessionNote.objects.exists()


# Checked before the database is asked: a ValidationError the page can show, not an
# IntegrityError (a 500) from the table's constraint.
@pytest.mark.parametrize("field, value", [("pain_after", 11), ("duration_minutes", 0)])
def test_a_note_out_of_range_is_refused_as_invalid_and_not_saved(
    alice_client, complaint_map, alice, field, value
):
    with pytest.raises(ValidationError):
        services.note_create(client=alice_client, therapist=alice, data=_data(**{field: value}))

    assert not SessionNote.objects.exists()


def test_a_draft_changed_out_of_range_is_refused_and_keeps_its_values(note):
    with pytest.raises(ValidationError):
        services.note_update(note=note, data=_data(pain_before=12, pressure="crushing"))

    note.refresh_from_db()
    assert note.pain_before == 6 and note.pressure == ""


def test_a_new_note_asks_to_tick_the_structures_before_suggesting(as_alice, alice_client):
    page = as_alice.get(reverse("notes:note-create", args=[alice_client.pk])).content.decode()

    assert "Tick the structures involved to see suggested techniques and self-care." in page
    assert "Suggested techniques" not in page


def test_deep_work_over_the_scalenes_on_blood_thinners_gives_both_reasons(
    on_blood_thinners, complaint_map
):
    complaints = Complaint.objects.filter(pk__in=["scalenes", "upper_trapezius"])
    suggestions = services.suggestions_for(complaints, care_status(on_blood_thinners))

    [excluded] = [
        e for e in suggestions.exclusions if e.technique.pk == "trigger_point_full_pressure"
    ]
    assert excluded.reasons == (
        "No deep tissue or forceful pressure (anticoagulants or bleeding disorder).",
        services.FRONT_OF_NECK_REASON,
    )


def test_suggestions_for_two_structures_come_in_the_maps_order(alice_client, complaint_map):
    ticked = [
        Complaint.objects.get(pk="gluteus_medius"),
        Complaint.objects.get(pk="quadratus_lumborum"),
    ]
    suggestions = services.suggestions_for(ticked, care_status(alice_client))

    # Each structure's own list puts neuromuscular therapy last for the gluteus medius.
    assert [t.pk for t in suggestions.techniques] == [
        "neuromuscular_therapy",
        "muscle_energy_technique",
        "ischemic_compression",
        "trigger_point_full_pressure",
        "trigger_point_gentle",
    ]


def _note_map(page):
    """The map the form's script suggests from, as the page carries it."""
    found = re.search(r'<script id="note-map" type="application/json">(.*?)</script>', page, re.S)
    return json.loads(found.group(1))


def test_the_forms_script_gets_the_map_with_the_clients_exclusions(as_alice, on_blood_thinners):
    url = reverse("notes:note-create", args=[on_blood_thinners.pk])
    note_map = _note_map(as_alice.get(url).content.decode())

    scalenes = note_map["complaints"]["scalenes"]
    assert scalenes["label"] == "Scalenes" and scalenes["front_of_neck"] is True
    assert scalenes["techniques"] == ["myofascial_release", "gentle_sustained_pressure"]
    assert scalenes["self_care"] == ["scalene_stretch", "breathing_practice"]
    assert scalenes["note"].startswith("Gentle myofascial release only")
    assert note_map["complaints"]["upper_trapezius"]["front_of_neck"] is False
    techniques = {t["id"]: t for t in note_map["techniques"]}
    deep = techniques["deep_tissue"]
    assert deep["excluded"] is True and deep["deep_pressure"] is True
    assert deep["label"] == "Deep tissue"
    assert "anticoagulants" in deep["reason"]
    assert "front of the neck" in deep["front_of_neck_reason"]
    gentle = techniques["myofascial_release"]
    assert gentle["excluded"] is False and gentle["reason"] == ""
    assert gentle["deep_pressure"] is False
    self_care = {s["id"]: s for s in note_map["self_care"]}
    assert self_care["ball_release"]["excluded"] is True
    heat = self_care["heat"]
    assert heat["label"] == "Moist heat" and heat["excluded"] is False and heat["reason"] == ""


def test_a_client_on_blood_thinners_who_likes_medium_pressure_starts_there_uncapped(
    on_blood_thinners,
):
    start = services.starting_pressure("medium", care_status(on_blood_thinners))

    assert start == services.StartingPressure("moderate") and start.message == ""


def test_a_refused_technique_says_to_untick_it_or_record_what_was_done(on_blood_thinners, alice):
    with pytest.raises(ValidationError) as refused:
        services.note_create(
            client=on_blood_thinners, therapist=alice, data=_data(techniques=["deep_tissue"])
        )

    [message] = refused.value.message_dict["techniques"]
    assert message.endswith("). Untick it, or record what you did instead.")


def test_a_signed_note_refuses_a_second_signature_and_a_change_saying_why(signed_note, alice):
    with pytest.raises(services.NoteIsSigned) as signing:
        services.note_sign(note=signed_note, user=alice)
    with pytest.raises(services.NoteIsSigned) as changing:
        services.note_update(note=signed_note, data={"findings": "Rewritten"})

    assert signing.value.messages == ["This note is already signed."]
    assert changing.value.messages == ["This note is signed; add an amendment instead."]


def test_a_note_refused_for_the_clients_health_says_what_to_do_first(alice):
    unknown = ClientFactory(therapist=alice)
    with pytest.raises(services.NoScreeningYet) as no_intake:
        services.note_create(client=unknown, therapist=alice, data=_data())
    assert no_intake.value.messages == [
        "This client has not filled in the health questionnaire yet. Send them the intake "
        "link, or open it with them, before the first session."
    ]

    held = ClientFactory(therapist=alice)
    make_submitted_intake(held, {"chest_pain": True})
    with pytest.raises(services.ClearanceNeeded) as needs_clearance:
        services.note_create(client=held, therapist=alice, data=_data())
    assert needs_clearance.value.messages == ["This client needs a physician's clearance first."]

    unsure = ClientFactory(therapist=alice)
    make_submitted_intake(unsure, {"saddle_numbness": None, "bladder_change": None})
    with pytest.raises(services.AskInPersonFirst) as ask_first:
        services.note_create(client=unsure, therapist=alice, data=_data())
    [message] = ask_first.value.messages
    assert message.startswith("Ask the client in person and record the answers first: ")
    assert message.count("; ") == 1


def test_two_amendments_sent_without_a_form_key_are_both_added(signed_note, alice):
    for text in ("Firm, not moderate.", "Right side, not left."):
        services.note_amend(note=signed_note, author=alice, text=text, reason="Correction")

    assert signed_note.amendments.count() == 2
