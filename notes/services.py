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
    self_care: list  # allowed, in map order
    self_care_exclusions: list = ()  # Exclusion, in map order

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


def _split(entries, exclusion_of):
    """`entries` in map order, as (allowed, exclusions)."""
    allowed, exclusions = [], []
    for entry in sorted(entries, key=lambda e: (e.position, e.label)):
        exclusion = exclusion_of(entry)
        if exclusion:
            exclusions.append(exclusion)
        else:
            allowed.append(entry)
    return allowed, exclusions


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
    allowed, exclusions = _split(
        techniques.values(), lambda t: exclusion_for(t, cautions, complaints)
    )
    care_allowed, care_exclusions = _split(self_care.values(), cautions.exclusion_for)
    return Suggestions(
        complaints=complaints,
        techniques=allowed,
        exclusions=exclusions,
        self_care=care_allowed,
        self_care_exclusions=care_exclusions,
    )


def _excluded(entry, cautions):
    """`excluded` and `reason` of a map entry, for the page's script."""
    exclusion = cautions.exclusion_for(entry)
    return {"excluded": exclusion is not None, "reason": exclusion.message if exclusion else ""}


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
                **_excluded(t, cautions),
                "deep_pressure": t.deep_pressure,
                "front_of_neck_reason": Exclusion(t, (FRONT_OF_NECK_REASON,)).message,
            }
            for t in techniques
        ],
        "self_care": [
            {"id": s.pk, "label": s.label, **_excluded(s, cautions)}
            for s in SelfCareItem.objects.all()
        ],
    }


# The questionnaire's pressure preferences (screening/questions.py, PRESSURES: light, medium,
# firm, not sure) as the note's pressures; "not sure yet" starts with none.
PRESSURE_OF_PREFERENCE = {
    **{value: value for value in SessionNote.Pressure.values},
    "medium": SessionNote.Pressure.MODERATE,
}
PRESSURE_ORDER = list(SessionNote.Pressure.values)  # lightest first


@dataclass(frozen=True)
class StartingPressure:
    """The pressure a note starts at, and the restriction sentences that capped it."""

    value: str  # a SessionNote.Pressure value, or "" for none
    capped_by: tuple[str, ...] = ()

    @property
    def message(self):
        """'Capped at moderate: No deep tissue or forceful pressure (...).', or ""."""
        if not self.capped_by:
            return ""
        label = SessionNote.Pressure(self.value).label.lower()
        return f"Capped at {label}: {'; '.join(self.capped_by)}"


def pressure_cap(care):
    """The firmest pressure a note starts at for this client, and the restriction sentences
    behind it; (None, ()) without a cap.

    A caution that excludes deep or forceful pressure caps the start at moderate: "firm" is
    not refused (the therapist may still choose it, and deep is refused by
    safety_refusals), but a client on blood thinners never starts there because they said
    they like it firm (docs/clinical/complaint-map.md, "Pressure: the client's preference,
    capped")."""
    reasons = tuple(care.excluded_ids.get(DEEP_PRESSURE, ()))
    return (SessionNote.Pressure.MODERATE, reasons) if reasons else (None, ())


def starting_pressure(preference, care):
    """The note's starting pressure from the client's stated `preference` (the intake's
    answer), capped by the client's cautions (pressure_cap)."""
    value = PRESSURE_OF_PREFERENCE.get(preference, "") if isinstance(preference, str) else ""
    cap, reasons = pressure_cap(care)
    if value and cap and PRESSURE_ORDER.index(value) > PRESSURE_ORDER.index(cap):
        return StartingPressure(cap, reasons)
    return StartingPressure(value)


class NoteIsSigned(ValidationError):
    """A signed note is read-only; changes are amendments."""


class ClearanceNeeded(ValidationError):
    """A flag in the client's history needs a physician's clearance before a new session."""


class NoScreeningYet(ValidationError):
    """The client has no submitted intake: nothing is known of their health, and unknown is
    never read as clear."""


class AskInPersonFirst(ValidationError):
    """The client's latest screening has questions to ask in person before a new session."""


def _untick(exclusion, what):
    # The restriction sentence ends with its own full stop.
    return f"{exclusion.message.rstrip('. ')}. Untick it, or record {what} instead."


def safety_refusals(care, *, techniques=(), pressure="", complaints=(), self_care=()):
    """What the client's cautions and the neck safety rules forbid among `techniques`,
    `pressure`, the ticked `complaints` (Complaint rows) and the `self_care` given, by field.

    Empty when everything may be done. The one check behind every session-note write.
    """
    refusals = {}
    excluded = [e for t in techniques if (e := exclusion_for(t, care, complaints))]
    if excluded:
        refusals["techniques"] = [_untick(e, "what you did") for e in excluded]
    excluded_care = [e for item in self_care if (e := care.exclusion_for(item))]
    if excluded_care:
        refusals["self_care"] = [_untick(e, "what you advised") for e in excluded_care]
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
    self_care = SelfCareItem.objects.filter(pk__in=_ids(m2m.get("self_care", ())))
    refusals = safety_refusals(
        care,
        techniques=techniques,
        pressure=data.get("pressure", ""),
        complaints=complaints,
        self_care=self_care,
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
    questions to answer in person, and for a technique, pressure or self-care the client's
    cautions exclude. The same form posted twice (its
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
