"""The screening tiers, most urgent first: the one place their names and order are defined."""

EMERGENCY = "emergency"
REFER = "refer"
CAUTION = "caution"
CLEAR = "clear"
TIER_ORDER = (EMERGENCY, REFER, CAUTION, CLEAR)
TIER_LABELS = {
    EMERGENCY: "Emergency",
    REFER: "Refer to physician",
    CAUTION: "Caution",
    CLEAR: "Clear",
}
# A client with one of these tiers is not massaged until a physician has cleared treatment.
NEEDS_PHYSICIAN = (EMERGENCY, REFER)


def urgency(tier):
    """0 for the most urgent tier; an unknown or missing tier sorts after every known one."""
    return TIER_ORDER.index(tier) if tier in TIER_ORDER else len(TIER_ORDER)
