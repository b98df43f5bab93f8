"""Turn a letter section typed in a textarea into paragraphs and lists."""

from django import template
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

register = template.Library()

BULLETS = ("- ", "* ", "• ")


def _blocks(text):
    """Paragraphs split on blank lines; a run of "- " lines is a list."""
    blocks, current = [], []
    for line in (text or "").splitlines():
        line = line.strip()
        if not line:
            if current:
                blocks.append(current)
            current = []
        else:
            current.append(line)
    if current:
        blocks.append(current)
    return blocks


# The bullet a printed list item starts with, as text: see .body-section li in letter.css.
PRINTED_BULLET = "\u2022 "


@register.filter
def letter_paragraphs(text, printed=""):
    """Paragraphs and lists; `printed` ("printed" in the PDF template) puts each list item's
    bullet in its text instead of leaving it to a list marker."""
    bullet = PRINTED_BULLET if printed else ""
    html = []
    for block in _blocks(text):
        prose, items = [], []
        for line in block + [""]:
            if line.startswith(BULLETS):
                if prose:
                    html.append(format_html("<p>{}</p>", _join_lines(prose)))
                    prose = []
                items.append(line[2:].strip())
            else:
                if items:
                    html.append(
                        format_html(
                            "<ul>{}</ul>",
                            format_html_join("", "<li>{}{}</li>", ((bullet, i) for i in items)),
                        )
                    )
                    items = []
                if line:
                    prose.append(line)
        if prose:
            html.append(format_html("<p>{}</p>", _join_lines(prose)))
    return mark_safe("".join(html))


def _join_lines(lines):
    return format_html_join(mark_safe("<br>"), "{}", ((line,) for line in lines))
