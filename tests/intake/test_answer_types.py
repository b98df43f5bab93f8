"""Every type of question has one home: a class that checks its answers and puts them in
words (screening/answer_types.py) and, extending it, draws its form field and writes its FHIR
answer (intake/answer_types.py). A new type without them fails here, not on a client's form."""

import datetime

import pytest

from intake import answer_types as form_types
from intake.forms import field_for
from screening import answer_types as word_types
from screening.questions import QUESTIONS, TYPES

USED_TYPES = sorted({question.type for question in QUESTIONS.values()})


def test_every_type_a_question_uses_is_a_known_type():
    assert set(USED_TYPES) <= set(TYPES)


@pytest.mark.parametrize("kind", TYPES)
def test_every_type_has_a_home_on_both_layers(kind):
    words = word_types.ANSWER_TYPES[kind]
    form = form_types.ANSWER_TYPES[kind]
    assert words.name == form.name == kind
    assert isinstance(form, type(words)), "the form's class extends the type's own class"
    # Each class defines what differs for its type, not the shared fallback.
    assert type(words).clean is not word_types.AnswerType.clean
    assert type(form).field is not form_types.FormAnswer.field


@pytest.mark.parametrize("question", QUESTIONS.values(), ids=lambda q: q.id)
def test_every_question_gets_a_field_and_words(question):
    field = field_for(question)
    assert field.label == question.label and field.kind
    assert form_types.answer_type(question).fhir_item_type(question)


def test_a_type_without_a_home_fails_loudly():
    question = next(iter(QUESTIONS.values()))
    odd = type(question)(**{**question.__dict__, "type": "pain_map"})
    with pytest.raises(KeyError):
        form_types.answer_type(odd)
    with pytest.raises(KeyError):
        word_types.answer_type(odd)


@pytest.mark.parametrize(
    ("question_id", "value", "words"),
    [
        ("fever_unwell", True, "Yes"),
        ("pain_now", 6, "6 out of 10"),
        ("date_of_birth", "1986-03-14", "14 March 1986"),
        ("date_of_birth", datetime.date(1986, 3, 14), "14 March 1986"),
        ("date_of_birth", "not a date", "not a date"),
        ("pain_duration", "6_to_12_weeks", None),
        ("pain_areas", ["lower_back_left", "no_such_area"], None),
        ("main_complaint", "Stiff back", "Stiff back"),
    ],
)
def test_each_type_puts_an_answer_in_words(question_id, value, words):
    question = QUESTIONS[question_id]
    shown = word_types.answer_type(question).in_words(question, value)
    if words is None:  # a choice: its label, and what no longer fits as it was stored
        labels = dict(question.choices)
        expected = ", ".join(
            labels.get(v, v) for v in (value if isinstance(value, list) else [value])
        )
        assert shown == expected
    else:
        assert shown == words
