"""The questionnaire's radio buttons and checkboxes, written without a template each.

A step has up to a few hundred options, and Django draws each one through three nested
widget templates, and _field.html then wrapped each in a loop of its own: most of the time
a step page took. `option_input` writes the same `<input>` Django's `choice.tag` writes
(tests/intake/test_option_input.py compares them); `options` writes a question's options
as the loop in the templates did.
"""

from django import template
from django.utils.safestring import mark_safe

from intake.widgets import escape as _escape
from intake.widgets import input_tag

register = template.Library()

# Body areas, listed in left/right pairs: an area with no side takes a whole row.
BODY_AREA_QUESTIONS = {"pain_areas", "areas_to_avoid"}


def option_input(choice):
    """The `<input>` of one option (a BoundWidget), as django/forms/widgets/input.html."""
    return mark_safe(input_tag(choice.data))


@register.filter
def options(field):
    """Every option of a radio or checkbox question (a BoundField): input and label."""
    areas = field.name in BODY_AREA_QUESTIONS
    lines = []
    for choice in field.subwidgets:
        value = str(choice.data["value"])
        wide = areas and "_left" not in value and "_right" not in value
        lines.append(
            f'<div class="option{" option-wide" if wide else ""}">{option_input(choice)}'
            f'<label for="{_escape(choice.id_for_label)}">'
            f"{_escape(choice.choice_label)}</label></div>"
        )
    return mark_safe("\n".join(lines))
