"""The FHIR R4 value sets of the required codes our bundles use (status, intent, category
and the like), copied from the R4 specification (hl7.org/fhir/R4/valueset-<name>.html, cited
per entry in docs/fhir.md), and a check of a whole bundle against them.

Each rule: (resource type, path, value set). A path ending in a CodeableConcept or Coding
name is checked as (system, code) pairs; a plain `code` element as its value.
"""

THO = "http://terminology.hl7.org/CodeSystem"
LOINC = "http://loinc.org"
SNOMED = "http://snomed.info/sct"

EVENT_STATUS = {"preparation", "in-progress", "not-done", "on-hold", "stopped", "completed",
                "entered-in-error", "unknown"}  # fmt: skip
COMPOSITION_STATUS = {"preliminary", "final", "amended", "entered-in-error"}

CODES = {
    ("Bundle", "type"): {"document", "message", "transaction", "transaction-response", "batch",
                         "batch-response", "history", "searchset", "collection"},
    ("Observation", "status"): {"registered", "preliminary", "final", "amended", "corrected",
                                "cancelled", "entered-in-error", "unknown"},
    ("Flag", "status"): {"active", "inactive", "entered-in-error"},
    ("MedicationStatement", "status"): {"active", "completed", "entered-in-error", "intended",
                                        "stopped", "on-hold", "unknown", "not-taken"},
    ("Encounter", "status"): {"planned", "arrived", "triaged", "in-progress", "onleave",
                              "finished", "cancelled", "entered-in-error", "unknown"},
    ("Procedure", "status"): EVENT_STATUS,
    ("Communication", "status"): EVENT_STATUS,
    ("Composition", "status"): COMPOSITION_STATUS,
    ("ServiceRequest", "status"): {"draft", "active", "on-hold", "revoked", "completed",
                                   "entered-in-error", "unknown"},
    ("ServiceRequest", "intent"): {"proposal", "plan", "directive", "order", "original-order",
                                   "reflex-order", "filler-order", "instance-order", "option"},
    ("DocumentReference", "status"): {"current", "superseded", "entered-in-error"},
    ("DocumentReference", "docStatus"): COMPOSITION_STATUS,
    ("Consent", "status"): {"draft", "proposed", "active", "rejected", "inactive",
                            "entered-in-error"},
    ("QuestionnaireResponse", "status"): {"in-progress", "completed", "amended",
                                          "entered-in-error", "stopped"},
    ("Questionnaire", "status"): {"draft", "active", "retired", "unknown"},
    ("AuditEvent", "action"): {"C", "R", "U", "D", "E"},
    ("AuditEvent", "outcome"): {"0", "4", "8", "12"},
}  # fmt: skip

CODINGS = {
    ("Observation", "category"): {(f"{THO}/observation-category", c) for c in (
        "social-history", "vital-signs", "imaging", "laboratory", "procedure", "survey",
        "exam", "therapy", "activity")},
    ("Flag", "category"): {(f"{THO}/flag-category", c) for c in (
        "diet", "drug", "lab", "admin", "contact", "clinical", "behavioral", "research",
        "advance-directive", "safety")},
    ("Condition", "verificationStatus"): {(f"{THO}/condition-ver-status", c) for c in (
        "unconfirmed", "provisional", "differential", "confirmed", "refuted",
        "entered-in-error")},
    ("Condition", "clinicalStatus"): {(f"{THO}/condition-clinical", c) for c in (
        "active", "recurrence", "relapse", "inactive", "remission", "resolved")},
    ("Condition", "category"): {(f"{THO}/condition-category", c) for c in (
        "problem-list-item", "encounter-diagnosis")},
    ("AllergyIntolerance", "clinicalStatus"): {(f"{THO}/allergyintolerance-clinical", c)
                                               for c in ("active", "inactive", "resolved")},
    ("AllergyIntolerance", "verificationStatus"): {
        (f"{THO}/allergyintolerance-verification", c)
        for c in ("unconfirmed", "confirmed", "refuted", "entered-in-error")},
    ("Encounter", "class"): {(f"{THO}/v3-ActCode", c) for c in (
        "AMB", "EMER", "FLD", "HH", "IMP", "ACUTE", "NONAC", "OBSENC", "PRENC", "SS", "VR")},
    ("Consent", "scope"): {(f"{THO}/consentscope", c) for c in (
        "adr", "research", "patient-privacy", "treatment")},
    # consent-category: LOINC consent documents (with the ActConsentType and
    # consentcategorycodes codes, which we do not use).
    ("Consent", "category"): {(LOINC, c) for c in ("59284-0", "57016-8", "57017-6", "64292-6")},
    # ServiceRequest.category (example binding): SNOMED CT's procedure categories; for a
    # referral, 3457005 "Patient referral" (the R4 referral-type value set is-a 3457005).
    ("ServiceRequest", "category"): {(SNOMED, c) for c in (
        "108252007", "363679005", "409063005", "409073007", "387713003", "3457005")},
    ("DocumentReference", "type"): {(LOINC, "57133-1")},
    ("Composition", "type"): {(LOINC, "11506-3")},
    ("AuditEvent", "type"): {("http://dicom.nema.org/resources/ontology/DCM", "110110")},
}  # fmt: skip

# Inside a resource: Provenance.entity.role and DocumentReference.relatesTo.code.
NESTED = {
    ("Provenance", "entity", "role"): {"derivation", "revision", "quotation", "source", "removal"},
    ("DocumentReference", "relatesTo", "code"): {"replaces", "transforms", "signs", "appends"},
    ("Composition", "attester", "mode"): {"personal", "professional", "legal", "official"},
}


def _pairs(value):
    """(system, code) of every Coding in a Coding, a CodeableConcept or a list of them."""
    if isinstance(value, list):
        return [pair for item in value for pair in _pairs(item)]
    if "coding" in value:
        return [(c.get("system"), c.get("code")) for c in value["coding"]]
    return [(value.get("system"), value.get("code"))]


def check_codes(bundle):
    """Every problem found, as "<Resource>.<path>: <value>"; an empty list when all is well."""
    problems = []
    if bundle.get("type") not in CODES[("Bundle", "type")]:
        problems.append(f"Bundle.type: {bundle.get('type')}")
    for entry in bundle["entry"]:
        resource = entry["resource"]
        kind = resource["resourceType"]
        for (rtype, path), allowed in CODES.items():
            if rtype == kind and path in resource and resource[path] not in allowed:
                problems.append(f"{kind}.{path}: {resource[path]}")
            required = rtype != "Bundle" and path in ("status", "intent")
            if rtype == kind and required and path not in resource:
                problems.append(f"{kind}.{path}: missing")
        for (rtype, path), allowed in CODINGS.items():
            if rtype == kind and path in resource:
                for pair in _pairs(resource[path]):
                    if pair not in allowed:
                        problems.append(f"{kind}.{path}: {pair}")
        for (rtype, outer, inner), allowed in NESTED.items():
            if rtype == kind:
                for part in resource.get(outer, []):
                    if part.get(inner) not in allowed:
                        problems.append(f"{kind}.{outer}.{inner}: {part.get(inner)}")
    return problems
