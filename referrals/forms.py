from django import forms
from django.utils import timezone

from clearance.models import Clearance
from clients.forms import limit_length
from referrals.models import ReferralLetter

SECTION_MAX = 4000
ADDRESS_MAX = 500


def _tidy_lines(text):
    """Trim each line and drop trailing blank lines; keep the paragraphs the user typed."""
    lines = [" ".join(line.split()) for line in (text or "").strip().splitlines()]
    return "\n".join(lines)


class LetterForm(forms.ModelForm):
    """The editable parts of a draft letter: addressee, consent and the body sections."""

    class Meta:
        model = ReferralLetter
        fields = ReferralLetter.CONTENT_FIELDS
        widgets = {
            "physician_address": forms.Textarea(attrs={"rows": 3}),
            "reason": forms.Textarea(attrs={"rows": 6}),
            "complaint": forms.Textarea(attrs={"rows": 5}),
            "history": forms.Textarea(attrs={"rows": 4}),
            "findings": forms.Textarea(attrs={"rows": 4}),
            "request": forms.Textarea(attrs={"rows": 6}),
        }
        help_texts = {
            "reason": "One concern per line; lines starting with “- ” print as a list.",
            "findings": "Your assessment and the techniques used so far, if you have "
            "treated the client.",
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        required = {
            "physician_name": "Enter the name of the physician the letter is addressed to.",
            "subject": "Enter a Re: line.",
            "reason": "Say why you are referring the client.",
            "request": "Say what you are asking the physician to do.",
        }
        for name, message in required.items():
            self.fields[name].required = True
            self.fields[name].error_messages["required"] = message
        for name in ("reason", "complaint", "history", "findings", "request"):
            self.fields[name].max_length = SECTION_MAX
            self.fields[name].widget.attrs["maxlength"] = SECTION_MAX
        limit_length(self.fields["physician_address"], ADDRESS_MAX)

    def clean_physician_name(self):
        return " ".join(self.cleaned_data["physician_name"].split())

    def clean_physician_practice(self):
        return " ".join(self.cleaned_data["physician_practice"].split())

    def clean_subject(self):
        return " ".join(self.cleaned_data["subject"].split())

    def clean_physician_address(self):
        return _tidy_lines(self.cleaned_data["physician_address"])

    def _clean_section(self, name):
        text = self.cleaned_data[name]
        if len(text) > SECTION_MAX:
            raise forms.ValidationError(
                f"Keep this section under {SECTION_MAX} characters (it has {len(text)})."
            )
        return "\n".join(line.rstrip() for line in text.strip().splitlines())

    def clean_reason(self):
        return self._clean_section("reason")

    def clean_complaint(self):
        return self._clean_section("complaint")

    def clean_history(self):
        return self._clean_section("history")

    def clean_findings(self):
        return self._clean_section("findings")

    def clean_request(self):
        return self._clean_section("request")


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class MarkSentForm(forms.Form):
    sent_on = forms.DateField(label="Date sent", widget=DateInput())
    sent_via = forms.ChoiceField(
        label="How", choices=ReferralLetter.SentVia.choices, widget=forms.RadioSelect
    )

    def __init__(self, *args, letter, **kwargs):
        super().__init__(*args, **kwargs)
        self.letter = letter
        if letter.carried_by_client:
            # Without consent the practice does not contact the physician itself.
            self.fields["sent_via"].choices = [
                (ReferralLetter.SentVia.CLIENT, ReferralLetter.SentVia.CLIENT.label)
            ]
            self.fields["sent_via"].help_text = (
                "The client did not consent to the practice contacting their physician, "
                "so the letter is given to the client to carry."
            )
            self.fields["sent_on"].label = "Date given to the client"

    def clean_sent_on(self):
        day = self.cleaned_data["sent_on"]
        if day > timezone.localdate():
            raise forms.ValidationError("The date cannot be in the future.")
        if self.letter.letter_date and day < self.letter.letter_date:
            raise forms.ValidationError(
                f"The letter is dated {self.letter.letter_date:%-d %B %Y}; it cannot have "
                "been sent before that."
            )
        return day


class ClearanceForm(forms.ModelForm):
    class Meta:
        model = Clearance
        fields = [
            "outcome",
            "restrictions",
            "allows_neck_work",
            "received_on",
            "physician_name",
            "notes",
        ]
        labels = {
            "outcome": "The physician's answer",
            "received_on": "Date of the reply",
            "physician_name": "Physician",
        }
        widgets = {
            "outcome": forms.RadioSelect,
            "received_on": DateInput(),
            "restrictions": forms.Textarea(attrs={"rows": 3}),
            "notes": forms.Textarea(attrs={"rows": 2}),
        }
        help_texts = {
            "notes": "For example: replied by phone, letter scanned to the file.",
        }

    def __init__(self, *args, earliest=None, neck_flags=(), **kwargs):
        """`neck_flags`: the client's neck or head emergency flags that ban neck work
        (clearance.status); the neck work choice is shown only with one."""
        super().__init__(*args, **kwargs)
        self.earliest = earliest
        if neck_flags:
            reasons = "; ".join(
                f"{ban.reason_clause} ({ban.flagged_on:%-d %B %Y})" for ban in neck_flags
            )
            self.fields["allows_neck_work"].help_text = (
                f"After a neck or head emergency flag ({reasons}) the neck is not worked, even "
                "once massage is cleared, unless the physician says neck work is allowed."
            )
        else:
            del self.fields["allows_neck_work"]
        self.fields["outcome"].choices = list(self.fields["outcome"].choices)[1:]  # no blank
        self.fields["physician_name"].required = True
        for name in ("restrictions", "notes"):
            limit_length(self.fields[name], SECTION_MAX)

    def clean_received_on(self):
        day = self.cleaned_data["received_on"]
        if day > timezone.localdate():
            raise forms.ValidationError("The date cannot be in the future.")
        if self.earliest and day < self.earliest:
            raise forms.ValidationError(
                f"The letter was sent on {self.earliest:%-d %B %Y}; the reply cannot be earlier."
            )
        return day

    def clean_physician_name(self):
        return " ".join(self.cleaned_data["physician_name"].split())

    def clean(self):
        cleaned = super().clean()
        outcome = cleaned.get("outcome")
        restrictions = (cleaned.get("restrictions") or "").strip()
        if outcome == Clearance.Outcome.RESTRICTED and not restrictions:
            self.add_error("restrictions", "Write down the restrictions the physician gave.")
        if cleaned.get("allows_neck_work") and outcome == Clearance.Outcome.DECLINED:
            self.add_error(
                "allows_neck_work", "Neck work can be allowed only when massage is cleared."
            )
        cleaned["restrictions"] = restrictions
        return cleaned
