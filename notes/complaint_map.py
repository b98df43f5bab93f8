"""The complaint map: which structures a therapist finds involved, what to suggest for each.

This module owns the map (docs/clinical/complaint-map.md): a data migration copies it into the
Complaint, Technique and SelfCareItem tables, which the admin shows read-only. To change the
map, change this module and add a migration that calls load_map. Every entry names its source
so it can be reviewed.

A technique's or self-care item's `restricted_by` lists the restriction ids of
screening/restrictions.py that exclude it: a client whose screening restricts DEEP_PRESSURE is
never offered a technique or self-care restricted by DEEP_PRESSURE (pressure the client
applies alone, such as a ball release, is still pressure on a client who bruises or bleeds).
Entries with no ids are never excluded by a caution (the therapist still reads the
restrictions shown on the note).
"""

from screening.restrictions import DEEP_PRESSURE

SEED_001 = "Seed 001: “Massage for Back Pain” (sciatica, piriformis syndrome, hamstrings)"
SEED_002 = "Seed 002: Sharon Leake, “Massage & Bodywork Therapy for Back Pain”"
SEED_003 = "Seed 003: Lifescript, “Massage Treatment for Lower Back Pain” (HSS experts)"
SEED_004 = "Seed 004: University of Utah Health, “Back Pain? You May Need a Massage”"
MEDSCAPE_PIRIFORMIS = "Medscape: piriformis syndrome treatment"
IJERPH_2022 = "RCT: ischemic compression of gluteus medius trigger points (IJERPH 2022)"
MFR_RCT = "RCT: myofascial release for chronic low back pain"
DOMAIN = "docs/clinical/complaint-map.md (deep-pressure cautions)"
TRAVELL_SIMONS = "Travell & Simons, Myofascial Pain and Dysfunction: The Trigger Point Manual"
# The source material gives no specific reference for the neck and shoulder techniques and
# self-care (docs/clinical/complaint-map.md, "Neck and shoulder"): say so, for review.
COMMON_PRACTICE = "common massage practice, awaiting a clinician's review"
NECK_SAFETY = "docs/clinical/complaint-map.md (neck safety)"

TECHNIQUES = [
    {
        "id": "neuromuscular_therapy",
        "label": "Neuromuscular therapy",
        "description": "Specific pressure on hyperirritable points along the muscle.",
        "deep_pressure": False,
        "restricted_by": [],
        "source": SEED_002,
    },
    {
        "id": "muscle_energy_technique",
        "label": "Muscle energy technique",
        "description": "The client contracts against gentle resistance (5–7 s, 5–7 times), "
        "then the muscle is lengthened.",
        "deep_pressure": False,
        "restricted_by": [],
        "source": f"{SEED_002}; {MEDSCAPE_PIRIFORMIS}",
    },
    {
        "id": "ischemic_compression",
        "label": "Ischemic compression",
        "description": "Sustained pressure on a trigger point, about 90 s to tolerance.",
        "deep_pressure": True,
        "restricted_by": [DEEP_PRESSURE],
        "source": f"{IJERPH_2022}; {SEED_004}; {DOMAIN}",
    },
    {
        "id": "trigger_point_full_pressure",
        "label": "Trigger point release (full pressure)",
        "description": "Firm pressure on a trigger point until it releases.",
        "deep_pressure": True,
        "restricted_by": [DEEP_PRESSURE],
        "source": f"{SEED_004}; {DOMAIN}",
    },
    {
        "id": "trigger_point_gentle",
        "label": "Trigger point release (gentle)",
        "description": "Light, brief pressure on a trigger point; the alternative where full "
        "pressure is not suggested.",
        "deep_pressure": False,
        "restricted_by": [],
        "source": SEED_004,
    },
    {
        "id": "compression",
        "label": "Compression",
        "description": "Broad, moderate compression with the palm.",
        "deep_pressure": False,
        "restricted_by": [],
        "source": SEED_004,
    },
    {
        "id": "deep_tissue",
        "label": "Deep tissue",
        "description": "Slow, deep strokes into the deeper layers of muscle.",
        "deep_pressure": True,
        "restricted_by": [DEEP_PRESSURE],
        "source": f"{SEED_002}; {DOMAIN}",
    },
    {
        "id": "glute_massage",
        "label": "Glute massage",
        "description": "Massage of the buttock muscles to free an entrapped sciatic nerve.",
        "deep_pressure": False,
        "restricted_by": [],
        "source": f"{SEED_001}; {MEDSCAPE_PIRIFORMIS}",
    },
    {
        "id": "myofascial_release",
        "label": "Myofascial release",
        "description": "Slow, sustained stretch of the fascia.",
        "deep_pressure": False,
        "restricted_by": [],
        "source": f"{MFR_RCT}; {MEDSCAPE_PIRIFORMIS}",
    },
    {
        "id": "stretching_gentle",
        "label": "Stretching (gentle)",
        "description": "Passive stretch within comfort (for piriformis: flexion, adduction and "
        "internal rotation of the hip).",
        "deep_pressure": False,
        "restricted_by": [],
        "source": f"{MEDSCAPE_PIRIFORMIS}; {SEED_003}",
    },
    {
        "id": "forceful_stretching",
        "label": "Forceful stretching",
        "description": "Stretch taken to the end of range with overpressure.",
        "deep_pressure": True,
        "restricted_by": [DEEP_PRESSURE],
        "source": DOMAIN,
    },
    {
        "id": "gentle_work",
        "label": "Gentle work along the nerve",
        "description": "Light work only; no deep pressure along the sciatic nerve. Treat the "
        "muscle entrapping it (usually piriformis).",
        "deep_pressure": False,
        "restricted_by": [],
        "source": f"{SEED_001}; {SEED_004}",
    },
    {
        "id": "gentle_sustained_pressure",
        "label": "Gentle sustained pressure",
        "description": "Light pressure held still for 30–90 seconds while the tissue softens.",
        "deep_pressure": False,
        "restricted_by": [],
        "source": COMMON_PRACTICE,
    },
    {
        "id": "gentle_range_of_motion",
        "label": "Gentle range of motion",
        "description": "Slow passive movement of the joint within comfort, never forced.",
        "deep_pressure": False,
        "restricted_by": [],
        "source": COMMON_PRACTICE,
    },
]

SELF_CARE = [
    {
        "id": "side_bend_stretch",
        "label": "Side-bend stretch",
        "instructions": "Stand tall, reach the arm of the sore side over your head and lean away "
        "until you feel a stretch along the side of your waist. Hold 30 seconds, 3 times a day.",
        "source": SEED_002,
        "drawing": "side-bend-stretch.svg",
    },
    {
        "id": "heat",
        "label": "Moist heat",
        "instructions": "A warm, damp towel or heat pack on the area for 15–20 minutes, "
        "ideally before stretching. Never on numb skin or while asleep.",
        "source": f"{SEED_004}; {MEDSCAPE_PIRIFORMIS}",
    },
    {
        "id": "ball_release",
        "label": "Ball release",
        "instructions": "Lean against a wall (or lie) on a tennis ball under the tender spot. "
        "Keep the pressure comfortable, breathe, and hold 30–90 seconds.",
        "source": f"{SEED_004}; {DOMAIN}",
        # Self-applied pressure: a client on blood thinners bruises, whoever presses.
        "restricted_by": [DEEP_PRESSURE],
        "drawing": "ball-release.svg",
    },
    {
        "id": "clamshells",
        "label": "Clamshells",
        "instructions": "Lie on your side, knees bent, heels together. Lift the top knee without "
        "rolling the pelvis back. 2 sets of 10–15, once a day.",
        "source": SEED_002,
        "drawing": "clamshells.svg",
    },
    {
        "id": "hip_abductor_stretch",
        "label": "Hip-abductor stretch",
        "instructions": "Standing, cross the sore leg behind the other and lean the hips toward "
        "the sore side until you feel a stretch on the outside of the hip. Hold 30 seconds.",
        "source": SEED_002,
    },
    {
        "id": "glute_stretch",
        "label": "Glute stretch",
        "instructions": "Lying on your back, bring one knee toward the opposite shoulder until you "
        "feel a stretch in the buttock. Hold 30 seconds, 3 times each side.",
        "source": f"{SEED_002}; {SEED_003}",
    },
    {
        "id": "piriformis_stretch",
        "label": "Piriformis stretch",
        "instructions": "Lying on your back, cross the sore leg's ankle over the other knee and "
        "draw both legs toward your chest. Hold 30 seconds, 3 times a day, after heat.",
        "source": f"{MEDSCAPE_PIRIFORMIS}; {SEED_001}",
        "drawing": "piriformis-stretch.svg",
    },
    {
        "id": "kneeling_hip_flexor_stretch",
        "label": "Kneeling hip-flexor stretch",
        "instructions": "Kneel on the sore side's knee with the other foot in front; tuck the "
        "pelvis under and shift forward until the front of the hip stretches. Hold 30 seconds.",
        "source": f"{SEED_002}; {SEED_003}",
    },
    {
        "id": "hamstring_stretch",
        "label": "Hamstring stretch",
        "instructions": "Lying on your back, lift one straight leg with a towel around the foot "
        "until you feel the back of the thigh stretch. Hold 30 seconds, 3 times each side.",
        "source": f"{SEED_001}; {SEED_002}; {SEED_003}",
        "drawing": "hamstring-stretch.svg",
    },
    {
        "id": "yoga_pilates",
        "label": "Yoga or Pilates",
        "instructions": "A beginners' class once or twice a week for gentle lengthening and core "
        "strength. Tell the teacher about your back.",
        "source": SEED_002,
    },
    {
        "id": "back_extensions",
        "label": "Back extensions",
        "instructions": "Lying on your front, gently lift your chest a few centimetres using your "
        "back muscles, then lower. 10 slow repetitions, stop if pain increases.",
        "source": SEED_002,
    },
    {
        "id": "core_strengthening",
        "label": "Core strengthening",
        "instructions": "Simple exercises such as the bird-dog or a short plank, added as the "
        "pain eases. Start with 5 slow repetitions.",
        "source": f"{SEED_002}; {SEED_003}",
    },
    {
        "id": "nerve_sliders",
        "label": "Nerve sliders",
        "instructions": "Sitting, straighten the knee while looking up, then bend it while looking "
        "down; smooth and pain-free, 10 times. Stop if tingling increases.",
        "source": SEED_001,
    },
    {
        "id": "walking",
        "label": "Walking",
        "instructions": "Short, regular walks on level ground, a little longer each day.",
        "source": SEED_002,
    },
    {
        "id": "see_physician_if_worse",
        "label": "See a physician if it spreads or weakens",
        "instructions": "See a physician promptly if leg pain spreads, or numbness, tingling or "
        "weakness appears or gets worse.",
        "source": SEED_003,
    },
    {
        "id": "upper_trapezius_stretch",
        "label": "Upper-trapezius stretch",
        "instructions": "Sit tall and hold the seat with the hand of the sore side. Tip your ear "
        "towards the other shoulder until you feel a gentle stretch. Hold 30 seconds, 3 times.",
        "source": COMMON_PRACTICE,
        "drawing": "upper-trapezius-stretch.svg",
    },
    {
        "id": "posture_breaks",
        "label": "Breaks from sitting",
        "instructions": "Every 30–45 minutes at a desk or phone, stand up, roll your shoulders "
        "back and down 5 times, and look into the distance for a moment.",
        "source": COMMON_PRACTICE,
    },
    {
        "id": "levator_scapulae_stretch",
        "label": "Levator scapulae stretch",
        "instructions": "Sit tall, turn your nose towards the armpit of the other side and let "
        "your head drop forward gently. Hold 30 seconds, 3 times.",
        "source": COMMON_PRACTICE,
    },
    {
        "id": "chin_tucks",
        "label": "Chin tucks",
        "instructions": "Sit or stand tall. Slide your chin straight back, as if making a double "
        "chin, without tipping your head down. Hold 5 seconds, 10 times.",
        "source": COMMON_PRACTICE,
        "drawing": "chin-tucks.svg",
    },
    {
        "id": "screen_at_eye_level",
        "label": "Screen at eye level",
        "instructions": "Raise your screen so the top of it is level with your eyes, and hold "
        "your phone up rather than looking down at it.",
        "source": COMMON_PRACTICE,
    },
    {
        "id": "scalene_stretch",
        "label": "Side-neck stretch",
        "instructions": "Sit tall and hold the seat with the hand of the sore side. Tip your "
        "ear away and lift your chin slightly. Hold 20–30 seconds, gently. Stop if your arm "
        "tingles.",
        "source": COMMON_PRACTICE,
    },
    {
        "id": "breathing_practice",
        "label": "Belly breathing",
        "instructions": "Lying down, one hand on your chest and one on your belly, breathe in "
        "slowly so that only the belly hand rises. 5 minutes, twice a day.",
        "source": COMMON_PRACTICE,
    },
    {
        "id": "pendulum_swings",
        "label": "Pendulum swings",
        "instructions": "Lean forward with your good hand on a table and let the sore arm hang. "
        "Gently swing it in small circles, 10 each way, twice a day.",
        "source": COMMON_PRACTICE,
        "drawing": "pendulum-swings.svg",
    },
    {
        "id": "band_external_rotation",
        "label": "Band outward rotation",
        "instructions": "Elbow bent at your side, hold a light exercise band and turn your "
        "forearm outwards, keeping the elbow at your side. 2 sets of 10, once a day.",
        "source": COMMON_PRACTICE,
    },
    {
        "id": "doorway_stretch",
        "label": "Doorway stretch",
        "instructions": "Stand in a doorway with your forearms on the frame, elbows at shoulder "
        "height, and step forward until the front of your chest stretches. Hold 30 seconds.",
        "source": COMMON_PRACTICE,
        "drawing": "doorway-stretch.svg",
    },
    {
        "id": "shoulder_blade_squeezes",
        "label": "Shoulder-blade squeezes",
        "instructions": "Sit tall and squeeze your shoulder blades together and down. Hold 5 "
        "seconds, 10 times, a few times a day.",
        "source": COMMON_PRACTICE,
    },
    {
        "id": "thoracic_extension",
        "label": "Upper-back extension",
        "instructions": "Sit in a chair with a low back, hands behind your head, and lean back "
        "gently over the top of the chair. 10 slow times.",
        "source": COMMON_PRACTICE,
    },
]

# A self-care item's `drawing` is a file in static/notes/drawings/ printed beside it on the
# handout. It lives here, not in the SelfCareItem table, because the drawings are files of
# this code: an item added in the admin simply has none.
DRAWINGS_DIR = "notes/drawings"
SELF_CARE_DRAWINGS = {spec["id"]: spec["drawing"] for spec in SELF_CARE if spec.get("drawing")}


def self_care_drawing(item_id):
    """The drawing's URL relative to static/ (how the PDF renderer reads it), or None."""
    name = SELF_CARE_DRAWINGS.get(item_id)
    return f"{DRAWINGS_DIR}/{name}" if name else None


COMPLAINTS = [
    {
        "id": "quadratus_lumborum",
        "label": "Quadratus lumborum",
        "feels": "Deep ache in the low back or hip, worse leaning, lifting, or standing up from "
        "slumped sitting.",
        "note": "",
        "techniques": ["neuromuscular_therapy", "muscle_energy_technique", "ischemic_compression"],
        "self_care": ["side_bend_stretch", "heat", "ball_release"],
        "source": f"{SEED_002}; {SEED_004}",
    },
    {
        "id": "gluteus_medius",
        "label": "Gluteus medius",
        "feels": "Low back and buttock pain, pelvic tilt, pain lying on the side.",
        "note": "Ischemic compression: about 90 s to tolerance.",
        "techniques": [
            "trigger_point_full_pressure",
            "trigger_point_gentle",
            "ischemic_compression",
            "muscle_energy_technique",
        ],
        "self_care": ["clamshells", "ball_release", "hip_abductor_stretch"],
        "source": f"{SEED_002}; {IJERPH_2022}; {SEED_004}",
    },
    {
        "id": "gluteus_minimus",
        "label": "Gluteus minimus",
        "feels": "“Pseudo-sciatica” down the side or back of the leg.",
        "note": "",
        "techniques": ["trigger_point_full_pressure", "trigger_point_gentle", "compression"],
        "self_care": ["ball_release", "glute_stretch"],
        "source": f"{SEED_002}; {SEED_004}",
    },
    {
        "id": "gluteus_maximus",
        "label": "Gluteus maximus",
        "feels": "Buttock or sacral pain, pain when sitting.",
        "note": "",
        "techniques": ["deep_tissue", "trigger_point_full_pressure", "trigger_point_gentle"],
        "self_care": ["glute_stretch", "ball_release"],
        "source": f"{SEED_002}; {SEED_004}",
    },
    {
        "id": "piriformis",
        "label": "Piriformis",
        "feels": "Buttock pain with sciatic-type pain down the leg (piriformis syndrome).",
        "note": "Muscle energy technique: resisted abduction 5–7 s, 5–7 times; stretch in "
        "flexion, adduction and internal rotation.",
        "techniques": [
            "glute_massage",
            "myofascial_release",
            "muscle_energy_technique",
            "stretching_gentle",
        ],
        "self_care": ["piriformis_stretch", "heat", "ball_release"],
        "source": f"{SEED_001}; {SEED_002}; {MEDSCAPE_PIRIFORMIS}; {SEED_004}",
    },
    {
        "id": "iliopsoas",
        "label": "Iliopsoas",
        "feels": "Front of hip or low back pain, worse standing up straight.",
        "note": "",
        "techniques": ["myofascial_release", "stretching_gentle"],
        "self_care": ["kneeling_hip_flexor_stretch"],
        "source": f"{SEED_002}; {SEED_003}",
    },
    {
        "id": "hamstrings",
        "label": "Hamstrings",
        "feels": "Tight backs of the thighs, posterior pelvic tilt, low back pain.",
        "note": "",
        "techniques": ["stretching_gentle", "muscle_energy_technique", "deep_tissue"],
        "self_care": ["hamstring_stretch", "yoga_pilates"],
        "source": f"{SEED_001}; {SEED_002}; {SEED_003}",
    },
    {
        "id": "erector_spinae",
        "label": "Erector spinae",
        "feels": "Tight long back muscles, stiffness.",
        "note": "",
        "techniques": ["myofascial_release", "deep_tissue", "neuromuscular_therapy"],
        "self_care": ["back_extensions", "core_strengthening", "heat"],
        "source": f"{SEED_001}; {SEED_002}; {MFR_RCT}",
    },
    {
        "id": "sciatic_nerve",
        "label": "Sciatic nerve irritation",
        "feels": "A sharp line of pain from the low back down the leg.",
        "note": "Gentle work only, no deep pressure along the nerve; treat the muscle entrapping "
        "it (usually piriformis).",
        "techniques": ["gentle_work", "glute_massage"],
        "self_care": ["nerve_sliders", "walking", "see_physician_if_worse"],
        "source": f"{SEED_001}; {SEED_004}; {SEED_003}",
    },
    # Neck and shoulder (version 2). `neck` entries are not worked at all after a neck or
    # head emergency flag; `front_of_neck` entries never get deep pressure (NECK_SAFETY).
    {
        "id": "upper_trapezius",
        "label": "Upper trapezius",
        "feels": "Ache from the neck to the top of the shoulder, tension headache at the temple.",
        "note": "",
        "techniques": [
            "trigger_point_full_pressure",
            "trigger_point_gentle",
            "muscle_energy_technique",
            "myofascial_release",
        ],
        "self_care": ["upper_trapezius_stretch", "heat", "posture_breaks"],
        "source": f"{TRAVELL_SIMONS}; techniques and self-care: {COMMON_PRACTICE}",
        "neck": True,
    },
    {
        "id": "levator_scapulae",
        "label": "Levator scapulae",
        "feels": "Stiff neck, pain where the neck meets the shoulder blade, hard to turn the head.",
        "note": "",
        "techniques": [
            "trigger_point_full_pressure",
            "trigger_point_gentle",
            "muscle_energy_technique",
            "stretching_gentle",
        ],
        "self_care": ["levator_scapulae_stretch", "ball_release"],
        "source": f"{TRAVELL_SIMONS}; techniques and self-care: {COMMON_PRACTICE}",
        "neck": True,
    },
    {
        "id": "suboccipitals",
        "label": "Suboccipitals",
        "feels": "Headache at the base of the skull or behind the eyes.",
        "note": "",
        "techniques": ["gentle_sustained_pressure", "myofascial_release"],
        "self_care": ["chin_tucks", "screen_at_eye_level"],
        "source": f"{TRAVELL_SIMONS}; techniques and self-care: {COMMON_PRACTICE}",
        "neck": True,
    },
    {
        "id": "scalenes",
        "label": "Scalenes",
        "feels": "Pain at the side of the neck, pain or tingling into the arm that can mimic "
        "nerve pain.",
        "note": "Gentle myofascial release only, never deep pressure: nerves and blood vessels "
        "run here.",
        "techniques": ["myofascial_release", "gentle_sustained_pressure"],
        "self_care": ["scalene_stretch", "breathing_practice"],
        "source": f"{TRAVELL_SIMONS}; {NECK_SAFETY}; techniques and self-care: {COMMON_PRACTICE}",
        "neck": True,
        "front_of_neck": True,
    },
    {
        "id": "rotator_cuff",
        "label": "Rotator cuff (infraspinatus, supraspinatus)",
        "feels": "Deep shoulder ache, pain raising the arm or lying on that side.",
        "note": "",
        "techniques": [
            "trigger_point_full_pressure",
            "trigger_point_gentle",
            "myofascial_release",
            "gentle_range_of_motion",
        ],
        "self_care": ["pendulum_swings", "band_external_rotation"],
        "source": f"{TRAVELL_SIMONS}; techniques and self-care: {COMMON_PRACTICE}",
    },
    {
        "id": "pectoralis_minor",
        "label": "Pectoralis minor",
        "feels": "Tightness at the front of the shoulder, rounded shoulders.",
        "note": "",
        "techniques": ["myofascial_release", "stretching_gentle"],
        "self_care": ["doorway_stretch"],
        "source": f"{TRAVELL_SIMONS}; techniques and self-care: {COMMON_PRACTICE}",
    },
    {
        "id": "rhomboids",
        "label": "Rhomboids",
        "feels": "Ache between the shoulder blades.",
        "note": "",
        "techniques": ["neuromuscular_therapy", "compression", "myofascial_release"],
        "self_care": ["shoulder_blade_squeezes", "thoracic_extension"],
        "source": f"{TRAVELL_SIMONS}; techniques and self-care: {COMMON_PRACTICE}",
    },
]

# The neck safety rules (docs/clinical/complaint-map.md, "Neck safety"), by complaint id.
NECK_COMPLAINTS = frozenset(c["id"] for c in COMPLAINTS if c.get("neck"))
FRONT_OF_NECK_COMPLAINTS = frozenset(c["id"] for c in COMPLAINTS if c.get("front_of_neck"))
# The screening rule ids of a neck or head emergency are screening.rules.NECK_EMERGENCY_RULE_IDS
# (after one, clearance.status keeps the neck unworked unless a clearance allows neck work).

# Shown on every self-care handout (docs/clinical/complaint-map.md, seed 003).
AFTER_SESSION_ADVICE = [
    "Drink water after the session.",
    "Keep stretching the muscles we worked on, gently and within comfort.",
    "Add simple strengthening exercises as the pain eases, to prevent it coming back.",
]
SEE_A_PHYSICIAN = (
    "See a physician for any new nerve symptoms: numbness, tingling, weakness, or pain "
    "spreading down an arm or leg; or if the pain does not improve after several sessions."
)

# From the pain map to structures worth assessing (docs/clinical/complaint-map.md): the
# muscles that often refer pain to each `pain_areas` id of the intake (trigger point referral
# patterns, Travell & Simons; seed 002 for gluteus medius to the low back). The note offers
# them to check first, never as a diagnosis; left and right map alike.
_LOWER_BACK = ("quadratus_lumborum", "erector_spinae", "gluteus_medius", "iliopsoas")
_BUTTOCK = ("gluteus_medius", "gluteus_maximus", "piriformis", "quadratus_lumborum")
_HIP_THIGH = ("gluteus_minimus", "piriformis", "iliopsoas", "hamstrings")
_BELOW_KNEE = ("gluteus_minimus", "piriformis", "sciatic_nerve")
_SHOULDER = ("rotator_cuff", "upper_trapezius", "pectoralis_minor", "scalenes")
STRUCTURES_TO_ASSESS = {
    "neck": ("upper_trapezius", "levator_scapulae", "suboccipitals", "scalenes"),
    "upper_back": ("rhomboids", "levator_scapulae", "erector_spinae"),
    "lower_back_left": _LOWER_BACK,
    "lower_back_right": _LOWER_BACK,
    "buttock_left": _BUTTOCK,
    "buttock_right": _BUTTOCK,
    "hip_left": _HIP_THIGH,
    "hip_right": _HIP_THIGH,
    "thigh_left": _HIP_THIGH,
    "thigh_right": _HIP_THIGH,
    "leg_below_knee_left": _BELOW_KNEE,
    "leg_below_knee_right": _BELOW_KNEE,
    "shoulder_left": _SHOULDER,
    "shoulder_right": _SHOULDER,
    # The areas the pain map gained in version 2 point to nothing yet, like `other`.
    **{
        area: ()
        for area in (
            "head",
            "arm_left",
            "arm_right",
            "hand_left",
            "hand_right",
            "chest",
            "abdomen",
            "foot_left",
            "foot_right",
        )
    },
    "other": (),
}
# Pain below both knees is not a referral pattern: it is a reason to check the client's
# answer to both_legs_symptoms (docs/clinical/red-flags.md, low back emergency).
BOTH_LEGS_BELOW_KNEE = frozenset({"leg_below_knee_left", "leg_below_knee_right"})


def structures_to_assess(pain_areas):
    """The complaint ids worth checking first for the marked `pain_areas`, in the order the
    areas were marked, each once."""
    areas = list(pain_areas or [])
    if set(areas) >= BOTH_LEGS_BELOW_KNEE:
        areas = [area for area in areas if area not in BOTH_LEGS_BELOW_KNEE]
    ids = []
    for area in areas:
        for complaint_id in STRUCTURES_TO_ASSESS.get(area, ()):
            if complaint_id not in ids:
                ids.append(complaint_id)
    return ids


def load_map(Complaint, Technique, SelfCareItem):
    """Create or update the map's rows from this module (used by the data migration).

    Takes the model classes so a migration can pass its historical models. Rows added in the
    admin are left alone.
    """
    for position, spec in enumerate(TECHNIQUES):
        Technique.objects.update_or_create(
            id=spec["id"],
            defaults={
                "label": spec["label"],
                "description": spec["description"],
                "deep_pressure": spec["deep_pressure"],
                "restricted_by": list(spec["restricted_by"]),
                "source": spec["source"],
                "position": position,
            },
        )
    # Self-care has had restrictions since notes 0006; the earlier migrations that call
    # this pass a SelfCareItem without the field.
    self_care_restricted = any(f.name == "restricted_by" for f in SelfCareItem._meta.fields)
    for position, spec in enumerate(SELF_CARE):
        defaults = {
            "label": spec["label"],
            "instructions": spec["instructions"],
            "source": spec["source"],
            "position": position,
        }
        if self_care_restricted:
            defaults["restricted_by"] = list(spec.get("restricted_by", []))
        SelfCareItem.objects.update_or_create(id=spec["id"], defaults=defaults)
    for position, spec in enumerate(COMPLAINTS):
        complaint, _ = Complaint.objects.update_or_create(
            id=spec["id"],
            defaults={
                "label": spec["label"],
                "feels": spec["feels"],
                "note": spec["note"],
                "source": spec["source"],
                "position": position,
            },
        )
        complaint.techniques.set(spec["techniques"])
        complaint.self_care.set(spec["self_care"])


def load_map_migration(apps, schema_editor):
    """A data migration's step that loads the map into the migration's own models: a change
    to the map is a migration with `RunPython(load_map_migration, RunPython.noop)`."""
    load_map(
        *(apps.get_model("notes", name) for name in ("Complaint", "Technique", "SelfCareItem"))
    )
