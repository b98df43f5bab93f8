"""Session notes: the suggestions the client's cautions filter, and the note's writes.

Every write checks the client's care status (clearance.status) itself, so a rule that keeps
a client safe holds for every caller, not only for the form.
"""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from clearance.status import Exclusion, care_status
from clients.models import Client
from clients.submission import create_once
from notes.complaint_map import FRONT_OF_NECK_COMPLAINTS, NECK_COMPLAINTS
from notes.models import Complaint, NoteAmendment, SelfCareItem, SessionNote, Technique
from screening.restrictions import DEEP_PRESSURE


@dataclass(frozen=True)
class Suggestions:
    complaints: list
    techniques: list  # allowed, in map order
    exclusions: list  # Exclusion, in map order
    self_care: list

    @property
    def is_empty(self):
        return not self.complaints


FRONT_OF_NECK_REASON = (
    "No deep pressure over the scalenes or the front of the neck (nerves, blood vessels and "
    "the carotid artery run here)"
)


def neck_emergency_reasons(care):
    """The reasons of the neck or head emergency flags in the client's history that still ban
    neck work (clearance.status: every one, unless the latest clearance covering it allows
    neck work), each with its date.

    While there is one, the neck is not worked at all, even after a clearance lifted the
    block on massage (docs/clinical/complaint-map.md, "Neck safety")."""
    return [f"{ban.reason_clause}, flagged on {ban.flagged_on:%-d %B %Y}" for ban in care.neck_ban]


def _ids(values):
    return {str(getattr(value, "pk", value)) for value in values}


def exclusion_for(technique, cautions, complaints=()):
    """Why `technique` is not suggested: the client's cautions, or deep pressure on a ticked
    structure at the front of the neck. None when it may be used."""
    exclusion = cautions.exclusion_for(technique)
    front_of_neck = technique.deep_pressure and _ids(complaints) & FRONT_OF_NECK_COMPLAINTS
    if not front_of_neck:
        return exclusion
    reasons = (*exclusion.reasons, FRONT_OF_NECK_REASON) if exclusion else (FRONT_OF_NECK_REASON,)
    return Exclusion(technique, reasons)


def suggestions_for(complaints, cautions):
    """Techniques and self-care the map suggests for the ticked complaints, minus what the
    client's cautions and the neck safety rules exclude (each with its reason)."""
    complaints = list(complaints)
    techniques = {}
    self_care = {}
    for complaint in complaints:
        for technique in complaint.techniques.all():
            techniques[technique.pk] = technique
        for item in complaint.self_care.all():
            self_care[item.pk] = item
    allowed, exclusions = [], []
    for technique in sorted(techniques.values(), key=lambda t: (t.position, t.label)):
        exclusion = exclusion_for(technique, cautions, complaints)
        if exclusion:
            exclusions.append(exclusion)
        else:
            allowed.append(technique)
    return Suggestions(
        complaints=complaints,
        techniques=allowed,
        exclusions=exclusions,
        self_care=sorted(self_care.values(), key=lambda s: (s.position, s.label)),
    )


def map_for_page(cautions):
    """The whole map as JSON-ready data, so the page can suggest without another request."""
    techniques = list(Technique.objects.all())
    complaints = Complaint.objects.prefetch_related("techniques", "self_care")
    return {
        "complaints": {
            c.pk: {
                "label": c.label,
                "note": c.note,
                "techniques": [t.pk for t in c.techniques.all()],
                "self_care": [s.pk for s in c.self_care.all()],
                "front_of_neck": c.pk in FRONT_OF_NECK_COMPLAINTS,
            }
            for c in complaints
        },
        "techniques": [
            {
                "id": t.pk,
                "label": t.label,
                "excluded": (exclusion := cautions.exclusion_for(t)) is not None,
                "reason": exclusion.message if exclusion else "",
                "deep_pressure": t.deep_pressure,
                "front_of_neck_reason": Exclusion(t, (FRONT_OF_NECK_REASON,)).message,
            }
            for t in techniques
        ],
        "self_care": [{"id": s.pk, "label": s.label} for s in SelfCareItem.objects.all()],
    }


class NoteIsSigned(ValidationError):
    """A signed note is read-only; changes are amendments."""


class ClearanceNeeded(ValidationError):
    """A flag in the client's history needs a physician's clearance before a new session."""


class NoScreeningYet(ValidationError):
    """The client has no submitted intake: nothing is known of their health, and unknown is
    never read as clear."""


class AskInPersonFirst(ValidationError):
    """The client's latest screening has questions to ask in person before a new session."""


def safety_refusals(care, *, techniques=(), pressure="", complaints=()):
    """What the client's cautions and the neck safety rules forbid among `techniques`,
    `pressure` and the ticked `complaints` (Complaint rows), by field.

    Empty when everything may be done. The one check behind every session-note write.
    """
    refusals = {}
    excluded = [e for t in techniques if (e := exclusion_for(t, care, complaints))]
    if excluded:
        refusals["techniques"] = [
            f"{e.message}. Untick it, or record what you did instead." for e in excluded
        ]
    if pressure == SessionNote.Pressure.DEEP:
        reasons = list(care.excluded_ids.get(DEEP_PRESSURE, []))
        if _ids(complaints) & FRONT_OF_NECK_COMPLAINTS:
            reasons.append(FRONT_OF_NECK_REASON)
        if reasons:
            refusals["pressure"] = [
                f"Deep pressure is not suggested for this client: {'; '.join(reasons)}"
            ]
    neck = [c for c in complaints if c.pk in NECK_COMPLAINTS]
    emergency = neck_emergency_reasons(care) if neck else []
    if emergency:
        labels = ", ".join(c.label.lower() for c in neck)
        refusals["complaints"] = [
            f"No neck work for this client after a neck or head emergency flag "
            f"({'; '.join(emergency)}). Untick {labels}."
        ]
    return refusals


M2M_FIELDS = ("complaints", "techniques", "self_care")


def _write(note, data, care):
    """Save `data` on `note`, refusing what the client's cautions forbid."""
    m2m = {name: data.pop(name) for name in M2M_FIELDS if name in data}
    techniques = Technique.objects.filter(pk__in=_ids(m2m.get("techniques", ())))
    complaints = Complaint.objects.filter(pk__in=_ids(m2m.get("complaints", ())))
    refusals = safety_refusals(
        care, techniques=techniques, pressure=data.get("pressure", ""), complaints=complaints
    )
    if refusals:
        raise ValidationError(refusals)
    for name, value in data.items():
        setattr(note, name, value)
    note.full_clean(exclude=list(M2M_FIELDS), validate_unique=False)
    note.save()
    for name, value in m2m.items():
        getattr(note, name).set(value)
    return note


@transaction.atomic
def note_create(*, client, therapist, data, submission_key=""):
    """A new draft note. Refused while the client needs a physician's clearance or has
    questions to answer in person, and for a technique or pressure the client's cautions
    exclude. The same form posted twice (its
    `submission_key`) makes one note; the second call returns it."""
    # The client's row lock orders a new note after a clearance being recorded.
    Client.objects.select_for_update().filter(pk=client.pk).first()

    def create():
        care = care_status(client)
        if care.screening is None:
            raise NoScreeningYet(
                "This client has not filled in the health questionnaire yet. Send them the "
                "intake link, or open it with them, before the first session."
            )
        if care.needs_clearance:
            raise ClearanceNeeded("This client needs a physician's clearance first.")
        if care.needs_in_person_answers:
            questions = "; ".join(ask.question_label for ask in care.asks)
            raise AskInPersonFirst(
                f"Ask the client in person and record the answers first: {questions}"
            )
        note = SessionNote(
            client=client, therapist=therapist, submission_key=submission_key or None
        )
        return _write(note, dict(data), care)

    note, _ = create_once(
        SessionNote.objects.filter(client=client, therapist=therapist),
        key=submission_key,
        create=create,
    )
    return note


@transaction.atomic
def note_update(*, note, data):
    """Change a draft; refused for a signed note and for what the client's cautions exclude."""
    note = SessionNote.objects.select_for_update().get(pk=note.pk)
    if note.is_signed:
        raise NoteIsSigned("This note is signed; add an amendment instead.")
    return _write(note, dict(data), care_status(note.client))


@transaction.atomic
def note_sign(*, note, user):
    """Sign a draft: it becomes read-only, with the restrictions in force kept alongside."""
    note = SessionNote.objects.select_for_update().get(pk=note.pk)
    if note.is_signed:
        raise NoteIsSigned("This note is already signed.")
    if note.therapist_id != user.pk:
        raise PermissionDenied("Only the note's therapist can sign it.")
    note.signed_at = timezone.now()
    note.signed_by = user
    note.restrictions_at_signing = care_status(note.client).restrictions
    note.save(update_fields=["signed_at", "signed_by", "restrictions_at_signing", "updated_at"])
    return note


@transaction.atomic
def note_amend(*, note, author, text, reason, submission_key=""):
    """Add an amendment to a signed note; the note itself does not change. The same form
    posted twice (its `submission_key`) adds one amendment."""
    note = SessionNote.objects.select_for_update().get(pk=note.pk)
    if not note.is_signed:
        raise ValidationError("A draft is edited, not amended.")

    def create():
        amendment = NoteAmendment(
            note=note,
            author=author,
            text=text,
            reason=reason,
            submission_key=submission_key or None,
        )
        amendment.full_clean(validate_unique=False)
        amendment.save()
        return amendment

    amendment, _ = create_once(
        NoteAmendment.objects.filter(note=note, author=author), key=submission_key, create=create
    )
    return amendment
