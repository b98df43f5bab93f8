"""The client's questionnaire: one form per section, built from the question catalogue.

The field names are the question ids of screening/questions.py, so what a form cleans is
already an answer dict. Messages are written for a client on a phone, not for a developer.
Each form turns its cleaned data into JSON-safe answers (`answers()`); the submission
service checks them once more with validate_answers().
"""

import copy
import datetime
import functools

from django import forms
from django.utils import timezone

from intake.answer_types import CHOICE_MESSAGE, answer_type
from intake.returning import initial_from
from screening.answer_types import NOT_SURE
from screening.engine import age_on
from screening.questions import (
    ASKED_SCREENING_V3,
    FOLLOW_UPS,
    QUESTIONS,
    REQUIRED_SCREENING,
    SEXES_AT_BIRTH,
    applies,
    questions_in_section,
    signature_matches_name,
)

EARLIEST_BIRTH_DATE = datetime.date(1900, 1, 1)

REQUIRED_MESSAGES = {
    "first_name": "Please enter your first name.",
    "last_name": "Please enter your last name.",
    "date_of_birth": "Please enter your date of birth.",
    "consent_treatment": (
        "Please answer yes to send the form. If you are not sure about treatment, "
        "you can talk to your therapist first."
    ),
    "signature_name": "Please type your full name to sign the form.",
}
ANSWER_MESSAGE = "Please answer this question."
# Required on the form though not for a stored intake: the therapist needs them to plan.
FORM_REQUIRED = {"main_complaint", "pain_now"}
FORM_REQUIRED_MESSAGES = {
    "main_complaint": "Please tell us in a few words what brings you in.",
    "pain_now": "Please choose how bad your pain is right now (0 means no pain).",
}

PAIN_CONTEXT_MESSAGES = {
    "pain_duration": "Please tell us how long you have had this pain.",
    "first_episode": "Please tell us whether this is the first time you have had this pain.",
    "pain_onset": "Please tell us how the pain started.",
}


def field_for(question):
    """The form field of one question (its type's `field`, intake/answer_types.py); `kind`
    tells the template how to draw it."""
    messages = {"required": REQUIRED_MESSAGES.get(question.id, "Please answer this question.")}
    options = {"label": question.label, "help_text": question.help, "required": question.required}
    return answer_type(question).field(question, messages, options)


# Help phones fill in the right keyboard and the browser's saved details.
AUTOCOMPLETE = {
    "first_name": ("given-name", None),
    "last_name": ("family-name", None),
    "date_of_birth": ("bday", None),
    "phone": ("tel", "tel"),
    "emergency_contact_phone": ("off", "tel"),
    "physician_phone": ("off", "tel"),
}


FIELDSET_KINDS = {"yes-no", "yes-no-not-sure", "scale", "radio", "checkboxes"}


# Every screening question shown needs an answer on the form (a skipped one is unknown, not
# no), version 3's included, though the screening requires only REQUIRED_SCREENING.
ASKED_ON_THE_FORM = frozenset(REQUIRED_SCREENING) | frozenset(ASKED_SCREENING_V3)


def _about_the_client(about):
    """(sex at birth, age today) from the "About you" answers as typed; unknowns are None."""
    sex = about.get("sex_at_birth")
    answers = {"sex_at_birth": sex} if sex in dict(SEXES_AT_BIRTH) else {}
    try:
        born = datetime.date.fromisoformat(str(about.get("date_of_birth", "")))
        return answers, age_on(born, timezone.localdate())
    except ValueError:  # not a date, or a date of birth after today
        return answers, None


def _to_json(value):
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value


@functools.cache
def _page_field(question_id):
    """The field of one question as every page shows it, built once per process: a page
    (and the last page's check of every page) copies it instead of building it again."""
    question = QUESTIONS[question_id]
    field = field_for(question)
    autocomplete, input_type = AUTOCOMPLETE.get(question.id, (None, None))
    if autocomplete:
        field.widget.attrs["autocomplete"] = autocomplete
    if input_type:
        field.widget.input_type = input_type
    fieldset = field.kind in FIELDSET_KINDS
    field.widget.attrs["class"] = "form-check-input" if fieldset else "form-control"
    # Every screening question shown needs an answer (a skipped one is unknown, not no); a
    # follow-up only after a yes to its parent, checked in SectionForm.clean().
    if question.id in ASKED_ON_THE_FORM and question.id not in FOLLOW_UPS:
        field.required = True
    if question.id in FORM_REQUIRED:
        field.required = True
        field.error_messages["required"] = FORM_REQUIRED_MESSAGES[question.id]
    field.lead_in = question.lead_in
    field.follow_up_of = FOLLOW_UPS.get(question.id, "")
    return field


def _field_of_its_own(field):
    """A copy of a built field for one form, as Django's deepcopy of a form's fields makes
    it (its widget, widget attributes, messages and validators its own), but sharing the
    choices, which nothing changes: building or deep-copying them was most of the time
    the last page took to check every page."""
    copied = copy.copy(field)
    copied.widget = copy.copy(field.widget)
    copied.widget.attrs = field.widget.attrs.copy()
    copied.error_messages = field.error_messages.copy()
    copied.validators = field.validators[:]
    return copied


class SectionForm(forms.Form):
    """The questions of one section; field names are the question ids."""

    def __init__(self, *args, section, about=None, exclude=(), **kwargs):
        """`about`: what the client typed under "About you" (sex at birth, date of birth), so
        questions that do not apply to them are not asked. `exclude`: question ids asked on
        another page (the health update asks for medicines on its first page)."""
        super().__init__(*args, **kwargs)
        self.section = section
        self.use_required_attribute = False  # our messages by the field, with or without JS
        about_answers, age = _about_the_client(about or {})
        for question in questions_in_section(section.id):
            if question.id in exclude or not applies(question.id, about_answers, age):
                continue
            self.fields[question.id] = _field_of_its_own(_page_field(question.id))

    def clean(self):
        cleaned = super().clean()
        # With pain marked, how long and whether it is new decide several red flags; left
        # blank they would be read the cautious way, so the client is asked (version 3).
        if cleaned.get("pain_areas"):
            for question_id, message in PAIN_CONTEXT_MESSAGES.items():
                if question_id in self.fields and cleaned.get(question_id) in (None, ""):
                    self.add_error(question_id, message)
        for follow_up, parent in FOLLOW_UPS.items():
            if follow_up not in self.fields or parent not in self.fields:
                continue
            required = follow_up in REQUIRED_SCREENING
            if required and cleaned.get(parent) is True and cleaned.get(follow_up) is None:
                self.add_error(follow_up, ANSWER_MESSAGE)
        return cleaned

    def error_links(self):
        """(element id, question, message) for the error summary, which names each question
        (eight times "Please answer this question." told a client nothing); a group links to
        its first option. A message not about one question has no question (""); an
        unanswered question needs no message beside it ("")."""
        links = []
        for name, errors in self.errors.items():
            if name not in self.fields:
                links.extend(("main", "", error) for error in errors)
                continue
            anchor = self[name].auto_id
            if self.fields[name].kind in FIELDSET_KINDS:
                anchor += "_0"
            label = str(self.fields[name].label or "")
            # The question itself says what to do when it is only unanswered.
            links.extend(
                (anchor, label, "" if error == ANSWER_MESSAGE else error) for error in errors
            )
        return links

    def only_unanswered(self):
        """Every message is "Please answer this question.": the summary asks for answers."""
        return all(not message for _, _, message in self.error_links())

    def clean_date_of_birth(self):
        value = self.cleaned_data.get("date_of_birth")
        if value is None:
            return value
        if value > timezone.localdate():
            raise forms.ValidationError("Your date of birth can't be in the future.")
        if value < EARLIEST_BIRTH_DATE:
            raise forms.ValidationError("Please check the year of your date of birth.")
        return value

    def not_sure_ids(self):
        """The questions answered "Not sure" (each cleaned to yes), in the page's order."""
        return [
            name
            for name, field in self.fields.items()
            if field.kind == "yes-no-not-sure" and self[name].data == NOT_SURE
        ]

    def answers(self):
        """The cleaned answers as JSON-safe values; unanswered questions are left out.

        The ids answered "Not sure" are listed under `not_sure` (the app's own question).
        """
        answers = {
            key: _to_json(value)
            for key, value in self.cleaned_data.items()
            if value not in (None, "", [])
        }
        not_sure = [id for id in self.not_sure_ids() if answers.get(id) is True]
        if not_sure:
            answers["not_sure"] = not_sure
        return answers


class ConsentForm(SectionForm):
    """The last step: consent must be yes, and the signature must be the client's name.

    `name_answers` are the first and last name given in "About you", to compare with.
    """

    def __init__(self, *args, name_answers, **kwargs):
        super().__init__(*args, **kwargs)
        self.name_answers = name_answers

    def clean_consent_treatment(self):
        value = self.cleaned_data.get("consent_treatment")
        if value is not True:
            raise forms.ValidationError(REQUIRED_MESSAGES["consent_treatment"])
        return value

    def clean_signature_name(self):
        value = self.cleaned_data.get("signature_name", "")
        if not value:
            raise forms.ValidationError(REQUIRED_MESSAGES["signature_name"])
        if not signature_matches_name({**self.name_answers, "signature_name": value}):
            first = self.name_answers.get("first_name", "")
            last = self.name_answers.get("last_name", "")
            raise forms.ValidationError(
                f"Please type your first and last name exactly as you gave them: {first} {last}."
            )
        return value


NO_CHANGES, CHANGE = "no", "yes"


class ChangesForm(forms.Form):
    """The health update's first page: each group of what is on file (contact details, the
    family doctor, medicines, conditions, allergies) answered "No changes" or "Change".

    A group left unchanged keeps the last answers, whatever its fields hold (they are only
    read after "Change"); a changed group is checked like the full form. `previous`: the
    answers of the client's last intake. The field names are question ids and, per group,
    `<group>_changed`."""

    def __init__(self, data=None, *, section, previous, groups, visit_question, **kwargs):
        if data is not None:
            # An unchanged group's fields are disabled in the browser (not posted): shown
            # again, they hold what is on file, ready if the client picks "Change" after all.
            data = data.copy()
            for group in groups:
                if data.get(group.choice_name) != CHANGE:
                    for question_id in group.questions:
                        data[question_id] = previous.get(question_id, "")
        super().__init__(data, **kwargs)
        self.section = section
        self.previous = previous
        self.group_list = groups
        self.use_required_attribute = False
        initial = {}
        for group in groups:
            choice = forms.ChoiceField(
                label=group.title,
                choices=((NO_CHANGES, "No changes"), (CHANGE, "Change")),
                widget=forms.RadioSelect(attrs={"class": "form-check-input"}),
                error_messages={
                    "required": f"Please choose No changes or Change for “{group.title}”.",
                    "invalid_choice": CHOICE_MESSAGE,
                },
            )
            choice.kind = "radio"
            self.fields[group.choice_name] = choice
            for question_id in group.questions:
                self.fields[question_id] = self._field(question_id)
            initial |= initial_from(previous, group.questions)
        self.fields[visit_question] = self._field(visit_question)
        self.visit_question = visit_question
        self.initial = {**initial, **self.initial}

    @staticmethod
    def _field(question_id):
        # The question's field as the full form shows it, but optional here: a group's fields
        # are read only after "Change", and nothing on this page must be answered.
        field = _field_of_its_own(_page_field(question_id))
        field.required = False
        field.lead_in, field.follow_up_of = "", ""
        return field

    def changed(self, group):
        return self.is_bound and self.data.get(group.choice_name) == CHANGE

    def clean(self):
        cleaned = super().clean()
        for group in self.group_list:
            if cleaned.get(group.choice_name) == CHANGE:
                continue
            for question_id in group.questions:
                # Unchanged: what is on file stands, and whatever the hidden fields hold
                # is neither checked nor kept.
                self._errors.pop(question_id, None)
                cleaned[question_id] = self.previous.get(question_id, "")
        return cleaned

    def groups(self):
        """For the template: each group with its choice, its fields and what is on file."""
        rows = []
        for group in self.group_list:
            on_file = [
                (QUESTIONS[q].label, self.previous[q])
                for q in group.questions
                if self.previous.get(q) not in (None, "")
            ]
            rows.append(
                {
                    "group": group,
                    "choice": self[group.choice_name],
                    "fields": [self[q] for q in group.questions],
                    "on_file": on_file,
                }
            )
        return rows

    def visit_field(self):
        return self[self.visit_question]

    def error_links(self):
        """(element id, "", message) as SectionForm.error_links gives them: each message here
        already names its group ("Please choose No changes or Change for “Allergies”.")."""
        links = []
        for name, errors in self.errors.items():
            anchor = self[name].auto_id if name in self.fields else "main"
            if name.endswith("_changed"):
                anchor += "_0"
            links.extend((anchor, "", error) for error in errors)
        return links

    def only_unanswered(self):
        return False

    def answers(self):
        """The page's answers by question id (blank ones left out), as JSON-safe values."""
        return {
            key: _to_json(value)
            for key, value in self.cleaned_data.items()
            if not key.endswith("_changed") and value not in (None, "", [])
        }

    def review(self):
        """(label, shown) for the last step's check: "No changes" or what was typed."""
        shown = []
        for group in self.group_list:
            if self.cleaned_data.get(group.choice_name) != CHANGE:
                shown.append((group.title, "No changes"))
                continue
            for question_id in group.questions:
                value = self.cleaned_data.get(question_id)
                shown.append((QUESTIONS[question_id].label, value or "(left blank)"))
        visit = self.cleaned_data.get(self.visit_question)
        if visit:
            shown.append((QUESTIONS[self.visit_question].label, visit))
        return shown
