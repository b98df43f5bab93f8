"""The client's record as FHIR R4: one collection Bundle that parses with the R4B models,
whose every required code comes from its R4 value set, with ids that do not change."""

import json
import os
import re
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from audit.models import Event
from records import fhir
from tests.records.scenario import Clock, build_record, make_client
from tests.records.value_sets import check_codes

GOLDEN = Path(__file__).parent / "golden" / "bundle.json"
# REGENERATE_GOLDEN=1 pytest tests/records/test_fhir_bundle.py writes the golden file anew.
REGENERATE = os.environ.get("REGENERATE_GOLDEN") == "1"


@pytest.fixture
def record(monkeypatch, settings, alice, complaint_map):
    settings.SITE_URL = "https://records.harbour.example"
    clock = Clock(monkeypatch)
    client = make_client(alice)
    made = build_record(client, alice, clock, letter_pdf=b"%PDF-1.7 the letter as sent")
    clock.at(60)
    return made


def _resources(bundle, kind=None):
    return [
        entry["resource"]
        for entry in bundle["entry"]
        if kind is None or entry["resource"]["resourceType"] == kind
    ]


def test_the_bundle_parses_as_fhir_r4_and_holds_the_whole_record(record):
    bundle = fhir.client_bundle(record["client"])
    parsed = fhir.validate(bundle)
    assert parsed.type == "collection"
    kinds = {entry["resource"]["resourceType"] for entry in bundle["entry"]}
    assert kinds >= {
        "Organization", "Practitioner", "Patient", "Questionnaire", "QuestionnaireResponse",
        "Observation", "Flag", "Condition", "AllergyIntolerance", "MedicationStatement",
        "Encounter", "Procedure", "Composition", "ServiceRequest", "DocumentReference",
        "Consent", "Provenance", "AuditEvent", "Communication",
    }  # fmt: skip
    assert len(_resources(bundle, "QuestionnaireResponse")) == 2
    assert len(_resources(bundle, "Composition")) == 5
    assert len(_resources(bundle, "Encounter")) == 5


def test_every_required_code_is_from_its_r4_value_set(record):
    bundle = fhir.client_bundle(record["client"])
    assert check_codes(bundle) == []


def test_a_broken_code_is_caught_by_the_value_set_check(record):
    bundle = fhir.client_bundle(record["client"])
    _resources(bundle, "ServiceRequest")[0]["intent"] = "referral"
    _resources(bundle, "Flag")[0]["status"] = "cleared"
    problems = check_codes(bundle)
    assert any("ServiceRequest.intent" in p for p in problems)
    assert any("Flag.status" in p for p in problems)


def test_ids_are_the_same_on_every_export(record):
    first = fhir.client_bundle(record["client"])
    second = fhir.client_bundle(record["client"])
    assert [e["fullUrl"] for e in first["entry"]] == [e["fullUrl"] for e in second["entry"]]
    patient = _resources(first, "Patient")[0]
    assert patient["id"] == fhir.ref_id(f"Patient/{record['client'].pk}")
    for entry in first["entry"]:
        assert re.fullmatch(r"urn:uuid:[0-9a-f-]{36}", entry["fullUrl"])
        assert entry["fullUrl"] == f"urn:uuid:{entry['resource']['id']}"


def test_every_reference_points_into_the_bundle(record):
    bundle = fhir.client_bundle(record["client"])
    urls = {entry["fullUrl"] for entry in bundle["entry"]}
    text = json.dumps(bundle)
    for target in re.findall(r'"reference": "([^"]+)"', text):
        assert target in urls, target


def test_pain_flags_medicines_and_the_letter_carry_their_codes(record):
    bundle = fhir.client_bundle(record["client"])
    pain = [
        o for o in _resources(bundle, "Observation") if o["code"]["coding"][0]["code"] == "72514-3"
    ]
    assert len(pain) == 2 + 5 * 2  # one per intake, before and after each session
    psfs = [
        o for o in _resources(bundle, "Observation") if "psfs" in o["code"]["coding"][0]["system"]
    ]
    assert psfs[0]["component"][0]["code"]["text"] == "Gardening"
    flags = _resources(bundle, "Flag")
    # The first intake's refer flags were cleared by the physician's answer.
    assert flags and all(
        flag["status"] == "inactive"
        for flag in flags
        if flag["code"]["coding"][0]["display"] == "Refer to physician"
    )
    medicines = _resources(bundle, "MedicationStatement")
    apixaban = medicines[0]
    assert apixaban["medicationCodeableConcept"]["text"] == "Apixaban 5 mg twice daily"
    assert apixaban["medicationCodeableConcept"]["coding"] == [
        {"system": "http://www.whocc.no/atc", "code": "B01AF"}
    ]
    assert apixaban["status"] == "active"
    request = _resources(bundle, "ServiceRequest")[0]
    assert request["category"][0]["coding"][0]["code"] == "3457005"
    assert request["status"] == "completed"
    document = _resources(bundle, "DocumentReference")[0]
    assert document["type"]["coding"][0]["code"] == "57133-1"
    assert document["content"][0]["attachment"]["contentType"] == "application/pdf"
    reply = _resources(bundle, "Communication")[0]
    assert "No deep pressure over the lower back." in reply["payload"][0]["contentString"]
    amended = [c for c in _resources(bundle, "Composition") if c["status"] == "amended"]
    assert len(amended) == 1
    assert "also worked" in amended[0]["section"][-1]["text"]["div"]


def _normalised(bundle):
    """The bundle with its uuids numbered in order of appearance: the database's keys (and
    so the ids) depend on what ran before in the same database."""
    text = json.dumps(bundle, indent=2, ensure_ascii=False)
    names = {}
    for found in re.findall(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", text):
        names.setdefault(found, f"uuid-{len(names) + 1:03d}")
    for found, name in names.items():
        text = text.replace(found, name)
    # "Intake #12" in the access history: the number is the database's too.
    return json.loads(re.sub(r"#\d+", "#N", text))


def test_the_bundle_matches_the_golden_one(record):
    bundle = _normalised(fhir.client_bundle(record["client"]))
    if REGENERATE:
        GOLDEN.write_text(json.dumps(bundle, indent=2, ensure_ascii=False) + "\n")
    assert bundle == json.loads(GOLDEN.read_text())


def test_export_fhir_prints_or_writes_the_bundle_and_is_audited(record, capsys, tmp_path):
    pk = record["client"].pk
    call_command("export_fhir", "--client", str(pk))
    printed = json.loads(capsys.readouterr().out)
    assert printed["resourceType"] == "Bundle" and printed["type"] == "collection"
    call_command("export_fhir", "--client", str(pk), "--output", str(tmp_path / "b.json"))
    written = json.loads((tmp_path / "b.json").read_text())
    # The same ids, and one more AuditEvent: the first export's.
    urls = [e["fullUrl"] for e in written["entry"]]
    assert urls[:-1] == [e["fullUrl"] for e in printed["entry"]]
    assert written["entry"][-1]["resource"]["resourceType"] == "AuditEvent"
    assert Event.objects.filter(action="export", client_pk=pk).count() == 2


def test_export_fhir_names_a_missing_client(db):
    with pytest.raises(CommandError, match="No client with id 424242"):
        call_command("export_fhir", "--client", "424242")
