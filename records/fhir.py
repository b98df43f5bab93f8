"""A client's record as one FHIR R4 Bundle (type `collection`), for the next system.

Every resource is built here as plain data and the whole bundle is then parsed with the R4B
models of fhir.resources (the package's default models are R5), so what leaves the app is
known to be well-formed R4. Ids are `urn:uuid:` names derived from database keys (uuid5 over
NAMESPACE and "Patient/12"): exporting the same record again gives the same ids, and a
receiving system can tell an update from a new resource.

The codes, their systems and where each was checked are listed in docs/fhir.md. Codes of our
own (screening rules, techniques, intake questions, the PSFS) live in code systems under the
deployment's SITE_URL.
"""

import base64
import datetime
import hashlib
import html
import json
import re
import uuid

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import Prefetch
from django.utils import timezone

from audit.models import Event
from clearance.models import Clearance
from clearance.status import care_status
from clients.models import Practice, Therapist
from clients.selectors import therapist_profile
from intake.answer_types import answer_type
from intake.models import Intake
from notes.models import NoteAmendment, SessionNote
from referrals.models import ReferralLetter
from screening.medications import find_medicines
from screening.questions import (
    NOT_SURE,
    SECTIONS,
    questions_in_section,
)
from screening.rules import RULES_VERSION

# Fixed for ever: changing it changes every id of every export.
NAMESPACE = uuid.UUID("6f1c2b8e-3d4a-5e6f-8a9b-0c1d2e3f4a5b")

LOINC = "http://loinc.org"
SNOMED = "http://snomed.info/sct"
ATC = "http://www.whocc.no/atc"
UCUM = "http://unitsofmeasure.org"
DICOM = "http://dicom.nema.org/resources/ontology/DCM"
THO = "http://terminology.hl7.org/CodeSystem"

PAIN_SEVERITY = {
    "system": LOINC,
    "code": "72514-3",
    "display": "Pain severity - 0-10 verbal numeric rating [Score] - Reported",
}
REFERRAL_NOTE = {"system": LOINC, "code": "57133-1", "display": "Referral note"}
PROGRESS_NOTE = {"system": LOINC, "code": "11506-3", "display": "Progress note"}
PATIENT_REFERRAL = {"system": SNOMED, "code": "3457005", "display": "Patient referral"}
CONSENT_DOCUMENT = {"system": LOINC, "code": "59284-0", "display": "Patient Consent"}
SOAP_SECTIONS = (
    # (title, LOINC code, display): C-CDA's SOAP note sections.
    ("Subjective", "61150-9", "Subjective Narrative"),
    ("Objective", "61149-1", "Objective Narrative"),
    ("Assessment", "51848-0", "Evaluation note"),
    ("Plan", "18776-5", "Plan of care note"),
)
SURVEY = {"system": f"{THO}/observation-category", "code": "survey", "display": "Survey"}
CLINICAL_FLAG = {"system": f"{THO}/flag-category", "code": "clinical", "display": "Clinical"}
AMBULATORY = {"system": f"{THO}/v3-ActCode", "code": "AMB", "display": "ambulatory"}
PATIENT_RECORD = {"system": DICOM, "code": "110110", "display": "Patient Record"}

# Our drug classes carry the ATC code of the class; where one class spans two ATC groups the
# generic decides which (docs/clinical/medications.md).
ATC_OF_GENERIC = {
    "capecitabine": "L01",
    "tamoxifen": "L02B",
    "letrozole": "L02B",
    "anastrozole": "L02B",
    "exemestane": "L02B",
    "alendronate": "M05BA",
    "risedronate": "M05BA",
    "ibandronate": "M05BA",
    "zoledronic acid": "M05BA",
    "denosumab": "M05BX",
}

# Audit actions as FHIR audit-event-action codes (C create, R read, U update, D delete,
# E execute) and whether the access was refused.
AUDIT_ACTIONS = {
    Event.Action.VIEW: "R",
    Event.Action.CREATE: "C",
    Event.Action.CHANGE: "U",
    Event.Action.DELETE: "D",
    Event.Action.SIGN: "U",
    Event.Action.EXPORT: "R",
    Event.Action.PDF: "R",
    Event.Action.ERASE: "D",
    Event.Action.REFUSED: "R",
}


def ref_id(key):
    """The resource id for a key such as "Patient/12": a uuid5, the same on every export."""
    return str(uuid.uuid5(NAMESPACE, key))


def ref(key):
    return {"reference": f"urn:uuid:{ref_id(key)}"}


def system(name):
    """A code system of our own: screening rules, techniques, intake questions, the PSFS."""
    return f"{settings.SITE_URL}/fhir/CodeSystem/{name}"


def questionnaire_url():
    return f"{settings.SITE_URL}/fhir/Questionnaire/intake"


def _instant(value):
    """An aware datetime as FHIR writes it, to the second, in UTC."""
    if value is None:
        return None
    return value.astimezone(datetime.UTC).replace(microsecond=0).isoformat()


def _date(value):
    return value.isoformat() if value is not None else None


def _clean(value):
    """Drop empty values: FHIR has no empty strings, lists or objects."""
    if isinstance(value, dict):
        cleaned = {k: _clean(v) for k, v in value.items()}
        return {k: v for k, v in cleaned.items() if v not in (None, "", [], {})}
    if isinstance(value, list):
        cleaned = [_clean(v) for v in value]
        return [v for v in cleaned if v not in (None, "", [], {})]
    if isinstance(value, str):
        return value.strip()
    return value


def _narrative(*paragraphs):
    """XHTML for a Composition section: each paragraph escaped, line breaks kept."""
    body = "".join(
        f"<p>{html.escape(text).replace(chr(10), '<br/>')}</p>" for text in paragraphs if text
    )
    return {"status": "generated", "div": f'<div xmlns="http://www.w3.org/1999/xhtml">{body}</div>'}


def _items(text):
    """The client's free text cut into items: one a line, or a semicolon apart (a comma
    is kept: "Breast cancer 2019, in remission" is one item)."""
    return [part.strip() for part in re.split(r"[\n;]+", text or "") if part.strip()]


class BundleBuilder:
    """Collects the resources of one client's record; `bundle()` returns the Bundle."""

    def __init__(self, client, *, now=None):
        self.client = client
        self.now = now or timezone.now()
        self.entries = {}
        self.questionnaire_versions = set()  # the rules versions the intakes answered
        self.clearance_reply = {}  # clearance pk -> the ServiceRequest it answers
        therapist = therapist_profile(client.therapist)
        self.practice = therapist.practice if therapist else Practice.objects.first()
        self.patient = ref(f"Patient/{client.pk}")
        self.organization = ref(f"Organization/{self.practice.pk}") if self.practice else None

    def add(self, key, resource_type, body):
        self.entries[key] = {"resourceType": resource_type, "id": ref_id(key), **body}
        return ref(key)

    # Who

    def add_organization(self):
        practice = self.practice
        if practice is None:
            return
        self.add(
            f"Organization/{practice.pk}",
            "Organization",
            {
                "active": True,
                "name": practice.name,
                "telecom": [
                    {"system": "phone", "value": practice.phone},
                    {"system": "email", "value": practice.email},
                    {"system": "url", "value": practice.website},
                ],
                "address": [{"text": practice.address_line}] if practice.address else [],
            },
        )

    def practitioner(self, user):
        """The staff member's Practitioner, added once."""
        if user is None:
            return None
        key = f"Practitioner/{user.pk}"
        if key not in self.entries:
            profile = Therapist.objects.filter(user=user).first()
            qualification = []
            if profile and (profile.designation or profile.licence_number):
                qualification.append(
                    {
                        "identifier": [{"value": profile.licence_number}],
                        "code": {"text": profile.designation or "Licence"},
                    }
                )
            self.add(
                key,
                "Practitioner",
                {
                    "active": user.is_active,
                    "name": [
                        {
                            "text": user.get_full_name() or user.get_username(),
                            "family": user.last_name,
                            "given": [user.first_name],
                        }
                    ],
                    "telecom": [{"system": "phone", "value": profile.phone}] if profile else [],
                    "qualification": qualification,
                },
            )
        return ref(key)

    def physician(self, name, *, practice="", address="", phone="", email=""):
        """The client's physician as a Practitioner (by name: letters copy it)."""
        name = " ".join((name or "").split())
        if not name:
            return None
        key = f"Physician/{self.client.pk}/{name.casefold()}"
        if key not in self.entries:
            self.add(
                key,
                "Practitioner",
                {
                    "name": [{"text": name}],
                    "telecom": [
                        {"system": "phone", "value": phone},
                        {"system": "email", "value": email},
                    ],
                    "address": [
                        {"text": ", ".join(p for p in (practice, address.replace("\n", ", ")) if p)}
                    ],
                },
            )
        return ref(key)

    def add_patient(self):
        client = self.client
        gp = self.physician(
            client.physician_name,
            practice=client.physician_practice,
            address=client.physician_address,
            phone=client.physician_phone,
            email=client.physician_email,
        )
        name = [{"use": "official", "family": client.last_name, "given": [client.first_name]}]
        if client.preferred_name:
            name.append({"use": "usual", "given": [client.preferred_name]})
        contact = []
        if client.emergency_contact_name or client.emergency_contact_phone:
            contact.append(
                {
                    "relationship": [
                        {
                            "coding": [
                                {
                                    "system": f"{THO}/v2-0131",
                                    "code": "C",
                                    "display": "Emergency Contact",
                                }  # fmt: skip
                            ]
                        }
                    ],
                    "name": {"text": client.emergency_contact_name},
                    "telecom": [{"system": "phone", "value": client.emergency_contact_phone}],
                }
            )
        self.add(
            f"Patient/{client.pk}",
            "Patient",
            {
                "identifier": [{"system": f"{settings.SITE_URL}/clients", "value": str(client.pk)}],
                "active": not client.is_archived,
                "name": name,
                "telecom": [
                    {"system": "phone", "value": client.phone},
                    {"system": "email", "value": client.email},
                ],
                "birthDate": _date(client.date_of_birth),
                "address": [{"text": client.address.replace("\n", ", ")}],
                "contact": contact,
                "generalPractitioner": [gp] if gp else [],
                "managingOrganization": self.organization,
            },
        )

    # What the client told us

    def add_questionnaires(self, versions):
        for version in sorted(versions):
            self.add(
                f"Questionnaire/intake/{version}",
                "Questionnaire",
                {
                    "url": questionnaire_url(),
                    "version": version,
                    "name": "IntakeQuestionnaire",
                    "title": "Massage therapy intake",
                    "status": "active",
                    "subjectType": ["Patient"],
                    "description": "The intake questionnaire with its red-flag screening "
                    "questions. Versions follow the screening rules; questions are only ever "
                    "added, so an older version's answers fit this list.",
                    "item": [*map(_question_group, SECTIONS), _question_item(NOT_SURE)],
                },
            )

    def add_intake(self, intake, care):
        """An intake's answers, pain, consent and red flags."""
        answers = intake.answers or {}
        screening = intake.effective_screening
        # The questionnaire the client answered: the rules version of the screening made
        # at submission.
        first = intake.screening or screening
        version = first.rules_version if first else RULES_VERSION
        self.questionnaire_versions.add(version)
        response = self.add(
            f"QuestionnaireResponse/{intake.pk}",
            "QuestionnaireResponse",
            {
                "questionnaire": f"{questionnaire_url()}|{version}",
                "status": "completed",
                "subject": self.patient,
                "authored": _instant(intake.submitted_at),
                "author": self.patient,
                "source": self.patient,
                "item": [
                    *(_answer_group(section, answers) for section in SECTIONS),
                    _answer_item(NOT_SURE, answers),
                ],
            },
        )
        if isinstance(answers.get("pain_now"), int):
            self.add(
                f"Observation/intake-pain/{intake.pk}",
                "Observation",
                {
                    "status": "final",
                    "category": [{"coding": [SURVEY]}],
                    "code": {"coding": [PAIN_SEVERITY], "text": "Pain now (intake)"},
                    "subject": self.patient,
                    "effectiveDateTime": _instant(intake.submitted_at),
                    "performer": [self.patient],
                    "valueInteger": answers["pain_now"],
                    "derivedFrom": [response],
                },
            )
        if answers.get("consent_treatment") is True:
            signature = answers.get("signature_name") or ""
            self.add(
                f"Consent/treatment/{intake.pk}",
                "Consent",
                {
                    "status": "active",
                    "scope": {
                        "coding": [
                            {
                                "system": f"{THO}/consentscope",
                                "code": "treatment",
                                "display": "Treatment",
                            }
                        ]
                    },  # fmt: skip
                    "category": [{"coding": [CONSENT_DOCUMENT]}],
                    "patient": self.patient,
                    "dateTime": _instant(intake.submitted_at),
                    "performer": [self.patient],
                    "organization": [self.organization] if self.organization else [],
                    "sourceReference": response,
                    "policyRule": {
                        "text": "Agreed to receive massage treatment in the intake questionnaire"
                        + (f', signed by typing "{signature}"' if signature else "")
                        + "."
                    },
                    "provision": {"type": "permit"},
                },
            )
        if screening is not None:
            self.add_flags(intake, screening, care)
        return response

    def add_flags(self, intake, screening, care):
        held = {item.id for item in (*care.held, *care.neck_ban)}
        is_latest = care.screening is not None and care.screening.pk == screening.pk
        for flag in screening.flag_list:
            # A caution counts while its intake is the latest.
            active = flag.id in held if flag.needs_physician else is_latest
            self.add(
                f"Flag/{screening.pk}/{flag.id}",
                "Flag",
                {
                    "status": "active" if active else "inactive",
                    "category": [{"coding": [CLINICAL_FLAG]}],
                    "code": {
                        "coding": [
                            {
                                "system": system("screening-rule"),
                                "code": flag.id,
                                "display": flag.tier_label,
                            }  # fmt: skip
                        ],
                        "text": flag.text,
                    },
                    "subject": self.patient,
                    "period": {"start": _instant(screening.created_at)},
                    "author": self.organization,
                },
            )

    def add_history(self):
        """Conditions, allergies and medicines as the record holds them (the latest intake
        copies the client's answers onto it): the client's words, unconfirmed."""
        client = self.client
        for index, text in enumerate(_items(client.conditions)):
            self.add(
                f"Condition/{client.pk}/{index}",
                "Condition",
                {
                    "verificationStatus": {
                        "coding": [
                            {
                                "system": f"{THO}/condition-ver-status",
                                "code": "unconfirmed",
                                "display": "Unconfirmed",
                            }
                        ]  # fmt: skip
                    },
                    "code": {"text": text},
                    "subject": self.patient,
                    "recordedDate": _instant(client.updated_at),
                    "asserter": self.patient,
                    "note": [{"text": "In the client's own words; not confirmed by a clinician."}],
                },
            )
        for index, text in enumerate(_items(client.allergies)):
            self.add(
                f"AllergyIntolerance/{client.pk}/{index}",
                "AllergyIntolerance",
                {
                    "clinicalStatus": {
                        "coding": [
                            {
                                "system": f"{THO}/allergyintolerance-clinical",
                                "code": "active",
                                "display": "Active",
                            }
                        ]  # fmt: skip
                    },
                    "verificationStatus": {
                        "coding": [
                            {
                                "system": f"{THO}/allergyintolerance-verification",
                                "code": "unconfirmed",
                                "display": "Unconfirmed",
                            }
                        ]  # fmt: skip
                    },
                    "code": {"text": text},
                    "patient": self.patient,
                    "recordedDate": _instant(client.updated_at),
                    "asserter": self.patient,
                },
            )
        for index, text in enumerate(_items(client.medications)):
            found = find_medicines(text)
            match = found[0] if found else None
            coding = []
            if match is not None:
                code = ATC_OF_GENERIC.get(match.generic, match.drug_class.atc)
                coding.append({"system": ATC, "code": code})
            # The client listed it among the medicines they take; a name the screening does
            # not know is left for a clinician to confirm.
            if match is None:
                status = "unknown"
            elif match.not_counted == "past use":
                status = "stopped"
            else:
                status = "active"
            self.add(
                f"MedicationStatement/{client.pk}/{index}",
                "MedicationStatement",
                {
                    "status": status,
                    "medicationCodeableConcept": {"coding": coding, "text": text},
                    "subject": self.patient,
                    "dateAsserted": _instant(client.updated_at),
                    "informationSource": self.patient,
                    "note": [{"text": match.in_words()}] if match else [],
                },
            )

    # What the therapist did

    def add_note(self, note, intakes):
        therapist = self.practitioner(note.therapist)
        signed = note.is_signed
        encounter = self.add(
            f"Encounter/{note.pk}",
            "Encounter",
            {
                "status": "finished",
                "class": AMBULATORY,
                "type": [{"text": "Massage therapy session"}],
                "subject": self.patient,
                "participant": [{"individual": therapist}],
                "period": {"start": _date(note.session_date), "end": _date(note.session_date)},
                "length": {
                    "value": note.duration_minutes,
                    "unit": "min",
                    "system": UCUM,
                    "code": "min",
                },  # fmt: skip
                "serviceProvider": self.organization,
            },
        )
        status = "final" if signed else "preliminary"
        common = {"subject": self.patient, "encounter": encounter}
        pain = []
        for moment, value in (("before", note.pain_before), ("after", note.pain_after)):
            pain.append(
                self.add(
                    f"Observation/pain-{moment}/{note.pk}",
                    "Observation",
                    {
                        "status": status,
                        "category": [{"coding": [SURVEY]}],
                        "code": {"coding": [PAIN_SEVERITY], "text": f"Pain {moment} the session"},
                        **common,
                        "effectiveDateTime": _date(note.session_date),
                        "performer": [self.patient],
                        "valueInteger": value,
                    },
                )
            )
        psfs = None
        if note.psfs_items:
            psfs = self.add(
                f"Observation/psfs/{note.pk}",
                "Observation",
                {
                    "status": status,
                    "category": [{"coding": [SURVEY]}],
                    "code": {
                        "coding": [
                            {
                                "system": system("psfs"),
                                "code": "psfs-mean",
                                "display": "Patient-Specific Functional Scale, mean score",
                            }
                        ],
                        "text": "Patient-Specific Functional Scale (0 unable to 10 as before)",
                    },  # fmt: skip
                    **common,
                    "effectiveDateTime": _date(note.session_date),
                    "performer": [self.patient],
                    "valueQuantity": {"value": note.psfs_score, "system": UCUM, "code": "{score}"},
                    "component": [
                        {
                            "code": {
                                "coding": [
                                    {
                                        "system": system("psfs"),
                                        "code": "psfs-activity",
                                        "display": "Activity score",
                                    }
                                ],  # fmt: skip
                                "text": activity,
                            },
                            "valueInteger": score,
                        }
                        for activity, score in note.psfs_items
                    ],
                },
            )
        procedures = [
            self.add(
                f"Procedure/{note.pk}/{technique.pk}",
                "Procedure",
                {
                    "status": "completed",
                    "code": {
                        "coding": [
                            {
                                "system": system("technique"),
                                "code": technique.pk,
                                "display": technique.label,
                            }
                        ],  # fmt: skip
                        "text": technique.label,
                    },
                    **common,
                    "performedDateTime": _date(note.session_date),
                    "performer": [{"actor": therapist}],
                },
            )
            for technique in note.techniques.all()
        ]
        amendments = list(note.amendments.all())
        structures = ", ".join(c.label for c in note.complaints.all())
        self_care = ", ".join(item.label for item in note.self_care.all())
        texts = {
            "Subjective": [
                note.subjective,
                f"Pain before the session: {note.pain_before} out of 10.",
            ],
            "Objective": [
                note.findings,
                f"Structures involved: {structures}." if structures else "",
                "Techniques: " + ", ".join(t.label for t in note.techniques.all()) + "."
                if procedures else "",
                f"Pressure: {note.get_pressure_display().lower()}." if note.pressure else "",
                f"Pain after the session: {note.pain_after} out of 10.",
            ],
            "Assessment": [note.assessment],
            "Plan": [
                note.plan,
                f"Self-care: {self_care}." if self_care else "",
                note.self_care_notes,
            ],
        }  # fmt: skip
        entries = {
            "Subjective": [pain[0]],
            "Objective": [*procedures, pain[1]],
            "Assessment": [psfs] if psfs else [],
            "Plan": [],
        }
        sections = []
        for title, code, display in SOAP_SECTIONS:
            if not any(texts[title]) and not entries[title]:
                continue
            sections.append(
                {
                    "title": title,
                    "code": {"coding": [{"system": LOINC, "code": code, "display": display}]},
                    "text": _narrative(*texts[title]),
                    "entry": entries[title],
                }
            )
        if amendments:
            sections.append(
                {
                    "title": "Amendments",
                    "text": _narrative(
                        *(
                            f"{a.created_at:%Y-%m-%d %H:%M} UTC, {_name(a.author)}: {a.text} "
                            f"(reason: {a.reason})"
                            for a in amendments
                        )
                    ),
                }
            )
        composition_status = "amended" if amendments else status
        composition = self.add(
            f"Composition/{note.pk}",
            "Composition",
            {
                "status": composition_status,
                "type": {"coding": [PROGRESS_NOTE], "text": "Massage therapy session note (SOAP)"},
                "subject": self.patient,
                "encounter": encounter,
                "date": _instant(note.signed_at or note.updated_at),
                "author": [therapist],
                "title": f"Session note, {note.session_date:%d %B %Y}",
                "attester": [
                    {
                        "mode": "legal",
                        "time": _instant(note.signed_at),
                        "party": self.practitioner(note.signed_by),
                    }  # fmt: skip
                ]
                if signed
                else [],
                "custodian": self.organization,
                "section": sections,
            },
        )
        # The intake the therapist had read: the latest submitted on or before the session.
        source = next(
            (
                i
                for i in reversed(intakes)
                if i.submitted_at and timezone.localdate(i.submitted_at) <= note.session_date
            ),
            None,
        )
        if source is not None:
            self.add(
                f"Provenance/{note.pk}",
                "Provenance",
                {
                    "target": [composition],
                    "recorded": _instant(note.signed_at or note.created_at),
                    "agent": [
                        {
                            "type": {
                                "coding": [
                                    {
                                        "system": f"{THO}/provenance-participant-type",
                                        "code": "author",
                                        "display": "Author",
                                    }
                                ]  # fmt: skip
                            },
                            "who": therapist,
                        }
                    ],
                    "entity": [
                        {"role": "source", "what": ref(f"QuestionnaireResponse/{source.pk}")}
                    ],
                },
            )

    def add_letter(self, letter):
        author = self.practitioner(letter.author)
        physician = self.physician(
            letter.physician_name, practice=letter.physician_practice,
            address=letter.physician_address,
        )  # fmt: skip
        if letter.is_superseded:
            status = "revoked"
        elif letter.status == ReferralLetter.Status.DRAFT:
            status = "draft"
        elif letter.status == ReferralLetter.Status.REPLIED:
            status = "completed"
        else:
            status = "active"
        replies = [reply.clearance for reply in letter.replies.all()]
        flags = []
        if letter.screening_id:
            flags = [
                ref(f"Flag/{letter.screening_id}/{flag.id}")
                for flag in letter.screening.flag_list
                if f"Flag/{letter.screening_id}/{flag.id}" in self.entries
            ]
        document = None
        if letter.pdf:
            data = letter.pdf_bytes()
            document = ref(f"DocumentReference/{letter.pk}")
        request = self.add(
            f"ServiceRequest/{letter.pk}",
            "ServiceRequest",
            {
                "status": status,
                "intent": "order",
                "category": [{"coding": [PATIENT_REFERRAL]}],
                "code": {"text": "Assessment and clearance for massage therapy"},
                "subject": self.patient,
                "authoredOn": _instant(letter.finalised_at or letter.created_at),
                "requester": author,
                "performer": [physician] if physician else [],
                "reasonCode": [{"text": letter.subject}] if letter.subject else [],
                "reasonReference": flags,
                "supportingInfo": [document] if document else [],
                "replaces": [ref(f"ServiceRequest/{letter.corrects_id}")]
                if letter.corrects_id
                else [],
                "note": [{"text": letter.reason}],
            },
        )
        for clearance in replies:
            self.clearance_reply[clearance.pk] = request
        if document is None:
            return
        self.add(
            f"DocumentReference/{letter.pk}",
            "DocumentReference",
            {
                "status": "superseded" if letter.is_superseded else "current",
                "docStatus": "final",
                "type": {"coding": [REFERRAL_NOTE]},
                "subject": self.patient,
                "date": _instant(letter.finalised_at),
                "author": [author],
                "custodian": self.organization,
                "relatesTo": [
                    {"code": "replaces", "target": ref(f"DocumentReference/{letter.corrects_id}")}
                ]
                if letter.corrects_id
                else [],
                "description": f"Referral letter, version {letter.version}",
                "content": [
                    {
                        "attachment": {
                            "contentType": "application/pdf",
                            "data": base64.b64encode(data).decode(),
                            "size": len(data),
                            # FHIR R4's Attachment.hash is the SHA-1 of the data (base64);
                            # the SHA-256 the app stores is given as an identifier.
                            "hash": base64.b64encode(hashlib.sha1(data).digest()).decode(),
                            "title": letter.pdf_filename(),
                            "creation": _date(letter.letter_date),
                        }
                    }
                ],
                "identifier": [
                    {
                        "system": "urn:ietf:rfc:6920",
                        "value": f"ni:///sha-256;{_b64url_sha256(data)}",
                    }
                ],
                "context": {"related": [request]},
            },
        )

    def add_clearance(self, clearance):
        physician = self.physician(clearance.physician_name)
        words = [clearance.get_outcome_display() + "."]
        if clearance.restrictions:
            words.append(f"Restrictions: {clearance.restrictions}")
        if clearance.notes:
            words.append(f"Notes: {clearance.notes}")
        if clearance.allows_neck_work:
            words.append("The physician allows neck work.")
        request = self.clearance_reply.get(clearance.pk)
        self.add(
            f"Communication/{clearance.pk}",
            "Communication",
            {
                "status": "completed",
                "basedOn": [request] if request else [],
                "subject": self.patient,
                "topic": {"text": "Physician's clearance for massage therapy"},
                "received": _date(clearance.received_on),
                "sender": physician,
                "recipient": [self.organization] if self.organization else [],
                "payload": [{"contentString": " ".join(words)}],
                "note": [
                    {
                        "text": f"Recorded by {_name(clearance.recorded_by)}",
                        "time": _instant(clearance.recorded_at),
                    }  # fmt: skip
                ],
            },
        )

    def add_access_history(self, events):
        users = {
            u.pk: u for u in get_user_model().objects.filter(pk__in={e.user_pk for e in events})
        }
        for event in events:
            user = users.get(event.user_pk)
            who = self.practitioner(user) if user else None
            refused = event.action == Event.Action.REFUSED
            self.add(
                f"AuditEvent/{event.pk}",
                "AuditEvent",
                {
                    "type": PATIENT_RECORD,
                    "action": AUDIT_ACTIONS.get(event.action, "E"),
                    "recorded": _instant(event.at),
                    "outcome": "4" if refused else "0",
                    "outcomeDesc": event.get_action_display(),
                    "agent": [
                        {
                            "who": who
                            or {"display": event.username or "the client, or the system"},
                            "requestor": True,
                        }
                    ],
                    "source": {"observer": self.organization or self.patient},
                    "entity": [{"what": self.patient, "description": event.object_repr}],
                },
            )

    def bundle(self):
        client = self.client
        self.add_organization()
        self.add_patient()
        self.practitioner(client.therapist)
        care = care_status(client)
        intakes = list(
            Intake.objects.filter(client=client, submitted_at__isnull=False)
            .prefetch_related("screenings")
            .order_by("submitted_at", "pk")
        )
        for intake in intakes:
            self.add_intake(intake, care)
        self.add_history()
        notes = (
            SessionNote.objects.filter(client=client)
            .select_related("therapist", "signed_by")
            .prefetch_related(
                "techniques",
                "complaints",
                "self_care",
                Prefetch("amendments", NoteAmendment.objects.select_related("author")),
            )
            .order_by("session_date", "created_at", "pk")
        )
        for note in notes:
            self.add_note(note, intakes)
        letters = (
            ReferralLetter.objects.filter(client=client)
            .select_related("author", "screening")
            .prefetch_related("replies__clearance")
            .order_by("created_at", "pk")
        )
        for letter in letters:
            self.add_letter(letter)
        clearances = Clearance.objects.filter(client=client).select_related("recorded_by")
        for clearance in clearances.order_by("recorded_at", "pk"):
            self.add_clearance(clearance)
        if client.consent_contact_physician and client.physician_name:
            self.add(
                f"Consent/contact-physician/{client.pk}",
                "Consent",
                {
                    "status": "active",
                    "scope": {"coding": [{"system": f"{THO}/consentscope",
                                          "code": "patient-privacy",
                                          "display": "Privacy Consent"}]},
                    "category": [{"coding": [CONSENT_DOCUMENT]}],
                    "patient": self.patient,
                    "organization": [self.organization] if self.organization else [],
                    "policyRule": {"text": "The client allows the practice to write to their "
                                   "physician about their care."},
                    "provision": {"type": "permit", "actor": [{"role": {"coding": [
                        {"system": f"{THO}/v3-ParticipationType", "code": "IRCP",
                         "display": "information recipient"}]},
                        "reference": self.physician(client.physician_name)}]},
                },
            )  # fmt: skip
        self.add_questionnaires(self.questionnaire_versions)
        events = list(Event.objects.filter(client_pk=client.pk).order_by("at", "pk"))
        self.add_access_history(events)
        return _clean(
            {
                "resourceType": "Bundle",
                "id": ref_id(f"Bundle/{client.pk}"),
                "type": "collection",
                "timestamp": _instant(self.now),
                "entry": [
                    {"fullUrl": f"urn:uuid:{resource['id']}", "resource": resource}
                    for resource in self.entries.values()
                ],
            }
        )


def _name(user):
    return (user.get_full_name() or user.get_username()) if user else "someone"


def _b64url_sha256(data):
    return base64.urlsafe_b64encode(hashlib.sha256(data).digest()).decode().rstrip("=")


# The questionnaire's items


def _question_item(question):
    kind = answer_type(question)
    item = {
        "linkId": question.id,
        "text": question.label,
        "type": kind.fhir_item_type(question),
        "required": question.required,
        "repeats": kind.many,
        "readOnly": question.derived,
        "answerOption": [
            {
                "valueCoding": {
                    "system": system(f"intake-{question.id}"),
                    "code": value,
                    "display": label,
                }
            }  # fmt: skip
            for value, label in question.choices
        ],
    }
    return item


def _question_group(section):
    return {
        "linkId": section.id,
        "text": section.title,
        "type": "group",
        "item": [_question_item(q) for q in questions_in_section(section.id)],
    }


def _answer_value(question, value):
    return answer_type(question).fhir_answer(question, value, system(f"intake-{question.id}"))


def _answer_item(question, answers):
    value = answers.get(question.id)
    if value is None or value == "" or value == []:
        return {}
    return {"linkId": question.id, "text": question.label, "answer": _answer_value(question, value)}


def _answer_group(section, answers):
    items = [_answer_item(q, answers) for q in questions_in_section(section.id)]
    items = [item for item in items if item]
    if not items:
        return {}
    return {"linkId": section.id, "text": section.title, "item": items}


def client_bundle(client, *, now=None):
    """The client's record as a FHIR R4 Bundle (a dict), parsed with the R4B models."""
    bundle = BundleBuilder(client, now=now).bundle()
    validate(bundle)
    return bundle


def validate(bundle):
    """Parse the bundle with the R4B models: raises pydantic's ValidationError if any
    resource is not well-formed R4."""
    from fhir.resources.R4B.bundle import Bundle

    return Bundle.model_validate(bundle)


def bundle_json(bundle):
    return json.dumps(bundle, indent=2, ensure_ascii=False, sort_keys=False) + "\n"
