"""The red-flag rules of docs/clinical/red-flags.md as data: each rule's tier, the reason shown
to the therapist, the sentence for a referral letter, the guideline it comes from, and when it
fires, in the vocabulary of screening/conditions.py. A clinician reviews this file.

Bump RULES_VERSION whenever a rule, tier or wording changes, so a stored result can be traced
to the rules that produced it.
"""

from screening.conditions import (
    Addendum,
    AgeAtLeast,
    AgeOutside,
    All,
    AnswerIn,
    AnswerIs,
    Any,
    Not,
    PainIn,
    Rule,
    Unanswered,
    Yes,
)
from screening.restrictions import DEEP_PRESSURE, NO_NECK_WORK
from screening.tiers import CAUTION, EMERGENCY, REFER, TIER_ORDER

RULES_VERSION = "2026.12.3"

# Sources, as docs/clinical/red-flags.md and docs/clinical/complaint-map.md cite them.
NICE_NG59 = "NICE NG59 (low back pain and sciatica)"
NHS_CES = "NHS cauda equina syndrome and sciatica pages"
BMJ_CES = "BMJ Best Practice: cauda equina syndrome"
IFOMPT = "IFOMPT international framework for red flags (Finucane et al., 2020)"
ACP = "ACP 2017 low back pain guideline"
NICE_NG12 = "NICE NG12 (suspected cancer)"
COCHRANE_CANCER = "Cochrane CD008686 (red flags for malignancy in low back pain)"
BATAVIA = "Batavia 2004, Contraindications for therapeutic massage: do sources agree?"
CES_SOURCES = f"{NICE_NG59}; {NHS_CES}; {BMJ_CES}; {IFOMPT}"
# Version 2: the whole client (docs/clinical/red-flags.md, sources).
IFOMPT_CX = "International IFOMPT Cervical Framework (Rushton et al., JOSPT 2023;53(1):7-22)"
CKS_HEADACHE = "NICE CKS headache: red flags"
ARTUS = 'Artus, Holt and Rees, "The painful shoulder", Br J Gen Pract 2014;64:e593'
BESS = "BESS/BOA patient care pathway for shoulder pain (2015)"
MURPHY = "Murphy and Bintcliffe, BMJ 2023;382:p1255"
WALTON = 'Walton, "Medical Conditions and Massage Therapy: A Decision Tree Approach" (2011)'
WERNER = 'Werner, "A Massage Therapist\'s Guide to Pathology"'
NECK_SOURCES = f"{IFOMPT_CX}; {CKS_HEADACHE}"
SHOULDER_SOURCES = f"{ARTUS}; {BESS}; {MURPHY}"
WHOLE_BODY_SOURCES = f"{BATAVIA}; {WALTON}; {WERNER}"
# Version 3 (docs/clinical/red-flags.md, version 3).
NICE_NG240 = "NICE NG240 (bacterial meningitis and meningococcal disease)"
CHOU = "Chou et al., Ann Intern Med 2007;147:478-491 (ACP/APS low back pain guideline)"
DOWNIE = "Downie et al., BMJ 2013;347:f7095 (red flags for fracture and malignancy)"


# Emergency flags of the neck and head: no neck work while one holds, and after a physician's
# clearance too unless that clearance allows neck work (docs/clinical/red-flags.md, version 3).
NECK_EMERGENCY_RULE_IDS = frozenset(
    {"thunderclap_headache", "cervical_arterial_signs", "dizziness_with_neck_signs", "meningitis"}
)
# Refer flags of a stable, known condition: a physician's clearance covers the same flag in a
# later screening for 12 months. Every other refer flag describes a new event (a fever, weight
# loss, a fall, new weakness) and needs a new clearance each time; an emergency never carries
# forward (docs/clinical/enforcement.md).
CARRIES_FORWARD_RULE_IDS = frozenset(
    {
        "heart_or_kidney_failure",
        "uncontrolled_blood_pressure",
        "exertional_arm_jaw_pain",
        "cervical_myelopathy",
        "back_deformity",
        "cancer_treatment",
        "high_risk_pregnancy",
    }
)
# Flags defined by a time window: rule id -> (the question it reads, the window in days). Such a
# flag lapses when a later screening, made after the window has passed, answers that question no.
TIME_WINDOW_RULES = {
    "recent_fracture": ("recent_fracture", 56),  # 8 weeks
    "recent_surgery": ("recent_surgery", 42),  # 6 weeks
    "recent_clot": ("blood_clot_recent", 91),  # 3 months
    "recent_heart_attack_or_stroke": ("heart_attack_or_stroke_recent", 91),  # 3 months
    "acute_injury": ("injury_last_72_hours", 3),
}


# Areas of the pain map by region (screening/questions.py PAIN_AREAS).
NECK = ("neck",)
BACK = ("upper_back", "lower_back_left", "lower_back_right")
SPINE = NECK + BACK
BUTTOCKS = ("buttock_left", "buttock_right")
# Pain under 6 weeks, or under 12 weeks (the duration question's answers).
UNDER_6_WEEKS = ("under_6_weeks",)
UNDER_12_WEEKS = ("under_6_weeks", "6_to_12_weeks")
# Pain that is new or changing: what makes a past cancer matter (Cochrane CD008686; NICE NG12).
# With pain marked, an unanswered duration or first episode reads as new; with no pain marked
# (a relaxation massage) there is no pain to be new.
NEW_OR_CHANGING = Any(
    Yes("first_episode", "worsening_after_month", "night_pain_unrelieved"),
    Yes("weight_loss_unexplained"),
    AnswerIn("pain_duration", *UNDER_12_WEEKS),
    All(Not(Unanswered("pain_areas")), Unanswered("pain_duration")),
    All(Not(Unanswered("pain_areas")), Unanswered("first_episode")),
)
# New spinal pain: a first episode, or pain under 6 weeks, in the neck or back.
# Unknown context reads the cautious way: an unanswered duration as recent, an unanswered first
# episode as a first. No pain marked means no pain (a relaxation massage), not an unknown region.
RECENT = Any(AnswerIn("pain_duration", *UNDER_6_WEEKS), Unanswered("pain_duration"))
UNDER_12_WEEKS_OR_UNKNOWN = Any(
    AnswerIn("pain_duration", *UNDER_12_WEEKS), Unanswered("pain_duration")
)
FIRST_OR_UNKNOWN = Any(Yes("first_episode"), Unanswered("first_episode"))
NEW_SPINAL_PAIN = All(PainIn(*SPINE), Any(FIRST_OR_UNKNOWN, RECENT))
# A basal- or squamous-cell skin cancer only: no cancer flag, whatever the other follow-up says.
PAST_CANCER = All(Yes("cancer_history"), Not(Yes("cancer_skin_only")))
# What makes night pain a referral: a past cancer, weight loss, fever, or new pain over 50.
NIGHT_PAIN_COMPANIONS = Any(
    PAST_CANCER,
    Yes("weight_loss_unexplained", "fever_unwell"),
    All(AgeAtLeast(51), UNDER_12_WEEKS_OR_UNKNOWN),
)
# A past cancer that matters now: the pain is new or changing, or the cancer was recent.
CANCER_MATTERS_NOW = Any(NEW_OR_CHANGING, Yes("cancer_last_5_years"))
# Stroke signs of the cervical framework (the 5 Ds and 3 Ns).
STROKE_SIGNS = Yes("double_vision", "speech_or_swallowing_trouble", "face_numbness")
NECK_SIGNS_WITH_DIZZINESS = Any(
    All(PainIn(*NECK), RECENT),
    Yes("sudden_severe_headache", "neck_injury_or_manipulation_recent", "unsteady_walking"),
    Yes("drop_attacks"),
    STROKE_SIGNS,
)
FEVER_SOURCES = f"{ACP}; {IFOMPT}; {CHOU}"

RULES = (
    # Emergency: do not massage; the client needs care today.
    Rule(
        id="saddle_numbness",
        tier=EMERGENCY,
        when=Yes("saddle_numbness"),
        reason=(
            "New numbness in the saddle area can mean pressure on the nerves at the base of the "
            "spine (cauda equina syndrome). Do not massage; the client needs emergency care today."
        ),
        physician_sentence="The client reports new numbness or tingling in the saddle area.",
        source=CES_SOURCES,
    ),
    Rule(
        id="bladder_dysfunction",
        tier=EMERGENCY,
        when=Yes("bladder_change"),
        reason=(
            "New trouble passing urine or leaking can mean pressure on the nerves at the base of "
            "the spine (cauda equina syndrome). Do not massage; the client needs emergency care "
            "today."
        ),
        physician_sentence=(
            "The client reports new bladder symptoms (difficulty voiding, poor stream, reduced "
            "bladder sensation or incontinence)."
        ),
        source=CES_SOURCES,
    ),
    Rule(
        id="bowel_dysfunction",
        tier=EMERGENCY,
        when=Yes("bowel_change"),
        reason=(
            "New loss of bowel control or of the urge to go can mean pressure on the nerves at the "
            "base of the spine (cauda equina syndrome). Do not massage; the client needs emergency "
            "care today."
        ),
        physician_sentence="The client reports new bowel incontinence or loss of rectal sensation.",
        source=CES_SOURCES,
    ),
    Rule(
        id="bilateral_leg_symptoms",
        tier=EMERGENCY,
        when=Yes("both_legs_symptoms"),
        reason=(
            "Nerve pain, numbness, pins and needles or weakness in both legs can mean pressure on "
            "the nerves at the base of the spine (cauda equina syndrome). Do not massage; the "
            "client needs emergency care today."
        ),
        physician_sentence=(
            "The client reports shooting or burning pain, numbness, pins and needles or weakness "
            "in both legs, or sciatica that has spread from one leg to both."
        ),
        source=CES_SOURCES,
    ),
    Rule(
        id="progressive_leg_weakness",
        tier=EMERGENCY,
        when=Yes("leg_weakness_worsening"),
        reason=(
            "Leg weakness that is severe or getting worse (foot drop, knee giving way) means a "
            "nerve is losing function. Do not massage; the client needs emergency care today."
        ),
        physician_sentence=(
            "The client reports severe or progressive leg weakness, such as foot drop or the knee "
            "giving way."
        ),
        source=f"{NICE_NG59}; {IFOMPT}",
    ),
    Rule(
        id="sexual_dysfunction",
        tier=EMERGENCY,
        when=Yes("sexual_function_change", "erection_ejaculation_change"),
        reason=(
            "A new change in genital sensation, erection or ejaculation can mean pressure on the "
            "nerves at the base of the spine (cauda equina syndrome). Do not massage; the client "
            "needs emergency care today."
        ),
        physician_sentence=(
            "The client reports a new change in genital sensation or sexual function."
        ),
        source=CES_SOURCES,
    ),
    Rule(
        id="major_trauma",
        tier=EMERGENCY,
        # Only recent trauma is the emergency (IFOMPT 2020); an unknown duration reads as recent.
        when=All(
            AnswerIs("pain_onset", "after_major_trauma"),
            Any(AnswerIn("pain_duration", *UNDER_6_WEEKS), Unanswered("pain_duration")),
        ),
        reason=(
            "{Pain} that began after a serious accident in the last 6 weeks may come from a "
            "broken bone. Do not massage; the client needs emergency care today."
        ),
        physician_sentence=(
            "The client reports that {the_pain} began after major trauma within the last 6 weeks."
        ),
        source=f"{IFOMPT}; {NICE_NG59}",
    ),
    Rule(
        id="chest_pain",
        tier=EMERGENCY,
        when=Yes("chest_pain"),
        reason=(
            "Pain, pressure or tightness in the chest can come from the heart or a major blood "
            "vessel. Do not massage; the client needs emergency care today."
        ),
        physician_sentence=(
            "The client reports pain, pressure or tightness in the chest, at rest or on exertion."
        ),
        source=IFOMPT,
    ),
    Rule(
        id="possible_dvt",
        tier=EMERGENCY,
        when=Yes("calf_pain_swelling"),
        reason=(
            "Pain in one calf or thigh with swelling, warmth or redness can be a blood clot in a "
            "deep vein (DVT); massage could move it to the lungs. Do not massage; the client needs "
            "medical assessment today."
        ),
        physician_sentence=(
            "The client reports one-sided calf or thigh pain with swelling, warmth or redness, "
            "raising the possibility of deep vein thrombosis."
        ),
        source=IFOMPT,
        addenda=(
            Addendum(
                when=Yes("breathless", "chest_pain"),
                reason=(
                    "With breathlessness or chest pain the clot may already have reached the lungs "
                    "(pulmonary embolism): call the emergency number now."
                ),
                physician_sentence=(
                    "The client also reports breathlessness or chest pain, raising the possibility "
                    "of pulmonary embolism."
                ),
            ),
        ),
    ),
    # Emergency, version 2: neck and head, and a joint infection.
    Rule(
        id="thunderclap_headache",
        tier=EMERGENCY,
        when=Yes("sudden_severe_headache"),
        reason=(
            'A new, sudden, severe headache unlike any before ("thunderclap") can mean '
            "bleeding in the brain or a tear in a neck artery. Do not massage; the client needs "
            "emergency care today."
        ),
        physician_sentence=(
            "The client reports a new, sudden, severe headache unlike any before (thunderclap "
            "headache)."
        ),
        source=NECK_SOURCES,
        restriction=NO_NECK_WORK,
    ),
    Rule(
        id="cervical_arterial_signs",
        tier=EMERGENCY,
        when=STROKE_SIGNS,
        reason=(
            "New double vision, trouble speaking or swallowing, or a numb face can mean a tear in "
            "a neck artery or a stroke. Do not massage and do no neck work; the client needs care "
            "today."
        ),
        physician_sentence=(
            "The client reports new double vision, difficulty speaking or swallowing, or facial "
            "numbness, raising the possibility of cervical arterial dysfunction or stroke."
        ),
        source=NECK_SOURCES,
        restriction=NO_NECK_WORK,
    ),
    Rule(
        id="dizziness_with_neck_signs",
        tier=EMERGENCY,
        when=All(Yes("dizziness_new"), NECK_SIGNS_WITH_DIZZINESS),
        reason=(
            "New dizziness together with new neck pain or headache, a recent neck injury or "
            "manipulation, unsteady walking or another stroke sign can mean a tear in a neck "
            "artery. Do not massage and do no neck work; the client needs care today."
        ),
        physician_sentence=(
            "The client reports new dizziness with recent neck pain or headache, a recent neck "
            "injury or manipulation, unsteady gait or another neurological sign, raising the "
            "possibility of cervical arterial dysfunction."
        ),
        source=IFOMPT_CX,
        restriction=NO_NECK_WORK,
    ),
    Rule(
        id="meningitis",
        tier=EMERGENCY,
        when=All(Yes("fever_unwell"), PainIn(*NECK), Yes("sudden_severe_headache")),
        reason=(
            "Fever with neck pain and a new, severe headache can be meningitis. Do not massage; "
            "the client needs emergency care today."
        ),
        physician_sentence=(
            "The client reports fever with neck pain and a new severe headache, raising the "
            "possibility of meningitis."
        ),
        source=NICE_NG240,
        restriction=NO_NECK_WORK,
    ),
    Rule(
        id="septic_joint",
        tier=EMERGENCY,
        when=All(Yes("joint_hot_red_swollen"), Yes("fever_unwell")),
        reason=(
            "A hot, red, swollen joint with fever or feeling unwell can be an infection in the "
            "joint (septic arthritis). Do not massage; the client needs emergency care today."
        ),
        physician_sentence=(
            "The client reports a hot, red, swollen joint with fever or feeling unwell, raising "
            "the possibility of septic arthritis."
        ),
        source=SHOULDER_SOURCES,
    ),
    # Refer: no massage until a physician has seen the client and cleared treatment.
    Rule(
        id="fever_infection",
        tier=REFER,
        # Fever with pain elsewhere, or with no pain, is the caution fever_postpone.
        when=All(
            Yes("fever_unwell"),
            PainIn(*SPINE, *BUTTOCKS),
            Not(All(PainIn(*NECK), Yes("sudden_severe_headache"))),
        ),
        reason=(
            "Fever, chills or feeling unwell with {pain} can be a sign of an infection in the "
            "spine. Do not massage until a physician has seen the client."
        ),
        physician_sentence=(
            "The client reports fever, chills or feeling generally unwell with {the_pain}."
        ),
        source=FEVER_SOURCES,
        addenda=(
            Addendum(
                when=Yes("iv_drug_use"),
                reason=(
                    "The risk is higher because the client injects drugs: urge them to see a "
                    "physician today."
                ),
                physician_sentence="The client also reports intravenous drug use.",
            ),
            Addendum(
                when=Yes("immunosuppressed"),
                reason=(
                    "The risk is higher because the client's immune system is weakened: urge them "
                    "to see a physician today."
                ),
                physician_sentence="The client also reports being immunosuppressed.",
            ),
            Addendum(
                when=Yes("recent_infection"),
                reason="The risk is higher after the client's recent bacterial infection.",
                physician_sentence=(
                    "The client also reports a bacterial infection treated with antibiotics in the "
                    "last 3 months."
                ),
            ),
        ),
    ),
    Rule(
        id="spinal_infection_risk",
        tier=REFER,
        # With fever it is fever_infection, whose addenda name these risks.
        # Long-term oral steroids weaken the immune system too (IFOMPT 2020 lists them).
        when=All(
            Yes("iv_drug_use", "immunosuppressed", "long_term_steroids"),
            NEW_SPINAL_PAIN,
            Not(Yes("fever_unwell")),
        ),
        reason=(
            "New {spinal_pain} in a client who injects drugs, or whose immune system is weakened "
            "(by illness, medicines or long-term steroid tablets), can be an infection of the "
            "spine, even without a fever. Do not massage until a physician has seen the client."
        ),
        physician_sentence=(
            "The client reports new {spinal_pain} with intravenous drug use, immunosuppression "
            "or long-term oral corticosteroids, raising the possibility of spinal infection even "
            "without fever."
        ),
        source=f"{IFOMPT}; {CHOU}",
    ),
    Rule(
        id="breathlessness",
        tier=REFER,
        # With chest pain or a swollen calf the emergency rules already fire.
        when=All(Yes("breathless"), Not(Yes("chest_pain", "calf_pain_swelling"))),
        reason=(
            "New breathlessness can come from the lungs, the heart or a clot, which can also "
            "cause pain felt in the shoulder or back. Do not massage until a physician has seen "
            "the client."
        ),
        physician_sentence=(
            "The client reports becoming breathless more easily than usual, with {the_pain}; "
            "pain referred from the heart, lungs or a pulmonary embolism needs excluding."
        ),
        source=f"{ARTUS}; {MURPHY}",
    ),
    Rule(
        id="cancer_history",
        tier=REFER,
        when=All(PAST_CANCER, CANCER_MATTERS_NOW),
        reason=(
            "A history of cancer with {pain} that is new or changing, or a cancer in the last 5 "
            "years: a history of cancer is the strongest single sign that pain may come from a "
            "spread of the cancer. Do not massage until a physician has seen the client."
        ),
        physician_sentence=(
            "The client reports a history of cancer, with {the_pain} new or changing or the cancer "
            "within the last 5 years."
        ),
        source=f"{COCHRANE_CANCER}; {NICE_NG12}",
    ),
    Rule(
        id="weight_loss",
        tier=REFER,
        when=Yes("weight_loss_unexplained"),
        reason=(
            "Losing weight without trying, with {pain}, can be a sign of cancer. Do not massage "
            "until a physician has seen the client."
        ),
        physician_sentence="The client reports unexplained weight loss.",
        source=f"{NICE_NG12}; {ACP}",
        addenda=(
            Addendum(
                when=AgeAtLeast(60),
                reason=(
                    "At 60 or over, pain with weight loss calls for an urgent check for cancer."
                ),
                physician_sentence=(
                    "At 60 or over, unexplained weight loss with persistent pain warrants urgent "
                    "investigation for cancer (NICE NG12)."
                ),
            ),
        ),
    ),
    Rule(
        id="night_pain",
        tier=REFER,
        when=All(
            Yes("night_pain_unrelieved"),
            NIGHT_PAIN_COMPANIONS,
        ),
        reason=(
            "Pain all the time, day and night, that no rest or position eases, together with a "
            "past cancer, weight loss, fever, or new pain over 50, can be a sign of cancer or "
            "infection. Do not massage until a physician has seen the client."
        ),
        physician_sentence=(
            "The client reports constant pain, day and night, not relieved by rest or any "
            "position, with another warning sign (history of cancer, weight loss, fever, or age "
            "over 50 with pain of under 12 weeks)."
        ),
        source=f"{COCHRANE_CANCER}; {ACP}",
    ),
    Rule(
        id="worsening_after_month",
        tier=REFER,
        when=Yes("worsening_after_month"),
        reason=(
            "{Pain} that has not improved after a month and is getting worse needs a physician's "
            "assessment. Do not massage until a physician has seen the client."
        ),
        physician_sentence=(
            "The client reports {the_pain}, not improved after a month and worsening."
        ),
        source=ACP,
    ),
    Rule(
        id="back_deformity",
        tier=REFER,
        when=Yes("back_lump_or_deformity"),
        reason=(
            "A lump, swelling or change in the shape of the back can come from a fracture, "
            "infection or tumour. Do not massage until a physician has seen the client."
        ),
        physician_sentence=(
            "The client reports a lump, swelling or change in the shape of the back."
        ),
        source=ACP,
    ),
    Rule(
        id="fracture_risk",
        tier=REFER,
        when=All(
            Yes("osteoporosis", "long_term_steroids"), AnswerIs("pain_onset", "after_minor_strain")
        ),
        reason=(
            "Fragile bones (osteoporosis, a bone-strengthening medicine or long-term steroid "
            "tablets) with {pain} that started after a minor fall or lift can be a broken bone. "
            "Do not massage until a physician has seen the client."
        ),
        physician_sentence=(
            "The client reports osteoporosis (or bone-strengthening treatment) or long-term oral "
            "steroid use, with {the_pain} beginning after a minor fall or lift, raising the "
            "possibility of a fragility fracture."
        ),
        source=f"{ACP}; {IFOMPT}",
        restricts_techniques=(DEEP_PRESSURE,),
        restriction="Light pressure only, no forceful joint work (fragile bones).",
    ),
    Rule(
        id="fragility_fracture_age",
        tier=REFER,
        # Osteoporosis or steroids with the same onset is fracture_risk, which says more.
        when=All(
            AgeAtLeast(70),
            PainIn(*SPINE),
            AnswerIs("pain_onset", "after_minor_strain"),
            FIRST_OR_UNKNOWN,
            Not(Yes("osteoporosis", "long_term_steroids")),
        ),
        reason=(
            "At 70 or over, a first episode of {spinal_pain} that began after a minor fall or "
            "lift can be a fracture of the spine from fragile bones. Do not massage until a "
            "physician has seen the client."
        ),
        physician_sentence=(
            "The client reports a first episode of {spinal_pain} at age 70 or over, beginning "
            "after a minor fall or lift, raising the possibility of a vertebral fragility fracture."
        ),
        source=f"{IFOMPT}; {ACP}; {DOWNIE}",
        restricts_techniques=(DEEP_PRESSURE,),
        restriction="Light pressure only, no forceful joint work (possible fragile bones).",
    ),
    Rule(
        id="recent_clot",
        tier=REFER,
        when=Yes("blood_clot_recent"),
        reason=(
            "A blood clot in a vein now or in the last 3 months could be moved by massage. Do not "
            "massage until a physician has cleared treatment."
        ),
        physician_sentence=(
            "The client reports a deep vein thrombosis now or within the last 3 months."
        ),
        source=BATAVIA,
        restricts_techniques=(DEEP_PRESSURE,),
        restriction="No deep or forceful pressure; never massage the limb with the clot.",
    ),
    Rule(
        id="recent_fracture",
        tier=REFER,
        when=Yes("recent_fracture"),
        reason=(
            "A bone broken in the last 8 weeks is still healing. Do not massage until a physician "
            "has cleared treatment."
        ),
        physician_sentence="The client reports a fracture within the last 8 weeks.",
        source=BATAVIA,
        restricts_techniques=(DEEP_PRESSURE,),
        restriction="No deep or forceful pressure near the fracture (healing bone).",
    ),
    Rule(
        id="recent_surgery",
        tier=REFER,
        when=Yes("recent_surgery"),
        reason=(
            "Surgery in the last 6 weeks: tissues are still healing and the risk of a clot is "
            "higher. Do not massage until a physician has cleared treatment."
        ),
        physician_sentence="The client reports surgery within the last 6 weeks.",
        source=BATAVIA,
        restricts_techniques=(DEEP_PRESSURE,),
        restriction="No deep pressure near the surgical site until 6 weeks after surgery.",
    ),
    Rule(
        id="high_risk_pregnancy",
        tier=REFER,
        when=Yes("pregnancy_high_risk"),
        reason=(
            "A high-risk pregnancy needs the client's physician or midwife to clear massage first. "
            "Do not massage until they have."
        ),
        physician_sentence="The client reports a high-risk pregnancy.",
        source=BATAVIA,
        restricts_techniques=(DEEP_PRESSURE,),
        restriction="Side-lying positions, no deep pressure on the legs (pregnancy).",
    ),
    Rule(
        id="cancer_treatment",
        tier=REFER,
        when=Yes("cancer_treatment_now"),
        reason=(
            "The client is being treated for cancer now. Do not massage until the client's "
            "physician or oncologist has cleared treatment."
        ),
        physician_sentence="The client reports current cancer treatment.",
        source=BATAVIA,
        restricts_techniques=(DEEP_PRESSURE,),
        restriction="No deep pressure without the oncologist's clearance (cancer treatment).",
    ),
    # Refer, version 2: neck, shoulder and arm, heart and circulation.
    Rule(
        id="cervical_myelopathy",
        tier=REFER,
        when=Yes("hands_numb_or_clumsy_both", "unsteady_walking"),
        reason=(
            "Both hands numb or clumsy, or walking that has become unsteady, can mean pressure "
            "on the spinal cord in the neck (cervical myelopathy). Do not massage until a "
            "physician has seen the client."
        ),
        physician_sentence=(
            "The client reports numbness or clumsiness of both hands or new unsteady gait, "
            "raising the possibility of cervical myelopathy."
        ),
        source=NECK_SOURCES,
    ),
    Rule(
        id="drop_attacks",
        tier=REFER,
        # With new dizziness it is the emergency dizziness_with_neck_signs instead.
        when=All(Yes("drop_attacks"), Not(Yes("dizziness_new"))),
        reason=(
            "Sudden falls without warning need a physician's assessment (the heart, the "
            "circulation to the brain, or the nerves). Do not massage until a physician has seen "
            "the client."
        ),
        physician_sentence="The client reports sudden falls without warning (drop attacks).",
        source=IFOMPT_CX,
    ),
    Rule(
        id="arm_weakness_worsening",
        tier=REFER,
        when=Yes("arm_weakness_worsening"),
        reason=(
            "One arm getting weaker means a nerve is losing function. Do not massage until a "
            "physician has seen the client."
        ),
        physician_sentence="The client reports progressive weakness of one arm.",
        source=f"{IFOMPT_CX}; {ARTUS}",
    ),
    Rule(
        id="shoulder_injury_cannot_lift",
        tier=REFER,
        when=Yes("arm_injury_cannot_lift"),
        reason=(
            "Not being able to lift the arm after a fall or injury, or a shoulder out of shape, "
            "can be a fracture, dislocation or torn rotator cuff. Do not massage until a "
            "physician has seen the client."
        ),
        physician_sentence=(
            "The client reports being unable to lift the arm after a fall or injury, or a "
            "deformed shoulder, raising the possibility of fracture, dislocation or rotator cuff "
            "tear."
        ),
        source=SHOULDER_SOURCES,
    ),
    Rule(
        id="hot_swollen_joint",
        tier=REFER,
        # With fever it is the emergency rule septic_joint instead.
        when=All(Yes("joint_hot_red_swollen"), Not(Yes("fever_unwell"))),
        reason=(
            "A hot, red, swollen joint needs a physician's assessment (inflammation, gout or an "
            "infection). Do not massage until a physician has seen the client."
        ),
        physician_sentence="The client reports a hot, red, swollen joint without fever.",
        source=SHOULDER_SOURCES,
    ),
    Rule(
        id="exertional_arm_jaw_pain",
        tier=REFER,
        when=Yes("arm_jaw_pain_on_exertion"),
        reason=(
            "Pain in the arm, shoulder or jaw that comes on with exertion and eases with rest "
            "can be heart pain (angina). Do not massage until a physician has seen the client."
        ),
        physician_sentence=(
            "The client reports arm, shoulder or jaw pain brought on by exertion and relieved "
            "by rest, raising the possibility of angina."
        ),
        source=SHOULDER_SOURCES,
    ),
    Rule(
        id="unexplained_lump",
        tier=REFER,
        when=Yes("unexplained_lump"),
        reason=(
            "A new lump or swelling the client cannot explain needs a physician's assessment "
            "(it can be a tumour). Do not massage until a physician has seen the client."
        ),
        physician_sentence="The client reports a new, unexplained lump or swelling.",
        source=SHOULDER_SOURCES,
    ),
    Rule(
        id="recent_heart_attack_or_stroke",
        tier=REFER,
        when=Yes("heart_attack_or_stroke_recent"),
        reason=(
            "A heart attack, stroke or mini-stroke in the last 3 months: the circulation is not "
            "yet stable. Do not massage until a physician has cleared treatment."
        ),
        physician_sentence=(
            "The client reports a myocardial infarction, stroke or transient ischaemic attack "
            "within the last 3 months."
        ),
        source=WHOLE_BODY_SOURCES,
    ),
    Rule(
        id="uncontrolled_blood_pressure",
        tier=REFER,
        when=Yes("blood_pressure_uncontrolled"),
        reason=(
            "High blood pressure that is not under control. Do not massage until a physician "
            "has cleared treatment."
        ),
        physician_sentence="The client reports high blood pressure that is not controlled.",
        source=WHOLE_BODY_SOURCES,
    ),
    Rule(
        id="heart_or_kidney_failure",
        tier=REFER,
        when=Yes("heart_or_kidney_failure"),
        reason=(
            "Heart or kidney failure: massage moves fluid the body may not cope with. Do not "
            "massage until a physician has cleared treatment."
        ),
        physician_sentence="The client reports heart failure or kidney failure.",
        source=WHOLE_BODY_SOURCES,
    ),
    # Caution: massage may go ahead with the modification, shown on every session.
    Rule(
        id="age_new_episode",
        tier=CAUTION,
        # Only neck or back pain (the flag is about the spine), not a shoulder or limb alone.
        when=All(Yes("first_episode"), PainIn(*SPINE), AgeOutside(20, 50)),
        reason=(
            "A first episode of {spinal_pain} under age 20 or over 50 is slightly more likely to "
            "have a serious cause. Note it; refer only if another warning sign is present."
        ),
        physician_sentence=(
            "The client is having a first episode of {spinal_pain} at an age (under 20 or over "
            "50) at which a serious cause is slightly more likely."
        ),
        source=f"{IFOMPT}; {ACP}",
    ),
    Rule(
        id="old_major_trauma",
        tier=CAUTION,
        when=All(
            AnswerIs("pain_onset", "after_major_trauma"),
            AnswerIn("pain_duration", "6_to_12_weeks", "over_12_weeks"),
        ),
        reason=(
            "{Pain} that began after a serious accident more than 6 weeks ago: an old injury. Ask "
            "whether it was assessed by a physician at the time, and refer if it never was or "
            "if it is getting worse."
        ),
        physician_sentence=(
            "The client reports that {the_pain} began after major trauma more than 6 weeks ago."
        ),
        source=IFOMPT,
    ),
    Rule(
        id="dizziness_alone",
        tier=CAUTION,
        when=All(Yes("dizziness_new"), Not(NECK_SIGNS_WITH_DIZZINESS)),
        reason=(
            "New dizziness or spinning, with no neck, head or stroke sign: ask when and how it "
            "happens; let the client rise slowly from the table; refer if it keeps coming back."
        ),
        physician_sentence="The client reports new dizziness without other neurological signs.",
        source=IFOMPT_CX,
        restriction=(
            "Let the client rise slowly from the table; no sustained end-range neck positions "
            "(dizziness)."
        ),
    ),
    Rule(
        id="night_pain_alone",
        tier=CAUTION,
        when=All(
            Yes("night_pain_unrelieved"),
            Not(NIGHT_PAIN_COMPANIONS),
        ),
        reason=(
            "Pain day and night with no other warning sign: ask whether any position eases it "
            "(night pain is common with a frozen shoulder or rotator cuff pain); refer if nothing "
            "ever does."
        ),
        physician_sentence="The client reports constant pain, day and night.",
        source=f"{COCHRANE_CANCER}; {BESS}",
    ),
    Rule(
        id="cancer_history_stable",
        tier=CAUTION,
        when=All(PAST_CANCER, Not(CANCER_MATTERS_NOW)),
        reason=(
            "A past cancer, with {pain} that is not new or changing: ask the type of cancer, when "
            "it was, and the treatment; refer if it was in the last 5 years."
        ),
        physician_sentence="The client reports a past history of cancer.",
        source=f"{COCHRANE_CANCER}; {NICE_NG12}",
    ),
    Rule(
        id="fever_postpone",
        tier=CAUTION,
        # Fever with neck, back or buttock pain is fever_infection; with a hot joint, septic_joint.
        when=All(
            Yes("fever_unwell"),
            Not(PainIn(*SPINE, *BUTTOCKS)),
            Not(Yes("joint_hot_red_swollen")),
        ),
        reason=(
            "Fever, chills or feeling unwell: postpone massage until the client is well again. "
            "No letter is needed."
        ),
        physician_sentence="The client reports fever, chills or feeling generally unwell.",
        source=f"{BATAVIA}; {WERNER}",
        restriction="Postpone massage until the client is well (fever or feeling unwell).",
    ),
    Rule(
        id="radicular_pain",
        tier=CAUTION,
        # Symptoms in both legs are the emergency rule bilateral_leg_symptoms instead.
        when=All(
            Yes("one_leg_pain_below_knee", "one_leg_numbness_tingling"),
            Not(Yes("both_legs_symptoms")),
        ),
        reason=(
            "Pain below the knee or numbness in one leg suggests an irritated nerve root "
            "(sciatica). Gentle work only; massage should not be the only treatment."
        ),
        physician_sentence=(
            "The client reports one-sided leg pain below the knee or one-sided leg numbness or "
            "tingling, suggesting radicular pain."
        ),
        source=NICE_NG59,
        restricts_techniques=(DEEP_PRESSURE,),
        restriction="Gentle work only; no deep pressure along the nerve (sciatica).",
    ),
    Rule(
        id="one_arm_nerve",
        tier=CAUTION,
        when=Yes("one_arm_pain_or_tingling"),
        reason=(
            "Pain, numbness or tingling down one arm suggests an irritated nerve in the neck or "
            "arm. Gentle work only; no deep pressure along the nerve or over the scalenes."
        ),
        physician_sentence=(
            "The client reports pain, numbness or tingling down one arm, suggesting cervical "
            "radicular pain."
        ),
        source=f"{IFOMPT_CX}; {ARTUS}",
        restricts_techniques=(DEEP_PRESSURE,),
        restriction=(
            "Gentle work only; no deep pressure along the arm's nerve or over the scalenes."
        ),
    ),
    Rule(
        id="anticoagulation",
        tier=CAUTION,
        when=Yes("anticoagulants", "bleeding_disorder"),
        reason=(
            "Blood thinners, a bleeding disorder or low platelets mean deep pressure can cause "
            "bruising or bleeding under the skin."
        ),
        physician_sentence="The client reports anticoagulant use or a bleeding disorder.",
        source=BATAVIA,
        restricts_techniques=(DEEP_PRESSURE,),
        restriction="No deep tissue or forceful pressure (anticoagulants or bleeding disorder).",
    ),
    Rule(
        id="osteoporosis",
        tier=CAUTION,
        when=Yes("osteoporosis"),
        reason=(
            "Osteoporosis makes bones fragile; forceful pressure or joint work could break a bone."
        ),
        physician_sentence="The client reports osteoporosis.",
        source=BATAVIA,
        restricts_techniques=(DEEP_PRESSURE,),
        restriction="Light pressure, no forceful joint work (osteoporosis).",
    ),
    Rule(
        id="skin_wounds",
        tier=CAUTION,
        when=Yes("skin_wounds_or_infection"),
        reason="Open or healing wounds, burns or skin infections can be hurt or spread by massage.",
        physician_sentence="The client reports open or healing wounds, burns or a skin infection.",
        source=BATAVIA,
        restriction="Avoid the area of any wound, burn or skin infection.",
    ),
    Rule(
        id="radiation_area",
        tier=CAUTION,
        when=Yes("radiation_treated_area"),
        reason="Skin and tissue treated with radiation are fragile.",
        physician_sentence="The client reports an area treated with radiotherapy.",
        source=BATAVIA,
        restricts_techniques=(DEEP_PRESSURE,),
        restriction="No deep pressure on the area treated with radiation.",
    ),
    Rule(
        id="pregnancy",
        tier=CAUTION,
        # A high-risk pregnancy is the refer rule high_risk_pregnancy instead.
        when=All(Yes("pregnant"), Not(Yes("pregnancy_high_risk"))),
        reason=(
            "Pregnancy: position and pressure need adjusting; check with the client's midwife or "
            "physician if unsure."
        ),
        physician_sentence="The client reports an uncomplicated pregnancy.",
        source=BATAVIA,
        restricts_techniques=(DEEP_PRESSURE,),
        restriction="Side-lying positions, no deep pressure on the legs (pregnancy).",
    ),
    Rule(
        id="allergies",
        tier=CAUTION,
        when=Yes("allergies_oils_latex"),
        reason="The client is allergic to some oils, lotions or latex.",
        physician_sentence="The client reports an allergy to massage oils, lotions or latex.",
        source=BATAVIA,
        restriction="Use a product the client is not allergic to; no latex gloves.",
    ),
    # Caution, version 2: whole-body cautions.
    Rule(
        id="varicose_veins",
        tier=CAUTION,
        when=Yes("varicose_veins"),
        reason="Varicose veins can be damaged, or a clot in them disturbed, by pressure.",
        physician_sentence="The client reports varicose veins.",
        source=WHOLE_BODY_SOURCES,
        restriction="No pressure over the varicose veins.",
    ),
    Rule(
        id="lymphoedema",
        tier=CAUTION,
        when=Yes("lymphoedema"),
        reason=(
            "Lymphoedema or lymph nodes removed: deep work on that limb can make the swelling "
            "worse."
        ),
        physician_sentence="The client reports lymphoedema or removal of lymph nodes.",
        source=WHOLE_BODY_SOURCES,
        restricts_techniques=(DEEP_PRESSURE,),
        restriction="Light pressure only on the affected limb, no deep work there (lymphoedema).",
    ),
    Rule(
        id="diabetic_neuropathy",
        tier=CAUTION,
        when=Yes("diabetes_reduced_feeling"),
        reason=(
            "Diabetes with reduced feeling in the feet or hands: the client may not feel too "
            "much pressure or a skin injury."
        ),
        physician_sentence=(
            "The client reports diabetes with reduced sensation in the feet or hands."
        ),
        source=WHOLE_BODY_SOURCES,
        restricts_techniques=(DEEP_PRESSURE,),
        restriction="Light pressure; check the skin of the feet and hands (reduced feeling).",
    ),
    Rule(
        id="acute_injury",
        tier=CAUTION,
        when=Yes("injury_last_72_hours"),
        reason="An injury in the last 72 hours is still acutely inflamed.",
        physician_sentence="The client reports an injury within the last 72 hours.",
        source=WHOLE_BODY_SOURCES,
        restriction="Avoid the injured area (injury in the last 72 hours).",
    ),
)

RULES_BY_ID = {rule.id: rule for rule in RULES}


def rules_by_tier():
    """(tier, its rules in rule order) for each tier that has rules, most urgent first."""
    grouped = [(tier, [rule for rule in RULES if rule.tier == tier]) for tier in TIER_ORDER]
    return [(tier, rules) for tier, rules in grouped if rules]
