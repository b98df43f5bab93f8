"""The questionnaire writes its text, email, date and long-text boxes itself (intake.widgets),
for speed; it must write exactly what Django's own widget templates write."""

import copy

import pytest
from django.forms.widgets import ChoiceWidget

from intake import widgets
from intake.forms import ConsentForm, SectionForm
from screening.questions import SECTIONS
from tests.intake.questionnaire import valid_post

ANSWERS = valid_post()
TRICKY = "<b>&\"' \n\nZoë\r\n  "


def forms_of(section):
    def make(data):
        if section.id == "consent":
            names = {"first_name": "Zoë", "last_name": "Núñez"}
            return ConsentForm(data, section=section, name_answers=names)
        return SectionForm(data, section=section)

    answers = ANSWERS.get(section.id, {})
    tricky = {key: TRICKY for key in answers}
    leading_newline = {key: "\nfirst line kept" for key in answers}
    return [make(None), make(answers), make(tricky), make(leading_newline), make({})]


def as_django_writes(bound):
    """The box as Django's own widget class (and its templates) writes it."""
    native = copy.deepcopy(bound.field.widget)
    native.__class__ = next(c for c in type(native).__mro__ if c.__module__.startswith("django."))
    return bound.as_widget(widget=native)


@pytest.mark.parametrize("section", SECTIONS, ids=lambda section: section.id)
def test_each_box_is_what_django_writes(section):
    written = 0
    for form in forms_of(section):
        if form.is_bound:
            form.is_valid()  # with its errors (aria-invalid), as a page sent back shows it
        for bound in form:
            widget = bound.field.widget
            if isinstance(widget, ChoiceWidget):
                continue  # the options: tests/intake/test_option_input.py
            assert type(widget).__module__ == "intake.widgets", bound.name
            assert str(bound) == as_django_writes(bound), bound.name
            written += 1
    assert written or section.screening


def test_every_kind_of_box_is_compared():
    kinds = set()
    for section in SECTIONS:
        for form in forms_of(section):
            kinds |= {type(bound.field.widget) for bound in form}
    assert {widgets.TextInput, widgets.EmailInput, widgets.DateInput, widgets.Textarea} <= kinds


def test_what_a_client_typed_comes_back_escaped():
    section = next(section for section in SECTIONS if section.id == "about")
    form = SectionForm({"first_name": '<script>"x"</script>'}, section=section)
    html = str(form["first_name"])
    assert 'value="&lt;script&gt;&quot;x&quot;&lt;/script&gt;"' in html
    assert "<script>" not in html
