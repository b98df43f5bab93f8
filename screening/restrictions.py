"""What a caution can take away from a session, in words.

A rule restricts by these ids; a technique of the complaint map (notes/complaint_map.py) names
the restriction that excludes it, so a client with the restriction is never offered it
(docs/clinical/complaint-map.md).
"""

# Deep or forceful pressure: one restriction, whichever caution asks for it (anticoagulants,
# fragile bones, a clot, radiation, a nerve, pregnancy ...).
DEEP_PRESSURE = "deep_pressure"
RESTRICTION_LABELS = {
    DEEP_PRESSURE: (
        "Deep or forceful pressure (deep tissue, ischemic compression, trigger point release at "
        "full pressure, forceful stretching)"
    ),
}
# Screenings stored before rules version 2026.12.3 name the one restriction by four technique
# ids; they read as the restriction they meant.
LEGACY_RESTRICTION_IDS = {
    "deep_tissue": DEEP_PRESSURE,
    "ischemic_compression": DEEP_PRESSURE,
    "trigger_point_full_pressure": DEEP_PRESSURE,
    "forceful_stretching": DEEP_PRESSURE,
}


def restrictions_named(ids):
    """The restriction ids in `ids`, older technique ids read as their restriction, each once."""
    return tuple(dict.fromkeys(LEGACY_RESTRICTION_IDS.get(id, id) for id in ids))


NO_NECK_WORK = "No neck work until a physician's clearance allows it."
