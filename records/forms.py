from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import PasswordResetForm
from django.contrib.auth.validators import UnicodeUsernameValidator

from clients.models import Practice, Therapist
from clients.services import PRACTICE_SETTINGS


class AuditFilterForm(forms.Form):
    client = forms.TypedChoiceField(required=False, coerce=int, empty_value=None)
    user = forms.TypedChoiceField(required=False, coerce=int, empty_value=None, label="Staff")
    date_from = forms.DateField(
        required=False, label="From", widget=forms.DateInput(attrs={"type": "date"})
    )
    date_to = forms.DateField(
        required=False, label="To", widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args, clients, staff, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["client"].choices = [("", "Every client")] + [
            (c.pk, f"{c.last_name}, {c.first_name}") for c in clients
        ]
        self.fields["user"].choices = [("", "Everyone")] + [
            (u.pk, u.get_full_name() or u.get_username()) for u in staff
        ]


class EraseForm(forms.Form):
    confirm_name = forms.CharField(label="Type the client's full name to confirm", max_length=210)
    reason = forms.CharField(
        label="Why erase the record now",
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Kept in the audit log. No health details: for example “The client asked "
        "for erasure by letter of 3 March”.",
    )

    def __init__(self, *args, client, retention, **kwargs):
        super().__init__(*args, **kwargs)
        self.client = client
        self.retention = retention
        if retention.inside:
            self.fields["reason"].label = "Why erase the record inside its retention period"

    def clean_reason(self):
        reason = " ".join(self.cleaned_data["reason"].split())
        if self.retention.inside and not reason:
            raise forms.ValidationError(
                f"The record is kept until {self.retention.until:%-d %B %Y}: say why it is "
                "erased now, or archive the client instead."
            )
        return reason

    def clean_confirm_name(self):
        typed = " ".join(self.cleaned_data["confirm_name"].split())
        if typed.casefold() != self.client.full_name.casefold():
            raise forms.ValidationError(
                f"That is not the client's name. Type {self.client.full_name} to erase them."
            )
        return typed


class StaffCreateForm(forms.Form):
    """A new staff login of the owner's practice. No password: they choose their own from
    the link emailed to them."""

    first_name = forms.CharField(max_length=150)
    last_name = forms.CharField(max_length=150)
    username = forms.CharField(
        max_length=150,
        validators=[UnicodeUsernameValidator()],
        help_text="What they sign in with: letters, digits and @ . + - _ only.",
        widget=forms.TextInput(attrs={"autocapitalize": "none", "spellcheck": "false"}),
    )
    email = forms.EmailField(
        max_length=254,  # the user's email column
        help_text="The link to choose their password is sent here.",
    )
    role = forms.ChoiceField(choices=Therapist.Role.choices, initial=Therapist.Role.THERAPIST)
    designation = forms.CharField(
        max_length=100, required=False, help_text="For example RMT, LMT or MSc."
    )
    licence_number = forms.CharField(max_length=60, required=False)

    def clean_username(self):
        username = get_user_model().normalize_username(self.cleaned_data["username"])
        if get_user_model().objects.filter(username__iexact=username).exists():
            raise forms.ValidationError(
                f"The username {username} is taken. Choose another (a first name and a "
                "last initial, say)."
            )
        return username


class StaffRoleForm(forms.Form):
    role = forms.ChoiceField(choices=Therapist.Role.choices)


class StaffInviteForm(PasswordResetForm):
    """Django's password-reset email, to one given user: a new login has no usable password
    yet, which the stock form skips."""

    def __init__(self, *args, user, **kwargs):
        super().__init__({"email": user.email}, *args, **kwargs)
        self.user = user

    def get_users(self, email):
        return [self.user]


class PracticeSettingsForm(forms.ModelForm):
    """The practice's details: the letterhead of its letters and handouts, the paper they
    print on, the time zone of its schedule, how long records are kept."""

    website = forms.URLField(required=False, max_length=200, assume_scheme="https")

    class Meta:
        model = Practice
        fields = list(PRACTICE_SETTINGS)
        widgets = {"address": forms.Textarea(attrs={"rows": 3})}
        labels = {
            "name": "Practice name",
            "letter_page_size": "Paper size of letters and handouts",
            "record_retention_years": "Record retention (years)",
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["address"].max_length = 1000
        self.fields["address"].widget.attrs["maxlength"] = 1000
        self.fields["time_zone"].widget.attrs["list"] = "time-zones"

    def clean_time_zone(self):
        # "europe/london " finds "Europe/London": the model's validator then checks it.
        typed = self.cleaned_data["time_zone"].strip()
        return KNOWN_ZONES.get(typed.casefold(), typed)


def _known_zones():
    import zoneinfo

    return {zone.casefold(): zone for zone in zoneinfo.available_timezones()}


KNOWN_ZONES = _known_zones()
