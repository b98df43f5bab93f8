"""The screening tier as a coloured badge that also says the tier in words."""

from django import template

from intake.tiers import TIER_LABELS

register = template.Library()


@register.filter
def tier_label(tier):
    return TIER_LABELS.get(tier, tier or "Not screened")


@register.inclusion_tag("intake/tier_badge.html")
def tier_badge(tier):
    return {"tier": tier or "none", "label": tier_label(tier)}
