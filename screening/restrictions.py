"""What a caution can take away from a session: the techniques it excludes, in words.

Session notes filter the techniques they suggest by these ids (docs/clinical/complaint-map.md).
"""

# Technique ids that cautions can exclude (docs/clinical/complaint-map.md). Session notes import
# these to filter the techniques they suggest.
DEEP_TISSUE = "deep_tissue"
ISCHEMIC_COMPRESSION = "ischemic_compression"
TRIGGER_POINT_FULL_PRESSURE = "trigger_point_full_pressure"
FORCEFUL_STRETCHING = "forceful_stretching"
TECHNIQUE_LABELS = {
    DEEP_TISSUE: "Deep tissue",
    ISCHEMIC_COMPRESSION: "Ischemic compression",
    TRIGGER_POINT_FULL_PRESSURE: "Trigger point release at full pressure",
    FORCEFUL_STRETCHING: "Forceful stretching",
}
# What the deep-pressure cautions exclude (docs/clinical/complaint-map.md).
DEEP_PRESSURE = (
    DEEP_TISSUE,
    ISCHEMIC_COMPRESSION,
    TRIGGER_POINT_FULL_PRESSURE,
    FORCEFUL_STRETCHING,
)

NO_NECK_WORK = "No neck work until a physician's clearance allows it."
