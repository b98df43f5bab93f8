"""The questionnaire writes each radio button and checkbox itself (intake_form.option_input),
for speed; it must write exactly what Django's own widget templates write."""

import pytest

from intake.forms import ConsentForm, SectionForm
from intake.templatetags.intake_form import option_input, options
from screening.questions import SECTIONS
from tests.intake.questionnaire import valid_post

ANSWERS = valid_post()


def forms_of(section):
    def make(data):
        if section.id == "consent":
            names = {"first_name": "Zoë", "last_name": "Núñez"}
            return ConsentForm(data, section=section, name_answers=names)
        return SectionForm(data, section=section)

    bad = {key: "<b>&\"'" for key in ANSWERS.get(section.id, {})}
    return [make(None), make(ANSWERS.get(section.id, {})), make(bad), make({})]


@pytest.mark.parametrize("section", SECTIONS, ids=lambda section: section.id)
def test_each_option_is_the_input_django_writes(section):
    for form in forms_of(section):
        if form.is_bound:
            form.is_valid()  # with its errors, as a page sent back shows it
        for field in form:
            if hasattr(field.field, "choices"):
                for choice in field.subwidgets:
                    assert option_input(choice) == choice.tag()


def test_an_answered_option_is_written_checked():
    section = next(section for section in SECTIONS if section.id == "complaint")
    field = SectionForm(ANSWERS["complaint"], section=section)["pain_areas"]
    checked = [option_input(choice) for choice in field.subwidgets if choice.data["selected"]]
    assert checked and all(" checked>" in html for html in checked)


def test_a_body_area_without_a_side_takes_a_whole_row():
    section = next(section for section in SECTIONS if section.id == "complaint")
    html = options(SectionForm(None, section=section)["pain_areas"])
    rows = html.split("\n")
    assert len(rows) == len(SectionForm(None, section=section).fields["pain_areas"].choices)
    for row in rows:
        sided = 'value="' in row and ("_left" in row or "_right" in row)
        assert ('class="option option-wide"' in row) == (not sided)


def test_other_options_are_never_wide():
    section = next(section for section in SECTIONS if section.id == "heart")
    form = SectionForm(None, section=section)
    for field in form:
        if hasattr(field.field, "choices"):
            assert "option-wide" not in options(field)
