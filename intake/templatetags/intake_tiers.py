"""The screening tier as a coloured badge that also says the tier in words."""

from django import template
from django.utils.html import format_html

from intake.tiers import TIER_LABELS

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
