"""The questionnaire's text, email, date and long-text boxes, written without a template.

Django draws each box through two widget templates (the input, then its attributes), a
fifth of a step page's time for the pages with a dozen boxes (about you, history,
medicines). These widgets keep Django's context (name, value, id, aria attributes: all of
BoundField.as_widget and Widget.get_context) and only write it in Python, exactly as the
templates do (tests/intake/test_field_widgets.py compares them with Django's own).
"""

import html

from django import forms
from django.utils.safestring import mark_safe


def escape(value):
    # conditional_escape, less its lazy-string wrapper: it runs for every attribute.
    return value.__html__() if hasattr(value, "__html__") else html.escape(str(value))


def attributes(attrs):
    """As django/forms/widgets/attrs.html: False leaves an attribute out, True writes it bare."""
    parts = []
    for name, value in attrs.items():
        if value is False:
            continue
        parts.append(f" {escape(name)}")
        if value is not True:
            parts.append(f'="{escape(value)}"')
    return "".join(parts)


def input_tag(widget):
    """The `<input>` of a widget's context, as django/forms/widgets/input.html."""
    value = "" if widget["value"] is None else f' value="{escape(widget["value"])}"'
    return (
        f'<input type="{escape(widget["type"])}" name="{escape(widget["name"])}"{value}'
        f"{attributes(widget['attrs'])}>"
    )


class _WrittenInput:
    def _render(self, template_name, context, renderer=None):
        return mark_safe(input_tag(context["widget"]))


class TextInput(_WrittenInput, forms.TextInput):
    pass


class EmailInput(_WrittenInput, forms.EmailInput):
    pass


class DateInput(_WrittenInput, forms.DateInput):
    pass


class Textarea(forms.Textarea):
    def _render(self, template_name, context, renderer=None):
        # As django/forms/widgets/textarea.html: the value after a newline (a browser drops
        # the first newline of a textarea, so a value's own first newline is kept).
        widget = context["widget"]
        value = escape(widget["value"]) if widget["value"] else ""
        return mark_safe(
            f'<textarea name="{escape(widget["name"])}"{attributes(widget["attrs"])}>\n'
            f"{value}</textarea>"
        )
