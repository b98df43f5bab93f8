from django import forms
from django.utils import timezone

from clients.forms import bound_text_fields
from clients.submission import SubmissionKeyField
from notes.complaint_map import NECK_COMPLAINTS
from notes.models import NoteAmendment, SessionNote
from notes.services import neck_emergency_reasons

PAIN_FIELDS = ("pain_before", "pain_after")
PSFS = (
    ("psfs_activity_1", "psfs_score_1"),
    ("psfs_activity_2", "psfs_score_2"),
    ("psfs_activity_3", "psfs_score_3"),
)
MULTI_FIELDS = ("complaints", "techniques", "self_care")


class SessionNoteForm(forms.ModelForm):
    """The SOAP note. `cautions` (clearance.status.CareStatus) marks the excluded techniques
    and self-care; the service refuses them, and its messages are shown next to the fields."""

    submission_key = SubmissionKeyField()

    class Meta:
        model = SessionNote
        fields = [
            "session_date",
            "duration_minutes",
            "subjective",
            "pain_before",
            "complaints",
            "findings",
            "techniques",
            "pressure",
            "assessment",
            "plan",
            "self_care",
            "self_care_notes",
            "pain_after",
            "psfs_activity_1",
            "psfs_score_1",
            "psfs_activity_2",
            "psfs_score_2",
            "psfs_activity_3",
            "psfs_score_3",
        ]
        widgets = {
            "session_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "complaints": forms.CheckboxSelectMultiple,
            "techniques": forms.CheckboxSelectMultiple,
            "self_care": forms.CheckboxSelectMultiple,
            "subjective": forms.Textarea(attrs={"rows": 3}),
            "findings": forms.Textarea(attrs={"rows": 3}),
            "assessment": forms.Textarea(attrs={"rows": 3}),
            "plan": forms.Textarea(attrs={"rows": 3}),
            "self_care_notes": forms.Textarea(attrs={"rows": 2}),
        }
        help_texts = {
            "subjective": "What the client reports, in their words.",
            "findings": "What you found: tone, tender points, range of motion.",
            "pain_before": "0 = no pain, 10 = worst imaginable.",
            "pain_after": "0 = no pain, 10 = worst imaginable.",
        }

    def __init__(self, *args, cautions, prefilled=None, capped=None, **kwargs):
        """`prefilled` maps field names to where their initial value came from ("the intake",
        "the last note"); those fields say so, and stay editable. `capped` maps field names
        to why their prefilled value was lowered ("Capped at moderate: ..."), said beside
        them too."""
        super().__init__(*args, **kwargs)
        bound_text_fields(self)
        self.cautions = cautions
        self.prefilled = prefilled or {}
        for name, origin in self.prefilled.items():
            field = self.fields[name]
            field.help_text = " ".join(
                filter(None, [f"From {origin}; edit as needed.", field.help_text])
            )
            field.widget.attrs.update({"class": "prefilled", "data-prefilled": origin})
        for name, why in (capped or {}).items():
            field = self.fields[name]
            field.help_text = " ".join(filter(None, [field.help_text, why]))
            field.widget.attrs["data-capped"] = why
        for name in PAIN_FIELDS + tuple(score for _, score in PSFS):
            self.fields[name].widget.attrs.update({"min": 0, "max": 10, "inputmode": "numeric"})
        self.fields["duration_minutes"].widget.attrs.update({"min": 1, "max": 480})
        self.fields["pressure"].choices = [("", "Not recorded"), *SessionNote.Pressure.choices]

    def _options(self, name):
        selected = {str(v) for v in (self[name].value() or [])}
        return selected, list(self.fields[name].queryset)

    def complaint_options(self):
        """Every structure, with why it may not be worked today (the neck after a neck or head
        emergency flag); the service refuses those."""
        selected, complaints = self._options("complaints")
        emergency = neck_emergency_reasons(self.cautions)
        blocked = f"No neck work for this client: {'; '.join(emergency)}" if emergency else ""
        return [
            {
                "item": c,
                "checked": c.pk in selected,
                "blocked": blocked if c.pk in NECK_COMPLAINTS else "",
            }
            for c in complaints
        ]

    def _restricted_options(self, name):
        """Every entry of field `name`, ticked or not, with why it is not suggested for this
        client (the box is disabled; the service refuses it)."""
        selected, entries = self._options(name)
        return [
            {"item": e, "checked": e.pk in selected, "exclusion": self.cautions.exclusion_for(e)}
            for e in entries
        ]

    def technique_options(self):
        return self._restricted_options("techniques")

    def self_care_options(self):
        return self._restricted_options("self_care")

    def clean_session_date(self):
        day = self.cleaned_data["session_date"]
        if day > timezone.localdate():
            raise forms.ValidationError("The date cannot be in the future.")
        return day

    def clean_duration_minutes(self):
        minutes = self.cleaned_data["duration_minutes"]
        if not 1 <= minutes <= 480:
            raise forms.ValidationError("Enter the session's length in minutes, from 1 to 480.")
        return minutes

    def _clean_0_to_10(self, name, what):
        value = self.cleaned_data.get(name)
        if value is not None and not 0 <= value <= 10:
            raise forms.ValidationError(f"{what} is rated from 0 to 10.")
        return value

    def clean_pain_before(self):
        return self._clean_0_to_10("pain_before", "Pain")

    def clean_pain_after(self):
        return self._clean_0_to_10("pain_after", "Pain")

    def clean_psfs_score_1(self):
        return self._clean_0_to_10("psfs_score_1", "Each activity")

    def clean_psfs_score_2(self):
        return self._clean_0_to_10("psfs_score_2", "Each activity")

    def clean_psfs_score_3(self):
        return self._clean_0_to_10("psfs_score_3", "Each activity")

    def clean(self):
        cleaned = super().clean()
        for activity, score in PSFS:
            if cleaned.get(activity) and cleaned.get(score) is None and score not in self.errors:
                self.add_error(score, "Rate this activity from 0 to 10.")
            if cleaned.get(score) is not None and not cleaned.get(activity):
                self.add_error(activity, "Name the activity this score is for.")
        return cleaned


def initial_from_post(form_class, data):
    """What was typed, as initial values: the form re-shows it without judging it yet."""
    initial = {}
    for name in form_class.Meta.fields:
        initial[name] = data.getlist(name) if name in MULTI_FIELDS else data.get(name, "")
    initial["submission_key"] = data.get("submission_key", "")
    return initial


class AmendmentForm(forms.ModelForm):
    submission_key = SubmissionKeyField()

    class Meta:
        model = NoteAmendment
        fields = ["text", "reason"]
        widgets = {"text": forms.Textarea(attrs={"rows": 4})}
        help_texts = {
            "text": "What to add or correct. The signed note stays as it was.",
            "reason": "For example: wrong pressure recorded, client called with an update.",
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        bound_text_fields(self)
