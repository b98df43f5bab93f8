"""The screening tiers, most urgent first: the one place their names and order are defined."""

EMERGENCY = "emergency"
REFER = "refer"
# A required screening question has no answer: ask in person before massage. Never a "clear".
INCOMPLETE = "incomplete"
CAUTION = "caution"
CLEAR = "clear"
TIER_ORDER = (EMERGENCY, REFER, INCOMPLETE, CAUTION, CLEAR)
TIER_LABELS = {
    EMERGENCY: "Emergency",
    REFER: "Refer to physician",
    INCOMPLETE: "Incomplete — ask in person",
    CAUTION: "Caution",
    CLEAR: "Clear",
}
# A client with one of these tiers is not massaged until a physician has cleared treatment.
# INCOMPLETE is not here: the therapist asks the missing questions, no physician is needed.
NEEDS_PHYSICIAN = (EMERGENCY, REFER)


def urgency(tier):
    """0 for the most urgent tier; an unknown or missing tier sorts after every known one."""
    return TIER_ORDER.index(tier) if tier in TIER_ORDER else len(TIER_ORDER)
