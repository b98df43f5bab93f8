"""Each answer type's form field and FHIR answer, beside how it is checked and put in words.

The classes extend those of screening/answer_types.py (pure Python, below every app), so one
class per type holds everything that depends on the type: `clean`, `in_words`,
`typed_in_words` and `as_typed` from there; `field` (the client's form) and `fhir_answer`
(the record's export) here. A question's class is `answer_type(question)`.
"""

import json

from django import forms
from django.core.exceptions import FieldDoesNotExist

from clients.models import Client
from intake import widgets
from screening import answer_types as words
from screening.answer_types import NO, NOT_SURE, YES, YES_NO_WORDS

YES_NO = ((YES, YES_NO_WORDS[YES]), (NO, YES_NO_WORDS[NO]))
YES_NO_NOT_SURE = (*YES_NO, (NOT_SURE, YES_NO_WORDS[NOT_SURE]))
CHOICE_MESSAGE = "Please choose one of the answers shown."
# Answers that are stored on the client record too, and so must also fit its columns.
EMAIL_QUESTIONS = {"email", "physician_email"}


def _yes_no(value):
    # "Not sure" is screened as yes: unknown is not no.
    return value in (YES, NOT_SURE)


def _max_length(question):
    """The catalogue's limit, or the client record's column if that is shorter."""
    try:
        column = Client._meta.get_field(question.id).max_length
    except FieldDoesNotExist:
        column = None
    return min(question.max_length, column) if column else question.max_length


def _fhir_other(value):
    """An answer as the record stores it when it fits no type's own value (older answers)."""
    if isinstance(value, str):
        return [{"valueString": value}]
    return [{"valueString": json.dumps(value)}]


class FormAnswer:
    """What the form and the export add to each type (mixed into the screening classes)."""

    fhir_type = "string"  # the Questionnaire item's type

    def field(self, question, messages, options):
        """The form field of `question`; its `kind` tells the template how to draw it.
        `messages` and `options` are the field's shared error messages and arguments."""
        raise NotImplementedError

    def fhir_item_type(self, question):
        return self.fhir_type

    def fhir_answer(self, question, value, system):
        """The QuestionnaireResponse answer values of a stored answer; `system` is the code
        system of the question's choices."""
        return _fhir_other(value)


def _codings(question, values, system):
    labels = dict(question.choices)
    return [
        {"valueCoding": {"system": system, "code": str(v), "display": labels.get(v, str(v))}}
        for v in values
        if v not in (None, "")
    ]


class YesNo(FormAnswer, words.YesNo):
    fhir_type = "boolean"

    def field(self, question, messages, options):
        invalid = "Please answer yes or no."
        if question.not_sure:
            invalid = "Please answer yes, no or not sure."
        field = forms.TypedChoiceField(
            choices=YES_NO_NOT_SURE if question.not_sure else YES_NO,
            coerce=_yes_no,
            empty_value=None,
            widget=forms.RadioSelect,
            error_messages={**messages, "invalid_choice": invalid},
            **options,
        )
        field.kind = "yes-no-not-sure" if question.not_sure else "yes-no"
        return field

    def fhir_answer(self, question, value, system):
        if isinstance(value, bool):
            return [{"valueBoolean": value}]
        return super().fhir_answer(question, value, system)


class Number(FormAnswer, words.Number):
    fhir_type = "integer"

    def field(self, question, messages, options):
        values = range(question.min_value, question.max_value + 1)
        field = forms.TypedChoiceField(
            choices=[(str(value), str(value)) for value in values],
            coerce=int,
            empty_value=None,
            widget=forms.RadioSelect,
            error_messages={
                **messages,
                "invalid_choice": (
                    f"Please choose a number from {question.min_value} to {question.max_value}."
                ),
            },
            **options,
        )
        field.kind = "scale"
        return field

    def fhir_answer(self, question, value, system):
        if isinstance(value, int) and not isinstance(value, bool):
            return [{"valueInteger": value}]
        return super().fhir_answer(question, value, system)


class Date(FormAnswer, words.Date):
    fhir_type = "date"

    def field(self, question, messages, options):
        field = forms.DateField(
            input_formats=["%Y-%m-%d"],
            widget=widgets.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            error_messages={
                **messages,
                "invalid": "Please enter a real date, written year-month-day, like 1986-03-14.",
            },
            **options,
        )
        field.kind = "date"
        return field

    def fhir_answer(self, question, value, system):
        if isinstance(value, str):
            return [{"valueDate": value}]
        return super().fhir_answer(question, value, system)


class Text(FormAnswer, words.Text):
    def fhir_item_type(self, question):
        return "text" if question.multiline else "string"

    def field(self, question, messages, options):
        max_length = _max_length(question)
        messages = {
            **messages,
            "max_length": f"Please shorten this to {max_length} characters or fewer.",
            "null_characters_not_allowed": "Please remove the unusual characters.",
        }
        if question.id in EMAIL_QUESTIONS:
            field = forms.EmailField(
                max_length=max_length,
                widget=widgets.EmailInput,
                error_messages={
                    **messages,
                    "invalid": "Please enter an email address like name@example.com.",
                },
                **options,
            )
            field.widget.attrs["autocomplete"] = "email" if question.id == "email" else "off"
            field.kind = "input"
            return field
        widget = widgets.Textarea(attrs={"rows": 3}) if question.multiline else widgets.TextInput
        field = forms.CharField(
            max_length=max_length, widget=widget, error_messages=messages, **options
        )
        field.kind = "textarea" if question.multiline else "input"
        return field


class Choice(FormAnswer, words.Choice):
    fhir_type = "choice"

    def field(self, question, messages, options):
        field = forms.ChoiceField(
            choices=question.choices,
            widget=forms.RadioSelect,
            error_messages={**messages, "invalid_choice": CHOICE_MESSAGE},
            **options,
        )
        field.kind = "radio"
        return field

    def fhir_answer(self, question, value, system):
        return _codings(question, value if isinstance(value, list) else [value], system)


class Multi(FormAnswer, words.Multi):
    fhir_type = "choice"

    def field(self, question, messages, options):
        field = forms.MultipleChoiceField(
            choices=question.choices,
            widget=forms.CheckboxSelectMultiple,
            error_messages={
                **messages,
                "invalid_choice": CHOICE_MESSAGE,
                "invalid_list": CHOICE_MESSAGE,
            },
            **options,
        )
        field.kind = "checkboxes"
        return field

    def fhir_answer(self, question, value, system):
        return _codings(question, value if isinstance(value, list) else [value], system)


ANSWER_TYPES = {kind.name: kind for kind in (YesNo(), Number(), Date(), Text(), Choice(), Multi())}


def answer_type(question):
    """The class that handles `question`'s answers: its field, words and FHIR answer."""
    return ANSWER_TYPES[question.type]
