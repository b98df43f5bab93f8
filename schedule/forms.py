"""The schedule's forms. Times are typed in the practice's local time (a date and a time)
and turned into UTC here, with a clear message for a time the clocks skip."""

import datetime

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Column, Layout, Row, Submit
from django import forms
from django.core.exceptions import ValidationError

from clients.submission import SubmissionKeyField
from schedule import hours
from schedule.models import AppointmentType, WorkingHours


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, **kwargs):
        super().__init__(format="%H:%M", attrs={"step": 300}, **kwargs)


class LocalStartMixin:
    """A `date` and a `time` field, read together as the practice's wall-clock time."""

    zone = None

    def clean(self):
        data = super().clean()
        date, time = data.get("date"), data.get("time")
        if date and time:
            try:
                data["start"] = hours.local_to_utc(
                    datetime.datetime.combine(date, time), self.zone, field="time"
                )
            except ValidationError as error:
                self.add_error("time", error.message_dict["time"])
        return data


class BookingForm(LocalStartMixin, forms.Form):
    client = forms.IntegerField(widget=forms.HiddenInput)
    appointment_type = forms.ModelChoiceField(
        queryset=AppointmentType.objects.none(), label="Appointment type", empty_label=None
    )
    date = forms.DateField(widget=DateInput())
    time = forms.TimeField(widget=TimeInput(), help_text="In the practice's time zone.")
    submission_key = SubmissionKeyField()

    def __init__(self, *args, types, zone, **kwargs):
        super().__init__(*args, **kwargs)
        self.zone = zone
        self.fields["appointment_type"].queryset = types
        self.helper = FormHelper()
        self.helper.layout = Layout(
            "client",
            "submission_key",
            "appointment_type",
            Row(Column("date", css_class="col-sm-6"), Column("time", css_class="col-sm-6")),
            Submit("book", "Book appointment"),
        )


class MoveForm(LocalStartMixin, forms.Form):
    appointment_type = forms.ModelChoiceField(
        queryset=AppointmentType.objects.none(), label="Appointment type", empty_label=None
    )
    date = forms.DateField(widget=DateInput())
    time = forms.TimeField(widget=TimeInput(), help_text="In the practice's time zone.")

    def __init__(self, *args, types, zone, **kwargs):
        super().__init__(*args, **kwargs)
        self.zone = zone
        self.fields["appointment_type"].queryset = types
        self.helper = FormHelper()
        self.helper.layout = Layout(
            "appointment_type",
            Row(Column("date", css_class="col-sm-6"), Column("time", css_class="col-sm-6")),
            Submit("move", "Move appointment"),
        )


class CancelForm(forms.Form):
    reason = forms.CharField(
        max_length=200,
        required=False,
        help_text="Optional, for the practice (never emailed). For example: called to cancel.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.layout = Layout(
            "reason", Submit("cancel", "Cancel appointment", css_class="btn-danger")
        )


class ClientSearchForm(forms.Form):
    q = forms.CharField(max_length=100, required=False, label="Find a client")


class AppointmentTypeForm(forms.ModelForm):
    class Meta:
        model = AppointmentType
        fields = ["name", "kind", "duration_minutes", "buffer_minutes", "active"]
        labels = {
            "duration_minutes": "Length (minutes)",
            "buffer_minutes": "Buffer after (minutes)",
            "kind": "First visit or return",
        }

    def __init__(self, *args, practice, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.practice = practice
        self.helper = FormHelper()
        self.helper.layout = Layout(
            Row(Column("name", css_class="col-md-6"), Column("kind", css_class="col-md-6")),
            Row(
                Column("duration_minutes", css_class="col-md-6"),
                Column("buffer_minutes", css_class="col-md-6"),
            ),
            "active",
            Submit("save", "Save"),
        )

    def clean_name(self):
        name = " ".join(self.cleaned_data["name"].split())
        others = AppointmentType.objects.filter(
            practice=self.instance.practice, name__iexact=name
        ).exclude(pk=self.instance.pk)
        if others.exists():
            raise ValidationError("The practice has a type of this name already.")
        return name


class TherapistChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, user):
        return user.get_full_name() or user.get_username()


class WorkingHoursForm(forms.Form):
    form = forms.CharField(widget=forms.HiddenInput, initial="hours")
    therapist = TherapistChoiceField(queryset=None, empty_label=None)
    weekday = forms.TypedChoiceField(choices=WorkingHours.Weekday.choices, coerce=int)
    start_time = forms.TimeField(widget=TimeInput(), label="From")
    end_time = forms.TimeField(widget=TimeInput(), label="To")
    valid_from = forms.DateField(widget=DateInput(), label="Starting")
    valid_until = forms.DateField(
        widget=DateInput(), label="Until", required=False, help_text="Empty: no end."
    )

    def __init__(self, *args, therapists, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["therapist"].queryset = therapists
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(
            "form",
            Row(
                Column("therapist", css_class="col-md-4"),
                Column("weekday", css_class="col-md-4"),
            ),
            Row(
                Column("start_time", css_class="col-md-3"),
                Column("end_time", css_class="col-md-3"),
                Column("valid_from", css_class="col-md-3"),
                Column("valid_until", css_class="col-md-3"),
            ),
            Submit("add-hours", "Add hours"),
        )

    def clean(self):
        data = super().clean()
        start, end = data.get("start_time"), data.get("end_time")
        if start and end and end <= start:
            self.add_error("end_time", "The end comes after the start.")
        begin, until = data.get("valid_from"), data.get("valid_until")
        if begin and until and until < begin:
            self.add_error("valid_until", "This is before the start date.")
        return data


class TimeOffForm(forms.Form):
    form = forms.CharField(widget=forms.HiddenInput, initial="time-off")
    therapist = TherapistChoiceField(queryset=None, empty_label=None)
    first_day = forms.DateField(widget=DateInput(), label="First day off")
    last_day = forms.DateField(widget=DateInput(), label="Last day off")
    reason = forms.CharField(max_length=100, required=False, help_text="For example: holiday.")

    def __init__(self, *args, therapists, zone, **kwargs):
        super().__init__(*args, **kwargs)
        self.zone = zone
        self.fields["therapist"].queryset = therapists
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(
            "form",
            Row(
                Column("therapist", css_class="col-md-3"),
                Column("first_day", css_class="col-md-3"),
                Column("last_day", css_class="col-md-3"),
                Column("reason", css_class="col-md-3"),
            ),
            Submit("add-time-off", "Add time off"),
        )

    def clean(self):
        data = super().clean()
        first, last = data.get("first_day"), data.get("last_day")
        if first and last:
            if last < first:
                self.add_error("last_day", "This is before the first day.")
            else:
                # Whole local days: from the first midnight to the midnight after the last.
                data["start"], _ = hours.local_day_bounds(first, self.zone)
                _, data["end"] = hours.local_day_bounds(last, self.zone)
        return data
