"""The screening tier as a coloured badge that also says the tier in words."""

from django import template
from django.utils.html import format_html

from intake import flags
from screening.tiers import TIER_LABELS

register = template.Library()


@register.filter
def tier_label(tier):
    return TIER_LABELS.get(tier, tier or "Not screened")


@register.simple_tag
def tier_badge(tier):
    # A format string, not an included template: the dashboard shows a badge on every row.
    return format_html(
        '<span class="badge tier-badge tier-{}">{}</span>', tier or "none", tier_label(tier)
    )


@register.filter
def question_label(question_id):
    """A screening question's words, from its id (an answer given in person names its id)."""
    return flags.question_label(question_id)
