"""The intake questionnaire as data, and a strict validator for answers.

The question ids are the contract between the questionnaire, the stored answers, the
screening rules (screening/rules.py), the `screen` command and the tests; see
docs/clinical/intake-questions.md. Labels are written for a client reading on a phone: plain
words, no clinical jargon. Forms, templates and the screening all read this one catalogue.
"""

from dataclasses import dataclass

# The types of answer, each with its class (how it is checked and put in words).
from screening.answer_types import (  # noqa: F401 - the types are part of the catalogue's API
    BOOL,
    CHOICE,
    DATE,
    INT,
    ISO_DATE,
    MULTI,
    TEXT,
    TYPES,
    answer_type,
    short_repr,
)

SHORT_TEXT = 200
LONG_TEXT = 2000


@dataclass(frozen=True)
class Section:
    """One page of the questionnaire.

    `order` lists the page's question ids in the order they are shown, when that differs
    from catalogue order (the screening pages: everyday questions first). `screening` marks
    the pages of health screening questions.
    """

    id: str
    title: str
    help: str = ""
    order: tuple[str, ...] = ()
    screening: bool = False


@dataclass(frozen=True)
class Question:
    """One question of the intake.

    `required` means the client must answer before submitting; for a yes/no question
    (only consent_treatment) it means the answer must be yes. `multiline` asks forms for a
    text area instead of a one-line input. `not_sure` offers "Not sure" beside yes and no:
    it is stored as yes (true), and the id is listed in the app's `not_sure` answer.
    `lead_in` is a sentence shown before the question (why we ask what follows). A
    `derived` question is never asked: the app fills it from other answers.
    """

    id: str
    type: str
    label: str
    section: str
    help: str = ""
    choices: tuple[tuple[str, str], ...] = ()
    min_value: int | None = None
    max_value: int | None = None
    required: bool = False
    max_length: int = SHORT_TEXT
    multiline: bool = False
    not_sure: bool = False
    lead_in: str = ""
    derived: bool = False

    @property
    def choice_values(self):
        return tuple(value for value, _ in self.choices)

    def choice_label(self, value):
        return dict(self.choices)[value]


SCREENING_PAGES = (
    Section(
        "recent",
        "Today and recent changes",
        "These questions check that massage is safe for you. Answer about how you are now. "
        "If you are not sure, choose \u201cNot sure\u201d and your therapist will ask you "
        "about it.",
        order=(
            "injury_last_72_hours",
            "fever_unwell",
            "recent_infection",
            "recent_surgery",
            "recent_fracture",
            "night_pain_unrelieved",
            "worsening_after_month",
            "weight_loss_unexplained",
            "unexplained_lump",
            "back_lump_or_deformity",
        ),
        screening=True,
    ),
    Section(
        "back_legs",
        "Back, legs and bladder",
        "Nerves from your lower back reach your legs, bladder and bowel, so we ask about them "
        "together.",
        order=(
            "one_leg_pain_below_knee",
            "one_leg_numbness_tingling",
            "both_legs_symptoms",
            "leg_weakness_worsening",
            "saddle_numbness",
            "bladder_change",
            "bowel_change",
            "sexual_function_change",
            "erection_ejaculation_change",
        ),
        screening=True,
    ),
    Section(
        "neck_arms",
        "Neck, head and arms",
        order=(
            "one_arm_pain_or_tingling",
            "arm_weakness_worsening",
            "hands_numb_or_clumsy_both",
            "unsteady_walking",
            "neck_injury_or_manipulation_recent",
            "dizziness_new",
            "drop_attacks",
            "double_vision",
            "face_numbness",
            "speech_or_swallowing_trouble",
            "sudden_severe_headache",
        ),
        screening=True,
    ),
    Section(
        "heart",
        "Heart and circulation",
        order=(
            "varicose_veins",
            "blood_pressure_uncontrolled",
            "breathless",
            "chest_pain",
            "arm_jaw_pain_on_exertion",
            "calf_pain_swelling",
            "blood_clot_recent",
            "heart_attack_or_stroke_recent",
            "heart_or_kidney_failure",
            "lymphoedema",
        ),
        screening=True,
    ),
    Section(
        "skin",
        "Skin, joints and allergies",
        order=(
            "skin_wounds_or_infection",
            "joint_hot_red_swollen",
            "arm_injury_cannot_lift",
            "allergies_oils_latex",
            "diabetes_reduced_feeling",
            "radiation_treated_area",
        ),
        screening=True,
    ),
    Section(
        "medicines",
        "Medicines and pregnancy",
        order=(
            "medications",
            "anticoagulants",
            "bleeding_disorder",
            "long_term_steroids",
            "osteoporosis",
            "immunosuppressed",
            "cancer_history",
            "cancer_skin_only",
            "cancer_last_5_years",
            "cancer_treatment_now",
            "iv_drug_use",
            "pregnant",
            "pregnancy_high_risk",
        ),
        screening=True,
    ),
)

SECTIONS = (
    Section("about", "About you"),
    Section(
        "complaint",
        "Your pain",
        "Tell us about the pain or problem that brings you in.",
    ),
    Section(
        "massage",
        "Your massage",
        "How you like your massage. Every question here is optional.",
    ),
    *SCREENING_PAGES,
    Section("history", "Health history"),
    Section("consent", "Consent"),
)
SCREENING_SECTION_IDS = tuple(section.id for section in SCREENING_PAGES)
# The screening page of each question shown on one.
_PAGE_OF = {id: page.id for page in SCREENING_PAGES for id in page.order}

# Top to bottom. Version 2 added head, arms, hands, chest, abdomen and feet; the ids of
# version 1 never change.
PAIN_AREAS = (
    ("head", "Head"),
    ("neck", "Neck"),
    ("shoulder_left", "Shoulder, left side"),
    ("shoulder_right", "Shoulder, right side"),
    ("arm_left", "Arm, left arm"),
    ("arm_right", "Arm, right arm"),
    ("hand_left", "Hand, left hand"),
    ("hand_right", "Hand, right hand"),
    ("chest", "Chest"),
    ("upper_back", "Upper back"),
    ("abdomen", "Belly (abdomen)"),
    ("lower_back_left", "Lower back, left side"),
    ("lower_back_right", "Lower back, right side"),
    ("buttock_left", "Buttock, left side"),
    ("buttock_right", "Buttock, right side"),
    ("hip_left", "Hip, left side"),
    ("hip_right", "Hip, right side"),
    ("thigh_left", "Thigh, left leg"),
    ("thigh_right", "Thigh, right leg"),
    ("leg_below_knee_left", "Below the knee, left leg"),
    ("leg_below_knee_right", "Below the knee, right leg"),
    ("foot_left", "Foot, left foot"),
    ("foot_right", "Foot, right foot"),
    ("other", "Somewhere else (tell us above)"),
)
# The same places, for where the client does not want massage.
AVOID_AREAS = tuple(
    (value, "Somewhere else (tell us below)" if value == "other" else label)
    for value, label in PAIN_AREAS
)
PRESSURES = (
    ("light", "Light"),
    ("medium", "Medium"),
    ("firm", "Firm"),
    ("not_sure", "Not sure yet"),
)

SEXES_AT_BIRTH = (
    ("female", "Female"),
    ("male", "Male"),
    ("intersex", "Intersex"),
    ("prefer_not_to_say", "Prefer not to say"),
)

PAIN_DURATIONS = (
    ("under_6_weeks", "Less than 6 weeks"),
    ("6_to_12_weeks", "6 to 12 weeks"),
    ("over_12_weeks", "More than 12 weeks"),
)

PAIN_ONSETS = (
    ("gradual", "Slowly, over days or weeks"),
    ("sudden", "Suddenly, for no clear reason"),
    ("after_minor_strain", "After a small fall, lifting something, or a twist"),
    (
        "after_major_trauma",
        "After a serious accident, such as a road accident or a fall from a height",
    ),
)


def _about(id, label, **kwargs):
    return Question(id, kwargs.pop("type", TEXT), label, "about", **kwargs)


def _yes_no(id, label, help="", not_sure=True, lead_in=""):
    """A screening question on its themed page; "Not sure" is offered unless told not to."""
    return Question(id, BOOL, label, _PAGE_OF[id], help=help, not_sure=not_sure, lead_in=lead_in)


_CATALOGUE = (
    # About you
    _about("first_name", "First name", required=True),
    _about("last_name", "Last name", required=True),
    _about(
        "preferred_name",
        "What would you like us to call you?",
        help="Leave blank to use your first name.",
    ),
    _about(
        "date_of_birth",
        "Date of birth",
        type=DATE,
        required=True,
        help="Some health checks depend on your age.",
    ),
    _about(
        "sex_at_birth",
        "Sex at birth (optional)",
        type=CHOICE,
        choices=SEXES_AT_BIRTH,
        help="Only so we skip health questions that don't apply to you.",
    ),
    _about("email", "Email address"),
    _about("phone", "Phone number"),
    _about(
        "emergency_contact_name",
        "Emergency contact: name",
        help="Someone we can call if you feel unwell during a visit.",
    ),
    _about("emergency_contact_phone", "Emergency contact: phone number"),
    _about(
        "physician_name",
        "Your doctor's name",
        help="If your answers suggest you should see a doctor, your therapist may write to them.",
    ),
    _about("physician_practice", "Your doctor's practice or clinic"),
    _about("physician_address", "Practice address", max_length=LONG_TEXT, multiline=True),
    _about("physician_phone", "Practice phone number"),
    _about("physician_email", "Practice email address"),
    _about(
        "consent_contact_physician",
        "May your therapist write to your doctor about your health if needed?",
        type=BOOL,
        help="You can say no. We only write if something in your answers needs a doctor's opinion.",
    ),
    # Your pain
    Question(
        "main_complaint",
        TEXT,
        "What brings you in? Describe your pain or problem in your own words.",
        "complaint",
        max_length=LONG_TEXT,
        multiline=True,
    ),
    Question(
        "pain_areas",
        MULTI,
        "Where do you feel pain? Tick all that apply.",
        "complaint",
        choices=PAIN_AREAS,
    ),
    Question(
        "pain_now",
        INT,
        "How bad is your pain right now?",
        "complaint",
        help="0 means no pain, 10 means the worst pain you can imagine.",
        min_value=0,
        max_value=10,
    ),
    Question(
        "pain_worst_week",
        INT,
        "How bad was your pain at its worst in the last week?",
        "complaint",
        help="0 means no pain, 10 means the worst pain you can imagine.",
        min_value=0,
        max_value=10,
    ),
    Question(
        "pain_duration",
        CHOICE,
        "How long have you had this pain?",
        "complaint",
        choices=PAIN_DURATIONS,
    ),
    Question(
        "first_episode",
        BOOL,
        "Is this the first time you have had this pain?",
        "complaint",
    ),
    Question("pain_onset", CHOICE, "How did the pain start?", "complaint", choices=PAIN_ONSETS),
    Question(
        "goals",
        TEXT,
        "What would you like massage to help you with?",
        "complaint",
        help="For example: sleep through the night, lift my child, sit through a workday.",
        max_length=LONG_TEXT,
        multiline=True,
    ),
    # Your massage: preferences (version 2). No rule reads them and none is required; a
    # preference never overrides a restriction.
    Question("massage_before", BOOL, "Have you had a massage before?", "massage"),
    Question(
        "pressure_preference",
        CHOICE,
        "What pressure do you like?",
        "massage",
        help="Your therapist will check with you during the massage, and may use lighter "
        "pressure if your health answers call for it.",
        choices=PRESSURES,
    ),
    Question(
        "areas_to_avoid",
        MULTI,
        "Are there places you do not want massaged? Tick any.",
        "massage",
        choices=AVOID_AREAS,
    ),
    Question(
        "areas_to_avoid_notes",
        TEXT,
        "Anything else about places to avoid?",
        "massage",
        help="For example: my feet are ticklish, or not near my scar.",
        max_length=LONG_TEXT,
        multiline=True,
    ),
    # Health screening, in the order of docs/clinical/red-flags.md (possible emergencies
    # first). The page each is asked on, and its place there, are in SCREENING_PAGES.
    _yes_no(
        "saddle_numbness",
        lead_in="The next questions are personal. We ask them because a new change here can "
        "mean a nerve in your lower back is squeezed, which needs a doctor the same day.",
        label="Do you have new numbness or tingling around your genitals, back passage or inner "
        "buttocks (the area that would touch a saddle)?",
    ),
    _yes_no(
        "bladder_change",
        "Have you recently had new trouble passing urine: difficulty starting, a weak "
        "stream, not feeling when your bladder is full, or leaking?",
    ),
    _yes_no(
        "bowel_change",
        "Have you recently lost control of your bowels, or stopped feeling when you need to "
        "go to the toilet?",
    ),
    _yes_no(
        "both_legs_symptoms",
        "Do you have shooting or burning pain, numbness, pins and needles or weakness in both "
        "legs (not just sore muscles), or has sciatica spread to the other leg?",
    ),
    _yes_no(
        "leg_weakness_worsening",
        "Is either leg very weak or getting weaker? For example, your foot catches or drags "
        "when you walk, or your knee gives way.",
    ),
    _yes_no(
        "erection_ejaculation_change",
        "Have you noticed any new change in erections or ejaculation?",
    ),
    _yes_no(
        "sexual_function_change",
        "Have you noticed any new change in the feeling in your genitals?",
    ),
    _yes_no(
        "chest_pain",
        "Any pain, pressure or tightness in your chest, now or when you exert yourself?",
    ),
    _yes_no(
        "calf_pain_swelling",
        "Do you have pain in one calf or thigh, with swelling, warmth or redness?",
    ),
    _yes_no(
        "breathless",
        "Do you get out of breath more easily than usual, or have trouble catching your breath?",
    ),
    _yes_no("fever_unwell", "Do you have a fever or chills, or feel generally unwell?"),
    _yes_no(
        "iv_drug_use",
        "Do you inject drugs that were not prescribed for you?",
        help="Your answer is confidential. Injecting raises the risk of an infection near the "
        "spine.",
        not_sure=False,
    ),
    _yes_no(
        "immunosuppressed",
        "Do you have a weakened immune system? For example from HIV, an organ transplant, "
        "chemotherapy, or medicines that lower your body's defences.",
    ),
    _yes_no(
        "recent_infection",
        "In the last 3 months, have you had an infection treated with antibiotics, such as a "
        "urine, chest or skin infection?",
    ),
    _yes_no("cancer_history", "Have you ever had cancer?"),
    _yes_no(
        "cancer_skin_only",
        "If you have had cancer: was it only a basal-cell or squamous-cell skin cancer?",
        help="The common skin cancers that are cut or frozen off. Melanoma is not one of them.",
    ),
    _yes_no(
        "cancer_last_5_years",
        "If you have had cancer: was it in the last 5 years?",
    ),
    _yes_no(
        "cancer_treatment_now",
        "Are you having treatment for cancer now (for example chemotherapy, radiotherapy or "
        "hormone treatment)?",
        not_sure=False,
    ),
    _yes_no("weight_loss_unexplained", "Have you lost weight recently without trying?"),
    _yes_no(
        "night_pain_unrelieved",
        "Is your pain there all the time, day and night, with no rest or position that eases it?",
    ),
    _yes_no(
        "worsening_after_month",
        "Have you had this pain for more than a month, and is it getting worse rather than better?",
    ),
    _yes_no(
        "back_lump_or_deformity",
        "Have you noticed a lump, a swelling or a change in the shape of your back?",
    ),
    _yes_no(
        "osteoporosis",
        "Have you been told you have osteoporosis (thin or fragile bones)?",
    ),
    _yes_no(
        "long_term_steroids",
        "Have you taken steroid tablets (such as prednisolone) for 3 months or longer?",
        help="Steroid inhalers, sprays and creams don't count.",
    ),
    _yes_no("one_leg_pain_below_knee", "Does pain go down one leg to below the knee?"),
    _yes_no(
        "one_leg_numbness_tingling",
        "Do you have numbness, tingling or pins and needles in one leg?",
    ),
    _yes_no(
        "blood_clot_recent",
        "Do you have a blood clot in a vein now, or have you had one in the last 3 months?",
        help="For example a clot in the leg (deep vein thrombosis) or in the lungs.",
    ),
    _yes_no(
        "anticoagulants",
        "Do you take medicine to thin your blood? For example warfarin, apixaban, "
        "rivaroxaban, dabigatran or heparin injections.",
    ),
    _yes_no(
        "bleeding_disorder",
        "Do you have a bleeding disorder or low platelets, or do you bleed or bruise very easily?",
    ),
    _yes_no("recent_fracture", "Have you broken a bone in the last 8 weeks?"),
    _yes_no("recent_surgery", "Have you had an operation in the last 6 weeks?", not_sure=False),
    _yes_no(
        "radiation_treated_area",
        "Has any part of your body been treated with radiotherapy (radiation)?",
        help="Your therapist will ask where, to avoid deep pressure there.",
    ),
    _yes_no(
        "skin_wounds_or_infection",
        "Do you have any open or healing wounds, burns, or skin infections?",
    ),
    _yes_no("pregnant", "Are you pregnant?"),
    _yes_no(
        "pregnancy_high_risk",
        "If you are pregnant: has your midwife or doctor told you your pregnancy is high-risk?",
    ),
    _yes_no(
        "allergies_oils_latex",
        "Are you allergic to any oils or lotions (including nut oils such as almond oil) or "
        "to latex?",
    ),
    # Version 2: the whole client. Neck and head.
    _yes_no(
        "sudden_severe_headache",
        "Have you recently had a sudden, very bad headache, unlike any you have had before?",
        help="For example a headache that came on in seconds, like a blow to the head.",
    ),
    # Version 2's one question, split in two in version 3. Still a valid id in stored answers
    # and for the screen command (read as dizziness_new); no longer asked.
    Question(
        "dizziness_or_drop_attacks",
        BOOL,
        "Have you had new dizziness, or fallen suddenly without losing consciousness?",
        "",
        not_sure=True,
        derived=True,
    ),
    _yes_no("dizziness_new", "Have you had new dizziness, or a feeling that the room is spinning?"),
    _yes_no(
        "drop_attacks",
        "Have you fallen suddenly, without warning, without losing consciousness?",
    ),
    _yes_no(
        "neck_injury_or_manipulation_recent",
        "In the last few weeks, have you injured your neck, or had it manipulated "
        "(\u201ccracked\u201d)?",
    ),
    _yes_no("double_vision", "Have you had double vision recently?"),
    _yes_no(
        "speech_or_swallowing_trouble",
        "Have you recently had new trouble speaking clearly or swallowing?",
    ),
    _yes_no("face_numbness", "Have you had numbness or tingling in your face recently?"),
    _yes_no(
        "hands_numb_or_clumsy_both",
        "Are both of your hands numb or clumsy? For example, trouble doing up buttons or writing.",
    ),
    _yes_no("unsteady_walking", "Has your walking become unsteady recently?"),
    _yes_no(
        "one_arm_pain_or_tingling",
        "Do you have pain, numbness or tingling that runs down one arm?",
    ),
    _yes_no("arm_weakness_worsening", "Is one of your arms getting weaker?"),
    # Shoulder and arm
    _yes_no(
        "arm_injury_cannot_lift",
        "Since a fall or injury, are you unable to lift your arm, or does your shoulder look "
        "out of shape?",
    ),
    _yes_no(
        "joint_hot_red_swollen",
        "Do you have a joint that is hot, red and swollen?",
    ),
    _yes_no(
        "arm_jaw_pain_on_exertion",
        "Do you get pain in your arm, shoulder or jaw when you exert yourself (for example "
        "walking uphill), which eases when you rest?",
    ),
    _yes_no(
        "unexplained_lump",
        "Have you noticed a new lump or swelling anywhere on your body that you can't explain?",
    ),
    # Heart, circulation and whole-body cautions
    _yes_no(
        "heart_attack_or_stroke_recent",
        "In the last 3 months, have you had a heart attack, a stroke or a mini-stroke (TIA)?",
    ),
    _yes_no(
        "blood_pressure_uncontrolled",
        "Have you been told your blood pressure is high, and it is not under control?",
    ),
    _yes_no(
        "heart_or_kidney_failure", "Have you been told you have heart failure or kidney failure?"
    ),
    _yes_no("varicose_veins", "Do you have varicose veins (swollen, twisted veins)?"),
    _yes_no(
        "lymphoedema",
        "Do you have lymphoedema (long-lasting swelling of an arm or leg), or have you had "
        "lymph nodes removed?",
        help="Lymph nodes are sometimes removed during cancer surgery, for example under the arm.",
    ),
    _yes_no(
        "diabetes_reduced_feeling",
        "Do you have diabetes with less feeling than usual in your feet or hands?",
    ),
    _yes_no(
        "injury_last_72_hours",
        "Have you injured yourself in the last 3 days (72 hours), for example a sprain, strain "
        "or a knock?",
    ),
    # Health history
    Question(
        "medications",
        TEXT,
        "What medicines do you take? Include the dose if you know it.",
        "medicines",
        help="Include medicines from a pharmacy, vitamins and supplements.",
        max_length=LONG_TEXT,
        multiline=True,
    ),
    Question(
        "conditions",
        TEXT,
        "Do you have any other health conditions, now or in the past?",
        "history",
        max_length=LONG_TEXT,
        multiline=True,
    ),
    Question(
        "allergies",
        TEXT,
        "Do you have any allergies? For example to medicines, foods, or skin products.",
        "history",
        max_length=LONG_TEXT,
        multiline=True,
    ),
    # Consent
    Question(
        "consent_treatment",
        BOOL,
        "Do you agree to receive massage treatment?",
        "consent",
        help="You can ask your therapist to change or stop the treatment at any time.",
        required=True,
    ),
    Question(
        "signature_name",
        TEXT,
        "Type your full name to sign this form",
        "consent",
        help="Your first and last name, as you gave them above.",
    ),
)

# Added by the app, never asked: the ids the client answered "Not sure" (each stored as yes).
NOT_SURE = Question(
    "not_sure",
    MULTI,
    "Answered \u201cnot sure\u201d",
    "",
    choices=tuple((q.id, q.label) for q in _CATALOGUE if q.not_sure),
    derived=True,
)

QUESTIONS = {question.id: question for question in (*_CATALOGUE, NOT_SURE)}

# The required screening questions: the screening ids of docs/clinical/intake-questions.md
# (versions 1 and 2), and only those. Questions the app adds of its own accord (such as
# recent_infection) stay optional, so a stored intake never turns incomplete because the app
# grew. A skipped required question makes the screening `incomplete`, never `clear`.
REQUIRED_SCREENING_V1 = (
    "saddle_numbness",
    "bladder_change",
    "bowel_change",
    "both_legs_symptoms",
    "leg_weakness_worsening",
    "sexual_function_change",
    "chest_pain",
    "calf_pain_swelling",
    "breathless",
    "fever_unwell",
    "iv_drug_use",
    "immunosuppressed",
    "cancer_history",
    "cancer_treatment_now",
    "weight_loss_unexplained",
    "night_pain_unrelieved",
    "worsening_after_month",
    "back_lump_or_deformity",
    "osteoporosis",
    "long_term_steroids",
    "one_leg_pain_below_knee",
    "one_leg_numbness_tingling",
    "blood_clot_recent",
    "anticoagulants",
    "bleeding_disorder",
    "recent_fracture",
    "recent_surgery",
    "radiation_treated_area",
    "skin_wounds_or_infection",
    "pregnant",
    "pregnancy_high_risk",
    "allergies_oils_latex",
)
REQUIRED_SCREENING_V2 = (
    "sudden_severe_headache",
    "dizziness_or_drop_attacks",
    "double_vision",
    "speech_or_swallowing_trouble",
    "face_numbness",
    "hands_numb_or_clumsy_both",
    "unsteady_walking",
    "arm_injury_cannot_lift",
    "joint_hot_red_swollen",
    "arm_jaw_pain_on_exertion",
    "unexplained_lump",
    "heart_attack_or_stroke_recent",
    "blood_pressure_uncontrolled",
    "heart_or_kidney_failure",
    "varicose_veins",
    "lymphoedema",
    "diabetes_reduced_feeling",
    "injury_last_72_hours",
)
REQUIRED_SCREENING = REQUIRED_SCREENING_V1 + REQUIRED_SCREENING_V2
# Version 3's questions: asked of every new client (the questionnaire wants an answer on each
# page) but never required for the screening, so an older answer set keeps its tier. The one
# exception is dizziness: a set answers either the legacy id or both of its new questions.
ASKED_SCREENING_V3 = (
    "dizziness_new",
    "drop_attacks",
    "neck_injury_or_manipulation_recent",
    "one_arm_pain_or_tingling",
    "arm_weakness_worsening",
    "erection_ejaculation_change",
)
LEGACY_DIZZINESS = "dizziness_or_drop_attacks"
DIZZINESS_V3 = ("dizziness_new", "drop_attacks")
# Follow-ups, shown only after a yes to their parent. Only those in REQUIRED_SCREENING need an
# answer then; the cancer follow-ups are optional (left blank, the rule reads without them).
FOLLOW_UPS = {
    "pregnancy_high_risk": "pregnant",
    "cancer_skin_only": "cancer_history",
    "cancer_last_5_years": "cancer_history",
}
# Pregnancy is asked of a client whose sex at birth may be female, aged 12 to 55.
PREGNANCY_AGES = (12, 55)
# Asked only of a client whose sex at birth may be male (the neutral wording is for everyone).
MALE_ONLY = ("erection_ejaculation_change",)
FEMALE_ONLY = ("pregnant", "pregnancy_high_risk")


def applies(question_id, answers, age=None):
    """Whether the question is asked of this client: a question that does not apply (by the
    optional sex at birth, or pregnancy outside ages 12 to 55) is neither asked nor required.
    Unknown sex or age asks it."""
    sex = answers.get("sex_at_birth")
    if question_id in MALE_ONLY:
        return sex not in ("female",)
    if question_id in FEMALE_ONLY:
        if sex == "male":
            return False
        low, high = PREGNANCY_AGES
        return age is None or low <= age <= high
    return True


def unanswered_screening(answers, age=None):
    """The required screening questions with no answer, in catalogue order.

    A follow-up counts only when its parent is yes; with the parent unanswered, only the
    parent is listed. A question that does not apply to the client (applies()) is not listed.
    Dizziness is answered by the legacy id or by both new ones; otherwise the new ones missing
    are listed.
    """
    unanswered = []
    for question_id in QUESTIONS:
        if question_id == LEGACY_DIZZINESS:
            if answers.get(LEGACY_DIZZINESS) is None:
                unanswered.extend(id for id in DIZZINESS_V3 if answers.get(id) is None)
            continue
        if question_id not in REQUIRED_SCREENING or not applies(question_id, answers, age):
            continue
        parent = FOLLOW_UPS.get(question_id)
        if parent is not None and answers.get(parent) is not True:
            continue
        if answers.get(question_id) is None:
            unanswered.append(question_id)
    return tuple(unanswered)


SECTION_IDS = tuple(section.id for section in SECTIONS)


SECTION_BY_ID = {section.id: section for section in SECTIONS}


def questions_in_section(section_id):
    """The questions asked on one page, in the page's order (else catalogue order)."""
    if section_id not in SECTION_IDS:
        raise KeyError(f"unknown section id {section_id!r}")
    questions = [q for q in QUESTIONS.values() if q.section == section_id and not q.derived]
    order = SECTION_BY_ID[section_id].order
    if order:
        questions.sort(key=lambda q: order.index(q.id))
    return tuple(questions)


def is_screening_question(question_id):
    """A yes/no question of a screening page (required or not)."""
    question = QUESTIONS.get(question_id)
    return bool(question and question.type == BOOL and question.section in SCREENING_SECTION_IDS)


def _check_pages():
    # Each screening page lists exactly its own questions, and every asked question has a page.
    for page in SCREENING_PAGES:
        on_page = {q.id for q in QUESTIONS.values() if q.section == page.id}
        if set(page.order) != on_page or len(page.order) != len(on_page):
            raise AssertionError(f"page {page.id!r} must list each of its questions once")
    for question in QUESTIONS.values():
        if not question.derived and question.section not in SECTION_IDS:
            raise AssertionError(f"question {question.id!r} is on no page")


_check_pages()


class AnswersError(ValueError):
    """Answers that break the contract. `errors` maps each offending id to its message."""

    def __init__(self, errors):
        self.errors = dict(errors)
        super().__init__("; ".join(self.errors.values()))


def validate_answers(data):
    """Check answers against the catalogue and return them cleaned.

    `data` is a JSON-like dict (as from json.load): bools as true/false, ints as ints, dates
    as "YYYY-MM-DD", multi answers as lists. Returns a new dict in catalogue order with dates
    as datetime.date and text stripped. An unanswered question is absent: null, blank text
    and an empty list are dropped. Raises AnswersError naming every offending id.

    Required questions are not enforced here, because a partial intake can and should still
    be screened; see missing_required().
    """
    if not isinstance(data, dict):
        raise AnswersError({"": f"answers must be a JSON object, got {type(data).__name__}"})
    errors = {}
    cleaned = {}
    for key, value in data.items():
        question = QUESTIONS.get(key)
        if question is None:
            errors[key] = f"unknown question id {short_repr(key)}"
            continue
        if value is None:
            continue
        try:
            value = answer_type(question).clean(question, value)
        except ValueError as error:
            errors[key] = str(error)
            continue
        if value == "" or value == []:
            continue
        cleaned[key] = value
    # A "not sure" is stored as yes: the list may only name questions answered yes.
    not_yes = [id for id in cleaned.get("not_sure", ()) if cleaned.get(id) is not True]
    if not_yes and "not_sure" not in errors:
        errors["not_sure"] = (
            f"'not_sure' lists {short_repr(not_yes[0])}, which must then be answered true"
        )
    if errors:
        raise AnswersError(errors)
    return {key: cleaned[key] for key in QUESTIONS if key in cleaned}


def missing_required(answers):
    """Ids of required questions not yet answered (consent must be a yes), in catalogue order."""
    missing = []
    for question in QUESTIONS.values():
        if not question.required:
            continue
        if not answer_type(question).fulfils_required(answers.get(question.id)):
            missing.append(question.id)
    return tuple(missing)


def _normalise_name(name):
    return " ".join(name.split()).casefold()


def signature_matches_name(answers):
    """Whether the typed signature is the client's first and last name (case and spaces aside)."""
    full_name = f"{answers.get('first_name', '')} {answers.get('last_name', '')}"
    signature = answers.get("signature_name", "")
    return bool(signature.strip()) and _normalise_name(signature) == _normalise_name(full_name)
