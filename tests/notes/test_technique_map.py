"""The complaint map is data with a source for each entry, loaded by a migration, readable
and extendable in the admin, and its technique ids line up with the screening's."""

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.urls import reverse

from notes import complaint_map as techniques
from notes.models import Complaint, SelfCareItem, Technique
from screening.restrictions import DEEP_PRESSURE, RESTRICTION_LABELS
from tests.factories import pass_two_factor

DOMAIN_COMPLAINTS = {
    "quadratus_lumborum",
    "gluteus_medius",
    "gluteus_minimus",
    "gluteus_maximus",
    "piriformis",
    "iliopsoas",
    "hamstrings",
    "erector_spinae",
    "sciatic_nerve",
}
NECK_AND_SHOULDER = {
    "upper_trapezius",
    "levator_scapulae",
    "suboccipitals",
    "scalenes",
    "rotator_cuff",
    "pectoralis_minor",
    "rhomboids",
}


def test_the_migration_loads_every_complaint_of_the_domain(complaint_map):
    assert set(Complaint.objects.values_list("pk", flat=True)) == (
        DOMAIN_COMPLAINTS | NECK_AND_SHOULDER
    )
    for complaint in Complaint.objects.all():
        assert complaint.source and complaint.feels
        # The neck and shoulder entries have Travell & Simons for what clients feel only.
        seed = "Travell & Simons" if complaint.pk in NECK_AND_SHOULDER else "Seed 00"
        assert seed in complaint.source
        assert complaint.techniques.exists() and complaint.self_care.exists()


def test_every_entry_names_its_source(complaint_map):
    for model in (Complaint, Technique, SelfCareItem):
        assert not model.objects.filter(source="").exists()


def test_the_one_deep_pressure_restriction_excludes_the_four_deep_techniques(complaint_map):
    deep = (
        "deep_tissue",
        "ischemic_compression",
        "trigger_point_full_pressure",
        "forceful_stretching",
    )
    for technique_id in deep:
        technique = Technique.objects.get(pk=technique_id)
        assert technique.restricted_by == [DEEP_PRESSURE]
        assert technique.deep_pressure
    assert Technique.objects.get(pk="trigger_point_gentle").restricted_by == []


def test_map_module_refers_only_to_techniques_and_self_care_it_defines():
    technique_ids = {t["id"] for t in techniques.TECHNIQUES}
    care_ids = {s["id"] for s in techniques.SELF_CARE}
    for complaint in techniques.COMPLAINTS:
        assert set(complaint["techniques"]) <= technique_ids
        assert set(complaint["self_care"]) <= care_ids
    for technique in techniques.TECHNIQUES:
        assert set(technique["restricted_by"]) <= set(RESTRICTION_LABELS)


def test_a_technique_with_an_unknown_caution_id_is_refused(complaint_map):
    technique = Technique(
        id="deep_stripping", label="Deep stripping", source="x", restricted_by=["deep"]
    )
    with pytest.raises(ValidationError, match="Unknown restriction id"):
        technique.full_clean()


@pytest.mark.parametrize("model", ["complaint", "technique", "selfcareitem", "sessionnote"])
def test_the_map_is_readable_in_the_admin(client, complaint_map, model):
    admin = get_user_model().objects.create_superuser("admin", "a@example.com", "pw-12345678")
    client.force_login(admin)
    pass_two_factor(client, admin)  # the admin opens only after two-factor sign-in
    response = client.get(reverse(f"admin:notes_{model}_changelist"))
    assert response.status_code == 200
    if model == "complaint":
        change = client.get(reverse("admin:notes_complaint_change", args=["piriformis"]))
        assert change.status_code == 200
        assert "Medscape" in change.content.decode()
