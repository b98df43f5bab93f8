"""Forms the therapist fills to create an intake link (the client's forms are in forms.py)."""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Column, Layout, Row, Submit
from django import forms

from clients.forms import collapse_spaces
from clients.submission import SubmissionKeyField
from intake.models import DEFAULT_LINK_LIFETIME

MAX_LINK_DAYS = 60


class LinkOptionsForm(forms.Form):
    email = forms.EmailField(
        label="Client's email",
        required=False,
        max_length=254,  # the email columns of Client and Intake
        help_text="Optional. Needed only to email the link; you can also copy it.",
    )
    send_email = forms.BooleanField(
        label="Email the link to the client",
        required=False,
        help_text="A short message with the link and its expiry date; no health details.",
    )
    days = forms.IntegerField(
        label="Link works for (days)",
        min_value=1,
        max_value=MAX_LINK_DAYS,
        initial=DEFAULT_LINK_LIFETIME.days,
    )

    submission_key = SubmissionKeyField()

    submit_label = "Create link"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.attrs = {"data-once": ""}
        self.helper.layout = Layout(
            "submission_key", *self.layout_fields(), Submit("create", self.submit_label)
        )

    def layout_fields(self):
        return (
            Row(Column("email", css_class="col-md-8"), Column("days", css_class="col-md-4")),
            "send_email",
        )

    def clean_email(self):
        return self.cleaned_data["email"].strip()

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("send_email") and not cleaned.get("email") and "email" not in self.errors:
            self.add_error("email", "Enter the client's email address to email the link.")
        return cleaned


class NewClientLinkForm(LinkOptionsForm):
    first_name = forms.CharField(
        label="First name",
        max_length=100,
        error_messages={"required": "Enter the client's first name."},
    )
    last_name = forms.CharField(
        label="Last name",
        max_length=100,
        error_messages={"required": "Enter the client's last name."},
    )

    field_order = ["first_name", "last_name", "email", "days", "send_email", "submission_key"]
    submit_label = "Add client and create link"

    def layout_fields(self):
        return (
            Row(
                Column("first_name", css_class="col-md-6"),
                Column("last_name", css_class="col-md-6"),
            ),
            *super().layout_fields(),
        )

    def clean_first_name(self):
        return collapse_spaces(self.cleaned_data["first_name"])

    def clean_last_name(self):
        return collapse_spaces(self.cleaned_data["last_name"])


YES_NO = [("yes", "Yes"), ("no", "No")]


class InPersonAnswersForm(forms.Form):
    """A Yes/No for each question the intake's screening asks in person. A question may be
    left for later; at least one must be answered."""

    submission_key = SubmissionKeyField()

    def __init__(self, *args, questions, **kwargs):
        """`questions`: {question id: [StoredAsk, ...]} (intake.services.in_person_questions)."""
        super().__init__(*args, **kwargs)
        self.questions = questions
        for question_id, asks in questions.items():
            self.fields[question_id] = forms.ChoiceField(
                label=asks[0].question_label,
                choices=YES_NO,
                required=False,
                widget=forms.RadioSelect,
                help_text=" ".join(dict.fromkeys(ask.why for ask in asks)),
                error_messages={"invalid_choice": "Choose Yes or No."},
            )

    def question_fields(self):
        return [self[question_id] for question_id in self.questions]

    def clean(self):
        cleaned = super().clean()
        answered = {id: cleaned.get(id) for id in self.questions if cleaned.get(id)}
        if self.questions and not answered and not self.errors:
            first = next(iter(self.questions))
            self.add_error(first, "Ask the client and choose Yes or No for at least one question.")
        cleaned["answers"] = {id: value == "yes" for id, value in answered.items()}
        return cleaned
