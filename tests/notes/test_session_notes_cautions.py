"""Suggestions are filtered by the client's cautions: every screening rule that restricts
techniques keeps those techniques out of the suggestions and says why, and the server
refuses them even if they are posted."""

import html

import pytest
from django.urls import reverse
from django.utils import timezone

from clearance.models import Clearance
from notes.models import Complaint, SessionNote, Technique
from screening.rules import RULES, RULES_BY_ID
from screening.tiers import CAUTION
from tests.factories import make_submitted_intake, note_form_data

# Answers that fire each rule that restricts techniques.
FIRING_ANSWERS = {
    "fracture_risk": {"osteoporosis": True, "pain_onset": "after_minor_strain"},
    "recent_clot": {"blood_clot_recent": True},
    "recent_fracture": {"recent_fracture": True},
    "recent_surgery": {"recent_surgery": True},
    "high_risk_pregnancy": {"pregnant": True, "pregnancy_high_risk": True},
    "cancer_treatment": {"cancer_treatment_now": True},
    "radicular_pain": {"one_leg_pain_below_knee": True},
    "anticoagulation": {"anticoagulants": True},
    "osteoporosis": {"osteoporosis": True},
    "radiation_area": {"radiation_treated_area": True},
    "pregnancy": {"pregnant": True},
    "lymphoedema": {"lymphoedema": True},
    "diabetic_neuropathy": {"diabetes_reduced_feeling": True},
    "fragility_fracture_age": {
        "date_of_birth": "1950-01-01",
        "pain_areas": ["lower_back_left"],
        "pain_onset": "after_minor_strain",
        "first_episode": True,
    },
    "one_arm_nerve": {"one_arm_pain_or_tingling": True},
}
RESTRICTING_RULES = [rule.id for rule in RULES if rule.restricts_techniques]


def test_every_restricting_rule_is_covered_here():
    assert set(FIRING_ANSWERS) == set(RESTRICTING_RULES)


def _screened(client, alice, rule_id):
    intake = make_submitted_intake(client, FIRING_ANSWERS[rule_id])
    assert rule_id in {flag["id"] for flag in intake.screening.flags}
    if RULES_BY_ID[rule_id].tier != CAUTION:
        # Emergency and refer clients are seen only after a physician's clearance.
        Clearance.objects.create(
            client=client,
            outcome=Clearance.Outcome.GRANTED,
            received_on=timezone.localdate(),
            recorded_by=alice,
        )
    return client


@pytest.mark.parametrize("rule_id", RESTRICTING_RULES)
def test_restricted_techniques_are_never_suggested_and_the_page_says_why(
    as_alice, alice, alice_client, complaint_map, rule_id
):
    rule = RULES_BY_ID[rule_id]
    client = _screened(alice_client, alice, rule_id)
    restricted = {
        t.pk
        for t in Technique.objects.all()
        if set(t.restricted_by) & set(rule.restricts_techniques)
    }
    assert {"deep_tissue", "ischemic_compression", "trigger_point_full_pressure"} <= restricted

    response = as_alice.post(
        reverse("notes:note-create", args=[client.pk]),
        {"suggest": "1", "complaints": list(Complaint.objects.values_list("pk", flat=True))},
    )
    assert response.status_code == 200
    suggestions = response.context["suggestions"]
    suggested = {t.pk for t in suggestions.techniques}
    assert suggested and not suggested & restricted
    assert "trigger_point_gentle" in suggested  # the gentle alternative stays
    excluded = {e.technique.pk: e for e in suggestions.exclusions}
    assert set(excluded) == restricted - {"forceful_stretching"}  # the map never suggests it
    page = html.unescape(response.content.decode())
    assert rule.restriction in page  # at the top, with every restriction
    assert f"Not suggested: ischemic compression — {rule.restriction}" in page, (
        "the excluded technique is shown with its reason"
    )
    # The JSON the page's script reads marks the same techniques excluded.
    note_map = response.context["note_map"]
    assert {t["id"] for t in note_map["techniques"] if t["excluded"]} == restricted


@pytest.mark.parametrize("rule_id", RESTRICTING_RULES)
def test_restricted_techniques_are_refused_when_posted(
    as_alice, alice, alice_client, complaint_map, rule_id
):
    client = _screened(alice_client, alice, rule_id)
    response = as_alice.post(
        reverse("notes:note-create", args=[client.pk]),
        note_form_data(techniques=["deep_tissue", "neuromuscular_therapy"], pressure="deep"),
    )
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert errors["techniques"][0].startswith("Not suggested: deep tissue — ")
    assert errors["pressure"][0].startswith("Deep pressure is not suggested for this client")
    assert not SessionNote.objects.exists()


def test_a_client_without_cautions_is_offered_everything_the_map_suggests(
    as_alice, alice_client, complaint_map
):
    make_submitted_intake(alice_client, {"main_complaint": "Stiff low back."})
    response = as_alice.post(
        reverse("notes:note-create", args=[alice_client.pk]),
        {"suggest": "1", "complaints": ["gluteus_maximus"]},
    )
    suggestions = response.context["suggestions"]
    assert [t.pk for t in suggestions.techniques] == [
        "trigger_point_full_pressure",
        "trigger_point_gentle",
        "deep_tissue",
    ]
    assert suggestions.exclusions == []


def test_physician_restrictions_show_on_every_later_note(
    as_alice, alice, alice_client, complaint_map
):
    make_submitted_intake(alice_client, {"anticoagulants": True, "cancer_history": True})
    Clearance.objects.create(
        client=alice_client,
        outcome=Clearance.Outcome.RESTRICTED,
        restrictions="No work over the left hip; 30 minutes at most.",
        received_on=timezone.localdate(),
        recorded_by=alice,
    )
    form_page = as_alice.get(reverse("notes:note-create", args=[alice_client.pk]))
    assert form_page.status_code == 200
    as_alice.post(reverse("notes:note-create", args=[alice_client.pk]), note_form_data())
    note = SessionNote.objects.get()
    as_alice.post(reverse("notes:note-sign", args=[note.pk]))
    detail = as_alice.get(note.get_absolute_url())
    for page in (form_page, detail):
        text = html.unescape(page.content.decode())
        top = text[: text.index("Subjective")]
        assert "Physician's restrictions: No work over the left hip; 30 minutes at most." in top
        assert RULES_BY_ID["anticoagulation"].restriction in top
    note.refresh_from_db()
    assert note.restrictions_at_signing[0].startswith("Physician's restrictions: No work")
