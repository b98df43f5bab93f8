"""The questionnaire's radio buttons and checkboxes, written without a template each.

A step has up to a few hundred options, and Django draws each one through three nested
widget templates, and _field.html then wrapped each in a loop of its own: most of the time
a step page took. `option_input` writes the same `<input>` Django's `choice.tag` writes
(tests/intake/test_option_input.py compares them); `options` writes a question's options
as the loop in the templates did.
"""

import html

from django import template
from django.utils.safestring import mark_safe

register = template.Library()

# Body areas, listed in left/right pairs: an area with no side takes a whole row.
BODY_AREA_QUESTIONS = {"pain_areas", "areas_to_avoid"}


def _escape(value):
    # conditional_escape, less its lazy-string wrapper: it runs a few times for each option.
    return value.__html__() if hasattr(value, "__html__") else html.escape(str(value))


def option_input(choice):
    """The `<input>` of one option (a BoundWidget), as django/forms/widgets/input.html."""
    widget = choice.data
    parts = [f'<input type="{_escape(widget["type"])}" name="{_escape(widget["name"])}"']
    if widget["value"] is not None:
        parts.append(f' value="{_escape(widget["value"])}"')
    # As django/forms/widgets/attrs.html: False leaves the attribute out, True writes it bare.
    for name, value in widget["attrs"].items():
        if value is False:
            continue
        parts.append(f" {_escape(name)}")
        if value is not True:
            parts.append(f'="{_escape(value)}"')
    parts.append(">")
    return mark_safe("".join(parts))


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
