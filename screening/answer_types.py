"""The types of answer a question takes, and how each is checked and put in words.

One class per type (yes/no, a number on a scale, a date, text, one choice, several choices);
a question's `type` names one of them. Everything the app does that depends on the type
lives in its class: checking a stored answer (validate_answers), the words a reader sees,
the words for what a client typed, and what a form shows again. The form field and the FHIR
answer are added in intake/answer_types.py (they need Django and the record's coding), on
subclasses of these; a new type needs a class in both (tests/intake/test_answer_types.py).
"""

import datetime
import re

BOOL = "bool"
INT = "int"
DATE = "date"
TEXT = "text"
CHOICE = "choice"
MULTI = "multi"
TYPES = (BOOL, INT, DATE, TEXT, CHOICE, MULTI)

# What a yes/no question's form sends, and the words for it ("not_sure" is stored as yes).
YES, NO, NOT_SURE = "yes", "no", "not_sure"
YES_NO_WORDS = {YES: "Yes", NO: "No", NOT_SURE: "Not sure"}

ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
# English month names, whatever the server's locale: "14 March 1986".
MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def short_repr(value):
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def date_in_words(day):
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


class AnswerType:
    """The behaviour every type shares; each type's class overrides what differs."""

    name = ""
    many = False  # the answer is a list (several boxes ticked)

    def clean(self, question, value):
        """The stored answer checked against the question, cleaned; ValueError if it breaks
        the contract (its message names the question id)."""
        raise NotImplementedError

    def fulfils_required(self, value):
        """Whether `value` answers a required question."""
        return value is not None and value != ""

    def in_words(self, question, value):
        """A stored answer as a reader should see it (value is not empty). Anything that no
        longer fits the catalogue is shown as it was stored rather than raising."""
        return str(value)

    def typed_in_words(self, question, typed):
        """One value as the form sent it (a string, not yet checked), in words."""
        if question.choices:
            return dict(question.choices).get(typed, typed)
        return typed

    def as_typed(self, question, value):
        """A stored answer as the form's field takes it back (a returning client's form)."""
        return value


class YesNo(AnswerType):
    name = BOOL

    def clean(self, question, value):
        # Only JSON true/false: 1, "yes" or "true" would hide a typo in a screening answer.
        if isinstance(value, bool):
            return value
        raise ValueError(f"{question.id!r} must be true or false, got {short_repr(value)}")

    def fulfils_required(self, value):
        # A required yes/no (consent) is answered only by a yes.
        return value is True

    def in_words(self, question, value):
        return "Yes" if value is True else "No" if value is False else str(value)

    def typed_in_words(self, question, typed):
        return YES_NO_WORDS.get(typed, typed)

    def as_typed(self, question, value):
        return YES if value else NO


class Number(AnswerType):
    """A whole number from min_value to max_value (the pain scales, 0 to 10)."""

    name = INT

    def clean(self, question, value):
        # bool is a subclass of int in Python; true is not a pain score.
        in_range = (
            isinstance(value, int)
            and not isinstance(value, bool)
            and question.min_value <= value <= question.max_value
        )
        if in_range:
            return value
        raise ValueError(
            f"{question.id!r} must be a whole number from {question.min_value} to "
            f"{question.max_value}, got {short_repr(value)}"
        )

    def in_words(self, question, value):
        return f"{value} out of 10" if question.max_value == 10 else str(value)


class Date(AnswerType):
    """A day, stored as "YYYY-MM-DD"."""

    name = DATE

    def clean(self, question, value):
        # A date that has already been cleaned passes again, so validation is idempotent.
        if isinstance(value, datetime.date) and not isinstance(value, datetime.datetime):
            return value
        # fromisoformat alone would also accept "20260101" and week dates; the contract is
        # YYYY-MM-DD.
        if isinstance(value, str) and ISO_DATE.fullmatch(value):
            try:
                return datetime.date.fromisoformat(value)
            except ValueError:
                pass
        raise ValueError(
            f"{question.id!r} must be a date written YYYY-MM-DD, got {short_repr(value)}"
        )

    def in_words(self, question, value):
        day = as_date(value)
        return date_in_words(day) if day else str(value)

    def as_typed(self, question, value):
        return str(value)


def as_date(value):
    """A stored date (or a date) as a date; None if it is not one."""
    if isinstance(value, datetime.date):
        return value
    try:
        return datetime.date.fromisoformat(value)
    except (TypeError, ValueError):
        return None


class Text(AnswerType):
    name = TEXT

    def clean(self, question, value):
        if not isinstance(value, str):
            raise ValueError(f"{question.id!r} must be text, got {short_repr(value)}")
        value = value.strip()
        if len(value) > question.max_length:
            raise ValueError(
                f"{question.id!r} must be at most {question.max_length} characters, "
                f"got {len(value)}"
            )
        return value


class Choice(AnswerType):
    """One of the question's choices, stored as its value."""

    name = CHOICE

    def clean(self, question, value):
        if isinstance(value, str) and value in question.choice_values:
            return value
        raise ValueError(
            f"{question.id!r} must be one of {', '.join(question.choice_values)}, "
            f"got {short_repr(value)}"
        )

    def in_words(self, question, value):
        return dict(question.choices).get(value, str(value))


class Multi(AnswerType):
    """Several of the question's choices, stored as a list in catalogue order."""

    name = MULTI
    many = True

    def clean(self, question, value):
        allowed = question.choice_values
        if not isinstance(value, list | tuple):
            raise ValueError(f"{question.id!r} must be a list of values, got {short_repr(value)}")
        unknown = [item for item in value if not isinstance(item, str) or item not in allowed]
        if unknown:
            raise ValueError(
                f"{question.id!r} must only contain {', '.join(allowed)}, "
                f"got {short_repr(unknown[0])}"
            )
        if len(set(value)) != len(value):
            raise ValueError(f"{question.id!r} lists a value twice: {short_repr(list(value))}")
        # Catalogue order, so equal answers are stored identically.
        return [item for item in allowed if item in value]

    def in_words(self, question, value):
        if not isinstance(value, list):
            return str(value)
        labels = dict(question.choices)
        return ", ".join(labels.get(item, str(item)) for item in value)


ANSWER_TYPES = {kind.name: kind for kind in (YesNo(), Number(), Date(), Text(), Choice(), Multi())}


def answer_type(question):
    """The class that handles `question`'s answers."""
    return ANSWER_TYPES[question.type]
