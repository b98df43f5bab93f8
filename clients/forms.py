from crispy_forms.helper import FormHelper
from crispy_forms.layout import Column, Fieldset, Layout, Row, Submit
from django import forms
from django.core.validators import MaxLengthValidator
from django.utils import timezone

from clients.models import Client, digits_only
from clients.submission import SubmissionKeyField

# The longest free text a staff form takes: a text column has no limit of its own, so the
# form gives one, and a pasted novel is a message next to the field, not a stored row.
TEXT_MAX = 10_000


def collapse_spaces(value):
    return " ".join((value or "").split())


def limit_length(field, max_length):
    """Bound a built form field: the validator (setting max_length alone does not add it)
    and the browser's maxlength."""
    field.max_length = max_length
    field.validators.append(MaxLengthValidator(max_length))
    field.widget.attrs["maxlength"] = str(max_length)


def bound_text_fields(form, limits=None):
    """Give every text field of `form` without a limit one: `limits[name]` or TEXT_MAX.
    Fields of varchar columns already carry their column's length."""
    for name, field in form.fields.items():
        if isinstance(field, forms.CharField) and field.max_length is None:
            limit_length(field, (limits or {}).get(name, TEXT_MAX))


def _contact_fieldsets():
    """The client's name, contact details and emergency contact, as both forms lay them out."""
    return (
        Fieldset(
            "Client",
            Row(
                Column("first_name", css_class="col-md-4"),
                Column("last_name", css_class="col-md-4"),
                Column("preferred_name", css_class="col-md-4"),
            ),
            Row(
                Column("date_of_birth", css_class="col-md-4"),
                Column("email", css_class="col-md-4"),
                Column("phone", css_class="col-md-4"),
            ),
            "address",
            "reminders_opt_out",
        ),
        Fieldset(
            "Emergency contact",
            Row(
                Column("emergency_contact_name", css_class="col-md-6"),
                Column("emergency_contact_phone", css_class="col-md-6"),
            ),
        ),
    )


class ClientForm(forms.ModelForm):
    submission_key = SubmissionKeyField()

    class Meta:
        model = Client
        fields = [
            *Client.SELF_REPORTED_FIELDS,
            "physician_fax",
            "address",
            "reminders_opt_out",
            "notes",
        ]
        widgets = {
            "date_of_birth": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "address": forms.Textarea(attrs={"rows": 2}),
            "physician_address": forms.Textarea(attrs={"rows": 2}),
            "medications": forms.Textarea(attrs={"rows": 2}),
            "conditions": forms.Textarea(attrs={"rows": 2}),
            "allergies": forms.Textarea(attrs={"rows": 2}),
            "notes": forms.Textarea(attrs={"rows": 3}),
        }
        labels = {
            "physician_fax": "Physician fax",
            "reminders_opt_out": "No appointment reminders by email (the client asked)",
            "consent_contact_physician": "The client consents to us contacting their physician",
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # At least what the questionnaire takes for the same answers (intake/forms.py).
        bound_text_fields(
            self,
            {
                "address": 2000,
                "physician_address": 2000,
                "medications": 4000,
                "conditions": 4000,
                "allergies": 4000,
            },
        )
        self.helper = FormHelper()
        self.helper.attrs = {"data-once": ""}
        self.helper.layout = Layout(
            "submission_key",
            *_contact_fieldsets(),
            Fieldset(
                "Physician",
                Row(
                    Column("physician_name", css_class="col-md-6"),
                    Column("physician_practice", css_class="col-md-6"),
                ),
                "physician_address",
                Row(
                    Column("physician_phone", css_class="col-md-4"),
                    Column("physician_fax", css_class="col-md-4"),
                    Column("physician_email", css_class="col-md-4"),
                ),
                "consent_contact_physician",
            ),
            Fieldset(
                "Health history",
                Row(
                    Column("medications", css_class="col-md-4"),
                    Column("conditions", css_class="col-md-4"),
                    Column("allergies", css_class="col-md-4"),
                ),
                "notes",
            ),
            Submit("save", "Save client"),
        )

    def clean_first_name(self):
        return collapse_spaces(self.cleaned_data["first_name"])

    def clean_last_name(self):
        return collapse_spaces(self.cleaned_data["last_name"])

    def clean_date_of_birth(self):
        dob = self.cleaned_data["date_of_birth"]
        if dob is None:
            return dob
        today = timezone.localdate()
        if dob > today:
            raise forms.ValidationError("The date of birth cannot be in the future.")
        if dob.year < today.year - 120:
            raise forms.ValidationError("Please check the year: that is over 120 years ago.")
        return dob

    def _clean_phone(self, name):
        phone = collapse_spaces(self.cleaned_data[name])
        if phone and not 6 <= len(digits_only(phone)) <= 15:
            raise forms.ValidationError(
                "Enter a phone number with 6 to 15 digits, e.g. +1 555 010 2030."
            )
        return phone

    def clean_phone(self):
        return self._clean_phone("phone")

    def clean_emergency_contact_phone(self):
        return self._clean_phone("emergency_contact_phone")

    def clean_physician_phone(self):
        return self._clean_phone("physician_phone")

    def clean_physician_fax(self):
        return self._clean_phone("physician_fax")


class ContactDetailsForm(ClientForm):
    """What the front desk may see and change: names and contact details, no health."""

    class Meta(ClientForm.Meta):
        fields = [
            "first_name",
            "last_name",
            "preferred_name",
            "date_of_birth",
            "email",
            "phone",
            "address",
            "reminders_opt_out",
            "emergency_contact_name",
            "emergency_contact_phone",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper.layout = Layout(
            *_contact_fieldsets(),
            Submit("save", "Save contact details"),
        )


class ClientSearchForm(forms.Form):
    q = forms.CharField(required=False, max_length=100, label="Find a client")
    archived = forms.BooleanField(required=False, label="Show archived clients")
