"""Session notes: the client's cautions, the suggestions they filter, and the note's writes."""

from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from clients.models import Complaint, NoteAmendment, SelfCareItem, SessionNote, Technique
from intake.models import Intake
from intake.screening import DEEP_TISSUE
from intake.selectors import clearance_status
from intake.tiers import TIER_LABELS


@dataclass(frozen=True)
class Exclusion:
    """Why one technique is not suggested."""

    technique: Technique
    reasons: tuple[str, ...]

    @property
    def message(self):
        """'Not suggested: ischemic compression — No deep tissue or forceful pressure (...)'."""
        return f"Not suggested: {self.technique.label.lower()} — {'; '.join(self.reasons)}"


@dataclass(frozen=True)
class Cautions:
    """What the client's latest screening and any physician's clearance ask of every session."""

    status: object  # intake.selectors.ClearanceStatus
    # caution id (intake.screening) -> the restriction sentences that exclude it
    excluded_ids: dict = field(default_factory=dict)
    caution_restrictions: tuple[str, ...] = ()
    physician_restrictions: str = ""

    @property
    def needs_clearance(self):
        return self.status.needs_clearance

    @property
    def screening(self):
        return self.status.screening

    @property
    def tier_label(self):
        return TIER_LABELS.get(self.screening.tier, "") if self.screening else ""

    @property
    def blocking_reasons(self):
        """The reasons of the emergency and refer flags that block treatment."""
        if self.screening is None:
            return []
        return [
            flag.get("reason", "")
            for flag in self.screening.flags
            if flag.get("tier") in ("emergency", "refer")
        ]

    @property
    def restrictions(self):
        """Every restriction sentence to show at the top of a note, physician's first."""
        shown = []
        if self.physician_restrictions:
            shown.append(f"Physician's restrictions: {self.physician_restrictions}")
        shown.extend(self.caution_restrictions)
        return shown

    def exclusion_for(self, technique):
        reasons = []
        for caution_id in technique.restricted_by or []:
            for sentence in self.excluded_ids.get(caution_id, ()):
                if sentence not in reasons:
                    reasons.append(sentence)
        return Exclusion(technique, tuple(reasons)) if reasons else None

    @property
    def deep_pressure_excluded(self):
        return DEEP_TISSUE in self.excluded_ids


def client_cautions(client):
    """The client's cautions from their latest screening and clearance."""
    status = clearance_status(client)
    excluded = {}
    restrictions = []
    flags = status.screening.flags if status.screening is not None else []
    for flag in flags:
        sentence = flag.get("restriction") or flag.get("reason") or flag.get("id", "")
        if flag.get("restriction") and flag["restriction"] not in restrictions:
            restrictions.append(flag["restriction"])
        for caution_id in flag.get("restricts_techniques") or ():
            excluded.setdefault(caution_id, [])
            if sentence not in excluded[caution_id]:
                excluded[caution_id].append(sentence)
    return Cautions(
        status=status,
        excluded_ids=excluded,
        caution_restrictions=tuple(restrictions),
        physician_restrictions=(status.restrictions or "").strip(),
    )


@dataclass(frozen=True)
class Suggestions:
    complaints: list
    techniques: list  # allowed, in map order
    exclusions: list  # Exclusion, in map order
    self_care: list

    @property
    def is_empty(self):
        return not self.complaints


def suggestions_for(complaints, cautions):
    """Techniques and self-care the map suggests for the ticked complaints, minus what the
    client's cautions exclude (each with its reason)."""
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
        exclusion = cautions.exclusion_for(technique)
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
            }
            for c in complaints
        },
        "techniques": [
            {
                "id": t.pk,
                "label": t.label,
                "excluded": (exclusion := cautions.exclusion_for(t)) is not None,
                "reason": exclusion.message if exclusion else "",
            }
            for t in techniques
        ],
        "self_care": [{"id": s.pk, "label": s.label} for s in SelfCareItem.objects.all()],
    }


class NoteIsSigned(PermissionDenied):
    """A signed note is read-only; changes are amendments."""


class ClearanceNeeded(PermissionDenied):
    """The client's screening needs a physician's clearance before a new session."""


M2M_FIELDS = ("complaints", "techniques", "self_care")


def _write(note, data):
    m2m = {name: data.pop(name) for name in M2M_FIELDS if name in data}
    for name, value in data.items():
        setattr(note, name, value)
    note.full_clean(exclude=list(M2M_FIELDS))
    note.save()
    for name, value in m2m.items():
        getattr(note, name).set(value)
    return note


@transaction.atomic
def note_create(*, client, therapist, data):
    """A new draft note. Refused while the client needs a physician's clearance."""
    if clearance_status(client).needs_clearance:
        raise ClearanceNeeded("This client needs a physician's clearance first.")
    return _write(SessionNote(client=client, therapist=therapist), dict(data))


@transaction.atomic
def note_update(*, note, data):
    note = SessionNote.objects.select_for_update().get(pk=note.pk)
    if note.is_signed:
        raise NoteIsSigned("This note is signed; add an amendment instead.")
    return _write(note, dict(data))


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
    note.restrictions_at_signing = client_cautions(note.client).restrictions
    note.save(update_fields=["signed_at", "signed_by", "restrictions_at_signing", "updated_at"])
    return note


@transaction.atomic
def note_amend(*, note, author, text, reason):
    """Add an amendment to a signed note; the note itself does not change."""
    if not note.is_signed:
        raise ValidationError("A draft is edited, not amended.")
    amendment = NoteAmendment(note=note, author=author, text=text, reason=reason)
    amendment.full_clean()
    amendment.save()
    return amendment


@transaction.atomic
def client_archive(*, client):
    """Archive a client and cancel their unused intake links, so an archived record takes no
    new answers. Returns how many links were cancelled."""
    now = timezone.now()
    client.archived_at = now
    client.save(update_fields=["archived_at", "updated_at"])
    return Intake.objects.filter(
        client=client, submitted_at__isnull=True, expires_at__gt=now
    ).update(expires_at=now, updated_at=now)
