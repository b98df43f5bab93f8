"""Red-flag screening before massage: the rules of red-flags.md as data, and screen().

Each rule is a few lines a clinician can review: its tier, the reason shown to the therapist,
the sentence for a referral letter, the guideline it comes from, and a predicate over the
answers (by the ids of intake/questions.py) and the client's age on the day of the intake.

The screening reads answers exactly as given: an unanswered question is absent and never
fires a rule, and nothing is inferred from free text or from the pain-area map.
Bump RULES_VERSION whenever a rule, tier or wording changes, so a stored result can be traced
to the rules that produced it.
"""

from collections.abc import Callable
from dataclasses import dataclass

from intake.questions import AnswersError, validate_answers
from intake.tiers import CAUTION, CLEAR, EMERGENCY, REFER, TIER_LABELS, TIER_ORDER

RULES_VERSION = "2026.11.2"


# Technique ids that cautions can exclude (complaints-and-techniques.md). Session notes import
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
# What the deep-pressure cautions exclude (complaints-and-techniques.md).
DEEP_PRESSURE = (
    DEEP_TISSUE,
    ISCHEMIC_COMPRESSION,
    TRIGGER_POINT_FULL_PRESSURE,
    FORCEFUL_STRETCHING,
)

# Sources, as red-flags.md and complaints-and-techniques.md cite them.
NICE_NG59 = "NICE NG59 (low back pain and sciatica)"
NHS_CES = "NHS cauda equina syndrome and sciatica pages"
BMJ_CES = "BMJ Best Practice: cauda equina syndrome"
IFOMPT = "IFOMPT international framework for red flags (Finucane et al., 2020)"
ACP = "ACP 2017 low back pain guideline"
NICE_NG12 = "NICE NG12 (suspected cancer)"
COCHRANE_CANCER = "Cochrane CD008686 (red flags for malignancy in low back pain)"
BATAVIA = "Batavia 2004, Contraindications for therapeutic massage: do sources agree?"
CES_SOURCES = f"{NICE_NG59}; {NHS_CES}; {BMJ_CES}; {IFOMPT}"

Answers = dict
Predicate = Callable[[Answers, int | None], bool]


def yes(answers, *ids):
    """True when any of the questions was answered yes. Unanswered is not yes."""
    return any(answers.get(id) is True for id in ids)


@dataclass(frozen=True)
class Addendum:
    """Extra wording for a rule when a further answer makes it more serious."""

    when: Predicate
    reason: str
    physician_sentence: str


@dataclass(frozen=True)
class Rule:
    id: str
    tier: str
    reason: str
    physician_sentence: str
    source: str
    predicate: Predicate
    restricts_techniques: tuple[str, ...] = ()
    restriction: str = ""
    addenda: tuple[Addendum, ...] = ()


@dataclass(frozen=True)
class Flag:
    rule_id: str
    tier: str
    reason: str
    physician_sentence: str
    source: str
    restriction: str
    restricts_techniques: tuple[str, ...] = ()

    def as_dict(self):
        return {
            "id": self.rule_id,
            "tier": self.tier,
            "reason": self.reason,
            "source": self.source,
            "physician_sentence": self.physician_sentence,
        }


@dataclass(frozen=True)
class ScreeningResult:
    tier: str
    flags: tuple[Flag, ...]
    rules_version: str = RULES_VERSION

    @property
    def label(self):
        return TIER_LABELS[self.tier]

    @property
    def excluded_techniques(self):
        """Techniques no session should suggest for this client."""
        return frozenset(t for flag in self.flags for t in flag.restricts_techniques)

    @property
    def restrictions(self):
        """The modification sentences to show on every session, most urgent first."""
        return tuple(flag.restriction for flag in self.flags if flag.restriction)

    def as_dict(self):
        """The JSON shape of intake-questions.md (plus each flag's physician sentence)."""
        return {"tier": self.tier, "flags": [flag.as_dict() for flag in self.flags]}


def age_on(date_of_birth, on_date):
    """Age in whole years on `on_date`; the birthday itself counts.

    Someone born on 29 February turns a year older on 1 March in a non-leap year (the
    comparison of (month, day) below gives that without a special case).
    """
    if date_of_birth > on_date:
        raise ValueError(f"date of birth {date_of_birth} is after {on_date}")
    before_birthday = (on_date.month, on_date.day) < (date_of_birth.month, date_of_birth.day)
    return on_date.year - date_of_birth.year - before_birthday


def _onset(answers):
    return answers.get("pain_onset")


def _age_new_episode(answers, age):
    # "Under 20 or over 50" in whole years: 19 and 51 fire; 20 and 50 do not.
    return yes(answers, "first_episode") and age is not None and (age < 20 or age > 50)


def _radicular(answers, age):
    # Symptoms in both legs are the emergency rule bilateral_leg_symptoms instead.
    one_leg = yes(answers, "one_leg_pain_below_knee", "one_leg_numbness_tingling")
    return one_leg and not yes(answers, "both_legs_symptoms")


RULES = (
    # Emergency: do not massage; the client needs care today.
    Rule(
        "saddle_numbness",
        EMERGENCY,
        "New numbness in the saddle area can mean pressure on the nerves at the base of the "
        "spine (cauda equina syndrome). Do not massage; the client needs emergency care today.",
        "The client reports new numbness or tingling in the saddle area.",
        CES_SOURCES,
        lambda a, age: yes(a, "saddle_numbness"),
    ),
    Rule(
        "bladder_dysfunction",
        EMERGENCY,
        "New trouble passing urine or leaking can mean pressure on the nerves at the base of "
        "the spine (cauda equina syndrome). Do not massage; the client needs emergency care "
        "today.",
        "The client reports new bladder symptoms (difficulty voiding, poor stream, reduced "
        "bladder sensation or incontinence).",
        CES_SOURCES,
        lambda a, age: yes(a, "bladder_change"),
    ),
    Rule(
        "bowel_dysfunction",
        EMERGENCY,
        "New loss of bowel control or of the urge to go can mean pressure on the nerves at the "
        "base of the spine (cauda equina syndrome). Do not massage; the client needs emergency "
        "care today.",
        "The client reports new bowel incontinence or loss of rectal sensation.",
        CES_SOURCES,
        lambda a, age: yes(a, "bowel_change"),
    ),
    Rule(
        "bilateral_leg_symptoms",
        EMERGENCY,
        "Pain, numbness or weakness in both legs can mean pressure on the nerves at the base of "
        "the spine (cauda equina syndrome). Do not massage; the client needs emergency care "
        "today.",
        "The client reports pain, numbness or weakness in both legs, or sciatica that has "
        "spread from one leg to both.",
        CES_SOURCES,
        lambda a, age: yes(a, "both_legs_symptoms"),
    ),
    Rule(
        "progressive_leg_weakness",
        EMERGENCY,
        "Leg weakness that is severe or getting worse (foot drop, knee giving way) means a nerve "
        "is losing function. Do not massage; the client needs emergency care today.",
        "The client reports severe or progressive leg weakness, such as foot drop or the knee "
        "giving way.",
        f"{NICE_NG59}; {IFOMPT}",
        lambda a, age: yes(a, "leg_weakness_worsening"),
    ),
    Rule(
        "sexual_dysfunction",
        EMERGENCY,
        "A new change in erection, ejaculation or genital sensation can mean pressure on the "
        "nerves at the base of the spine (cauda equina syndrome). Do not massage; the client "
        "needs emergency care today.",
        "The client reports a new change in sexual function or genital sensation.",
        CES_SOURCES,
        lambda a, age: yes(a, "sexual_function_change"),
    ),
    Rule(
        "major_trauma",
        EMERGENCY,
        "Pain that began after a serious accident may come from a broken bone in the spine. Do "
        "not massage; the client needs emergency care today.",
        "The client reports that the pain began after major trauma.",
        f"{IFOMPT}; {NICE_NG59}",
        lambda a, age: _onset(a) == "after_major_trauma",
    ),
    Rule(
        "chest_pain",
        EMERGENCY,
        "Chest pain with back pain can come from the heart or a major blood vessel. Do not "
        "massage; the client needs emergency care today.",
        "The client reports chest pain together with the back pain.",
        IFOMPT,
        lambda a, age: yes(a, "chest_pain"),
    ),
    Rule(
        "possible_dvt",
        EMERGENCY,
        "Pain in one calf or thigh with swelling, warmth or redness can be a blood clot in a "
        "deep vein (DVT); massage could move it to the lungs. Do not massage; the client needs "
        "medical assessment today.",
        "The client reports one-sided calf or thigh pain with swelling, warmth or redness, "
        "raising the possibility of deep vein thrombosis.",
        IFOMPT,
        lambda a, age: yes(a, "calf_pain_swelling"),
        addenda=(
            Addendum(
                lambda a, age: yes(a, "breathless", "chest_pain"),
                "With breathlessness or chest pain the clot may already have reached the lungs "
                "(pulmonary embolism): call the emergency number now.",
                "The client also reports breathlessness or chest pain, raising the possibility "
                "of pulmonary embolism.",
            ),
        ),
    ),
    # Refer: no massage until a physician has seen the client and cleared treatment.
    Rule(
        "fever_infection",
        REFER,
        "Fever, chills or feeling unwell with back pain can be a sign of an infection in the "
        "spine. Do not massage until a physician has seen the client.",
        "The client reports fever, chills or feeling generally unwell with the back pain.",
        ACP,
        lambda a, age: yes(a, "fever_unwell"),
        addenda=(
            Addendum(
                lambda a, age: yes(a, "iv_drug_use"),
                "The risk is higher because the client injects drugs: urge them to see a "
                "physician today.",
                "The client also reports intravenous drug use.",
            ),
            Addendum(
                lambda a, age: yes(a, "immunosuppressed"),
                "The risk is higher because the client's immune system is weakened: urge them "
                "to see a physician today.",
                "The client also reports being immunosuppressed.",
            ),
            Addendum(
                lambda a, age: yes(a, "recent_infection"),
                "The risk is higher after the client's recent bacterial infection.",
                "The client also reports a bacterial infection treated with antibiotics in "
                "the last 3 months.",
            ),
        ),
    ),
    Rule(
        "cancer_history",
        REFER,
        "A history of cancer is the strongest single warning sign that back pain may come from "
        "cancer in the spine. Do not massage until a physician has seen the client.",
        "The client reports a history of cancer.",
        f"{COCHRANE_CANCER}; {ACP}",
        lambda a, age: yes(a, "cancer_history"),
    ),
    Rule(
        "weight_loss",
        REFER,
        "Losing weight without trying, with back pain, can be a sign of cancer. Do not massage "
        "until a physician has seen the client.",
        "The client reports unexplained weight loss.",
        f"{NICE_NG12}; {ACP}",
        lambda a, age: yes(a, "weight_loss_unexplained"),
        addenda=(
            Addendum(
                lambda a, age: age is not None and age >= 60,
                "At 60 or over, back pain with weight loss calls for an urgent check for cancer.",
                "At 60 or over, NICE NG12 suggests urgent investigation for back pain with "
                "weight loss.",
            ),
        ),
    ),
    Rule(
        "night_pain",
        REFER,
        "Pain that is much worse at night or not eased by rest or any position is not typical "
        "of muscle pain and can be a sign of cancer or infection. Do not massage until a "
        "physician has seen the client.",
        "The client reports pain that is much worse at night or not relieved by rest or any "
        "position.",
        ACP,
        lambda a, age: yes(a, "night_pain_unrelieved"),
    ),
    Rule(
        "worsening_after_month",
        REFER,
        "Back pain that has not improved after a month and is getting worse needs a physician's "
        "assessment. Do not massage until a physician has seen the client.",
        "The client reports back pain that has not improved after a month and is worsening.",
        ACP,
        lambda a, age: yes(a, "worsening_after_month"),
    ),
    Rule(
        "back_deformity",
        REFER,
        "A lump, swelling or change in the shape of the back can come from a fracture, "
        "infection or tumour. Do not massage until a physician has seen the client.",
        "The client reports a lump, swelling or change in the shape of the back.",
        ACP,
        lambda a, age: yes(a, "back_lump_or_deformity"),
    ),
    Rule(
        "fracture_risk",
        REFER,
        "Fragile bones (osteoporosis or long-term steroid tablets) with pain that started after "
        "a minor fall or lift can be a broken bone in the spine. Do not massage until a "
        "physician has seen the client.",
        "The client reports osteoporosis or long-term oral steroid use, with pain that began "
        "after a minor fall or lift, raising the possibility of a vertebral fracture.",
        ACP,
        lambda a, age: (
            yes(a, "osteoporosis", "long_term_steroids") and _onset(a) == "after_minor_strain"
        ),
        restricts_techniques=DEEP_PRESSURE,
        restriction="Light pressure only, no forceful joint work (fragile bones).",
    ),
    Rule(
        "recent_clot",
        REFER,
        "A blood clot in a vein now or in the last 3 months could be moved by massage. Do not "
        "massage until a physician has cleared treatment.",
        "The client reports a deep vein thrombosis now or within the last 3 months.",
        BATAVIA,
        lambda a, age: yes(a, "blood_clot_recent"),
        restricts_techniques=DEEP_PRESSURE,
        restriction="No deep or forceful pressure; never massage the limb with the clot.",
    ),
    Rule(
        "recent_fracture",
        REFER,
        "A bone broken in the last 8 weeks is still healing. Do not massage until a physician "
        "has cleared treatment.",
        "The client reports a fracture within the last 8 weeks.",
        BATAVIA,
        lambda a, age: yes(a, "recent_fracture"),
        restricts_techniques=DEEP_PRESSURE,
        restriction="No deep or forceful pressure near the fracture (healing bone).",
    ),
    Rule(
        "recent_surgery",
        REFER,
        "Surgery in the last 6 weeks: tissues are still healing and the risk of a clot is "
        "higher. Do not massage until a physician has cleared treatment.",
        "The client reports surgery within the last 6 weeks.",
        BATAVIA,
        lambda a, age: yes(a, "recent_surgery"),
        restricts_techniques=DEEP_PRESSURE,
        restriction="No deep pressure near the surgical site until 6 weeks after surgery.",
    ),
    Rule(
        "high_risk_pregnancy",
        REFER,
        "A high-risk pregnancy needs the client's physician or midwife to clear massage first. "
        "Do not massage until they have.",
        "The client reports a high-risk pregnancy.",
        BATAVIA,
        lambda a, age: yes(a, "pregnancy_high_risk"),
        restricts_techniques=DEEP_PRESSURE,
        restriction="Side-lying positions, no deep pressure on the legs (pregnancy).",
    ),
    Rule(
        "cancer_treatment",
        REFER,
        "The client is being treated for cancer now. Do not massage until the client's "
        "physician or oncologist has cleared treatment.",
        "The client reports current cancer treatment.",
        BATAVIA,
        lambda a, age: yes(a, "cancer_treatment_now"),
        restricts_techniques=DEEP_PRESSURE,
        restriction="No deep pressure without the oncologist's clearance (cancer treatment).",
    ),
    # Caution: massage may go ahead with the modification, shown on every session.
    Rule(
        "age_new_episode",
        CAUTION,
        "A first episode of back pain under age 20 or over 50 is slightly more likely to have a "
        "serious cause. Note it; refer only if another warning sign is present.",
        "The client is having a first episode of back pain at an age (under 20 or over 50) at "
        "which a serious cause is slightly more likely.",
        f"{IFOMPT}; {ACP}",
        _age_new_episode,
    ),
    Rule(
        "radicular_pain",
        CAUTION,
        "Pain below the knee or numbness in one leg suggests an irritated nerve root (sciatica). "
        "Gentle work only; massage should not be the only treatment.",
        "The client reports one-sided leg pain below the knee or one-sided leg numbness or "
        "tingling, suggesting radicular pain.",
        NICE_NG59,
        _radicular,
        restricts_techniques=DEEP_PRESSURE,
        restriction="Gentle work only; no deep pressure along the nerve (sciatica).",
    ),
    Rule(
        "anticoagulation",
        CAUTION,
        "Blood thinners, a bleeding disorder or low platelets mean deep pressure can cause "
        "bruising or bleeding under the skin.",
        "The client reports anticoagulant use or a bleeding disorder.",
        BATAVIA,
        lambda a, age: yes(a, "anticoagulants", "bleeding_disorder"),
        restricts_techniques=DEEP_PRESSURE,
        restriction="No deep tissue or forceful pressure (anticoagulants or bleeding disorder).",
    ),
    Rule(
        "osteoporosis",
        CAUTION,
        "Osteoporosis makes bones fragile; forceful pressure or joint work could break a bone.",
        "The client reports osteoporosis.",
        BATAVIA,
        lambda a, age: yes(a, "osteoporosis"),
        restricts_techniques=DEEP_PRESSURE,
        restriction="Light pressure, no forceful joint work (osteoporosis).",
    ),
    Rule(
        "skin_wounds",
        CAUTION,
        "Open or healing wounds, burns or skin infections can be hurt or spread by massage.",
        "The client reports open or healing wounds, burns or a skin infection.",
        BATAVIA,
        lambda a, age: yes(a, "skin_wounds_or_infection"),
        restriction="Avoid the area of any wound, burn or skin infection.",
    ),
    Rule(
        "radiation_area",
        CAUTION,
        "Skin and tissue treated with radiation are fragile.",
        "The client reports an area treated with radiotherapy.",
        BATAVIA,
        lambda a, age: yes(a, "radiation_treated_area"),
        restricts_techniques=DEEP_PRESSURE,
        restriction="No deep pressure on the area treated with radiation.",
    ),
    Rule(
        "pregnancy",
        CAUTION,
        "Pregnancy: position and pressure need adjusting; check with the client's midwife or "
        "physician if unsure.",
        "The client reports an uncomplicated pregnancy.",
        BATAVIA,
        # A high-risk pregnancy is the refer rule high_risk_pregnancy instead.
        lambda a, age: yes(a, "pregnant") and not yes(a, "pregnancy_high_risk"),
        restricts_techniques=DEEP_PRESSURE,
        restriction="Side-lying positions, no deep pressure on the legs (pregnancy).",
    ),
    Rule(
        "allergies",
        CAUTION,
        "The client is allergic to some oils, lotions or latex.",
        "The client reports an allergy to massage oils, lotions or latex.",
        BATAVIA,
        lambda a, age: yes(a, "allergies_oils_latex"),
        restriction="Use a product the client is not allergic to; no latex gloves.",
    ),
)

RULES_BY_ID = {rule.id: rule for rule in RULES}


def _flag(rule, answers, age):
    extra = [addendum for addendum in rule.addenda if addendum.when(answers, age)]
    return Flag(
        rule_id=rule.id,
        tier=rule.tier,
        reason=" ".join([rule.reason, *(addendum.reason for addendum in extra)]),
        physician_sentence=" ".join(
            [rule.physician_sentence, *(addendum.physician_sentence for addendum in extra)]
        ),
        source=rule.source,
        restriction=rule.restriction,
        restricts_techniques=rule.restricts_techniques,
    )


def screen(answers, on_date):
    """Screen one intake's answers on `on_date` (the intake's date).

    The answers are validated first (so a mistyped answer raises AnswersError instead of
    silently not firing a rule); already-cleaned answers pass unchanged. Flags come most
    urgent first, in rule order within a tier; the overall tier is the most urgent fired.
    """
    answers = validate_answers(answers)
    dob = answers.get("date_of_birth")
    if dob is not None and dob > on_date:
        raise AnswersError(
            {"date_of_birth": f"'date_of_birth' {dob} is after the screening date {on_date}"}
        )
    age = age_on(dob, on_date) if dob is not None else None
    fired = [_flag(rule, answers, age) for rule in RULES if rule.predicate(answers, age)]
    fired.sort(key=lambda flag: TIER_ORDER.index(flag.tier))  # sort is stable
    tier = fired[0].tier if fired else CLEAR
    return ScreeningResult(tier=tier, flags=tuple(fired))
