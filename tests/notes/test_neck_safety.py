"""The neck safety rules, held by the notes services whoever calls them: no deep pressure
over the scalenes or the front of the neck, and no neck work at all after a neck or head
emergency flag (docs/clinical/complaint-map.md, "Neck safety")."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from clearance.models import Clearance
from notes import services
from notes.complaint_map import NECK_COMPLAINTS
from notes.models import Complaint, SessionNote
from screening.rules import NECK_EMERGENCY_RULE_IDS
from tests.factories import make_note, make_submitted_intake


def _data(**fields):
    return {
        "session_date": timezone.localdate(),
        "duration_minutes": 60,
        "pain_before": 5,
        "pain_after": 3,
        "complaints": ["scalenes"],
        "techniques": ["myofascial_release"],
        **fields,
    }


def _with_neck_emergency(client, rule_id, alice):
    """A screening carrying a v2 neck or head emergency flag, cleared by a physician since."""
    intake = make_submitted_intake(client, {})
    screening = intake.screenings.get(is_rescreen=False)
    screening.tier = "emergency"
    screening.flags = [
        {"id": rule_id, "tier": "emergency", "reason": "Sudden worst-ever headache"},
        *screening.flags,
    ]
    screening.save()
    Clearance.objects.create(
        client=client,
        outcome=Clearance.Outcome.GRANTED,
        physician_name="Dr. Helen Park",
        received_on=timezone.localdate(),
        recorded_by=alice,
    )
    return client


def test_the_scalenes_offer_only_gentle_techniques(complaint_map):
    scalenes = Complaint.objects.get(pk="scalenes")

    assert not [t for t in scalenes.techniques.all() if t.deep_pressure]
    assert "never deep pressure" in scalenes.note


def test_the_neck_and_shoulder_entries_are_in_the_map(complaint_map):
    ids = set(Complaint.objects.values_list("pk", flat=True))

    assert {
        "upper_trapezius",
        "levator_scapulae",
        "suboccipitals",
        "scalenes",
        "rotator_cuff",
        "pectoralis_minor",
        "rhomboids",
    } <= ids
    for complaint in Complaint.objects.filter(pk__in=["rotator_cuff", "suboccipitals"]):
        assert complaint.techniques.exists() and complaint.self_care.exists()
        assert "Travell & Simons" in complaint.source


@pytest.mark.parametrize("technique", ["trigger_point_full_pressure", "deep_tissue"])
def test_deep_techniques_are_refused_with_the_scalenes(
    alice_client, alice, complaint_map, technique
):
    with pytest.raises(ValidationError) as refused:
        services.note_create(
            client=alice_client,
            therapist=alice,
            data=_data(complaints=["scalenes", "upper_trapezius"], techniques=[technique]),
        )

    assert "front of the neck" in refused.value.message_dict["techniques"][0]
    assert not SessionNote.objects.exists()


def test_deep_pressure_is_refused_with_the_scalenes(alice_client, alice, complaint_map):
    with pytest.raises(ValidationError) as refused:
        services.note_create(client=alice_client, therapist=alice, data=_data(pressure="deep"))

    assert "scalenes" in refused.value.message_dict["pressure"][0]


def test_a_draft_cannot_add_deep_pressure_over_the_scalenes(alice_client, complaint_map):
    note = make_note(alice_client, complaints=["scalenes"], techniques=["myofascial_release"])

    with pytest.raises(ValidationError):
        services.note_update(note=note, data=_data(techniques=["trigger_point_full_pressure"]))

    assert list(note.techniques.values_list("pk", flat=True)) == ["myofascial_release"]


def test_deep_work_stays_allowed_on_the_upper_trapezius_alone(alice_client, alice, complaint_map):
    note = services.note_create(
        client=alice_client,
        therapist=alice,
        data=_data(
            complaints=["upper_trapezius"],
            techniques=["trigger_point_full_pressure"],
            pressure="deep",
        ),
    )

    assert note.pk


def test_suggestions_with_the_scalenes_exclude_deep_techniques(alice_client, complaint_map):
    from clearance.status import care_status

    complaints = Complaint.objects.filter(pk__in=["scalenes", "upper_trapezius"])
    suggestions = services.suggestions_for(complaints, care_status(alice_client))

    assert "trigger_point_full_pressure" not in [t.pk for t in suggestions.techniques]
    assert [e.technique.pk for e in suggestions.exclusions] == ["trigger_point_full_pressure"]
    assert "front of the neck" in suggestions.exclusions[0].message


@pytest.mark.parametrize("rule_id", sorted(NECK_EMERGENCY_RULE_IDS))
@pytest.mark.parametrize("complaint", sorted(NECK_COMPLAINTS))
def test_no_neck_work_after_a_neck_emergency_flag_even_once_cleared(
    alice_client, alice, complaint_map, rule_id, complaint
):
    _with_neck_emergency(alice_client, rule_id, alice)

    with pytest.raises(ValidationError) as refused:
        services.note_create(
            client=alice_client,
            therapist=alice,
            data=_data(complaints=[complaint], techniques=["myofascial_release"]),
        )

    message = refused.value.message_dict["complaints"][0]
    assert "No neck work" in message and "Sudden worst-ever headache" in message
    assert not SessionNote.objects.exists()


def test_the_shoulder_is_still_worked_after_a_neck_emergency_flag(
    alice_client, alice, complaint_map
):
    _with_neck_emergency(alice_client, "cervical_arterial_signs", alice)

    note = services.note_create(
        client=alice_client, therapist=alice, data=_data(complaints=["rotator_cuff"])
    )

    assert note.pk


def test_the_form_disables_the_neck_after_a_neck_emergency_flag(
    as_alice, alice_client, alice, complaint_map
):
    _with_neck_emergency(alice_client, "thunderclap_headache", alice)

    page = as_alice.get(f"/clients/{alice_client.pk}/notes/new/").content.decode()

    assert 'id="complaint-scalenes" disabled' in page
    assert 'id="complaint-rotator_cuff" disabled' not in page
    assert "No neck work for this client: Sudden worst-ever headache" in page


def test_the_neck_refusal_names_every_neck_structure_ticked_to_untick(
    alice_client, alice, complaint_map
):
    _with_neck_emergency(alice_client, "thunderclap_headache", alice)

    with pytest.raises(ValidationError) as refused:
        services.note_create(
            client=alice_client,
            therapist=alice,
            data=_data(complaints=["upper_trapezius", "scalenes"], techniques=[]),
        )

    [message] = refused.value.message_dict["complaints"]
    flagged_on = f"{timezone.localdate():%-d %B %Y}"
    assert message == (
        "No neck work for this client after a neck or head emergency flag "
        f"(Sudden worst-ever headache, flagged on {flagged_on}). "
        "Untick upper trapezius, scalenes."
    )
