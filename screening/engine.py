"""screen(): one intake's answers through the rules (screening/rules.py).

The screening reads answers as given: an unanswered question is absent and never fires a
rule, but a required screening question left unanswered makes the result `incomplete` (ask in
person) unless an emergency or refer rule fired; it is never `clear`. So do a "not sure" to a
nerve or stroke question, a medicine that needs a word, and red-flag words in the client's
own text. A medicine named in the free text (screening/medications.py) counts as a yes to its
class's question, even over a "no", and the flag's reason names it. Reasons name the
client's own region from the pain map.
"""

from dataclasses import dataclass

from screening.conditions import _unique
from screening.medications import find_medicines
from screening.own_words import find_red_flag_words
from screening.questions import (
    LEGACY_DIZZINESS,
    QUESTIONS,
    AnswersError,
    unanswered_screening,
    validate_answers,
)
from screening.rules import RULES, RULES_VERSION, SPINE
from screening.tiers import CLEAR, INCOMPLETE, TIER_LABELS, TIER_ORDER, urgency


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
class AskInPerson:
    """One thing the therapist asks the client in person before massage (the `incomplete`
    tier's causes). The therapist's answer to the yes/no screening question `question`
    settles it (intake in-person answers)."""

    id: str  # the question id, or "medicine:<generic>", or "words:<field>:<word>"
    ask: str  # what to ask, in words
    question: str  # the yes/no screening question whose in-person answer settles it
    cause: str  # UNANSWERED, NOT_SURE, MEDICINE or WORDS

    def as_dict(self):
        return {"id": self.id, "ask": self.ask, "question": self.question, "cause": self.cause}


# The causes of an ask in person.
UNANSWERED = "unanswered"
NOT_SURE = "not_sure"
MEDICINE = "medicine"
WORDS = "words"


@dataclass(frozen=True)
class ScreeningResult:
    tier: str
    flags: tuple[Flag, ...]
    rules_version: str = RULES_VERSION
    # Required screening questions with no answer, in catalogue order, whatever the tier.
    unanswered: tuple[str, ...] = ()
    # Everything to ask in person before massage (unanswered ones included), whatever the tier.
    ask_in_person: tuple[AskInPerson, ...] = ()

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
        """The JSON shape of docs/clinical/intake-questions.md, plus each flag's physician
        sentence."""
        return {
            "tier": self.tier,
            "flags": [flag.as_dict() for flag in self.flags],
            "unanswered": list(self.unanswered),
            "ask_in_person": [ask.as_dict() for ask in self.ask_in_person],
        }


def age_on(date_of_birth, on_date):
    """Age in whole years on `on_date`; the birthday itself counts.

    Someone born on 29 February turns a year older on 1 March in a non-leap year (the
    comparison of (month, day) below gives that without a special case).
    """
    if date_of_birth > on_date:
        raise ValueError(f"date of birth {date_of_birth} is after {on_date}")
    before_birthday = (on_date.month, on_date.day) < (date_of_birth.month, date_of_birth.day)
    return on_date.year - date_of_birth.year - before_birthday


# Pain-map areas by the region a sentence names ("neck pain", "shoulder pain").
REGION_OF_AREA = {
    "head": "head",
    "neck": "neck",
    "shoulder_left": "shoulder",
    "shoulder_right": "shoulder",
    "arm_left": "arm",
    "arm_right": "arm",
    "hand_left": "hand",
    "hand_right": "hand",
    "chest": "chest",
    "upper_back": "back",
    "abdomen": "belly",
    "lower_back_left": "back",
    "lower_back_right": "back",
    "buttock_left": "buttock",
    "buttock_right": "buttock",
    "hip_left": "hip",
    "hip_right": "hip",
    "thigh_left": "leg",
    "thigh_right": "leg",
    "leg_below_knee_left": "leg",
    "leg_below_knee_right": "leg",
    "foot_left": "foot",
    "foot_right": "foot",
}


def pain_in_words(answers, areas=None, default="pain"):
    """The client's own region: "neck pain", "neck and back pain"; `default` when no area (of
    `areas`, if given) is marked or more than two regions are."""
    regions = _unique(
        REGION_OF_AREA[area]
        for area in answers.get("pain_areas") or ()
        if area in REGION_OF_AREA and (areas is None or area in areas)
    )
    if not regions or len(regions) > 2:
        return default
    return f"{' and '.join(regions)} pain"


def _wording(answers):
    """The words a reason's {placeholders} take for this client."""
    pain = pain_in_words(answers)
    return {
        "pain": pain,
        "Pain": pain[0].upper() + pain[1:],
        "the_pain": f"the {pain}",
        "spinal_pain": pain_in_words(answers, SPINE, default="neck or back pain"),
    }


def _flag(rule, answers, age, medicines=()):
    words = _wording(answers)
    extra = [addendum for addendum in rule.addenda if addendum.when(answers, age)]
    # The medicines that counted as a yes to a question this rule reads, named in its words.
    named = [m for m in medicines if m.question_id in rule.when.question_ids]
    medicine_reason = [f"{m.in_words()}." for m in named]
    medicine_sentence = [
        f"The client lists {m.medicine}, {m.drug_class.description}." for m in named
    ]
    return Flag(
        rule_id=rule.id,
        tier=rule.tier,
        reason=" ".join(
            [*medicine_reason, rule.reason.format(**words), *(a.reason for a in extra)]
        ),
        physician_sentence=" ".join(
            [
                rule.physician_sentence.format(**words),
                *medicine_sentence,
                *(addendum.physician_sentence for addendum in extra),
            ]
        ),
        source=rule.source,
        restriction=rule.restriction,
        restricts_techniques=rule.restricts_techniques,
    )


# "Not sure" on these means: ask in person today, before massage (a yes means care today);
# nobody goes to hospital on a "not sure". Elsewhere "not sure" counts as yes: a therapist
# cannot rule out chest pain or a clot in the calf by asking.
ASK_IF_NOT_SURE = frozenset(
    {
        "saddle_numbness",
        "bladder_change",
        "bowel_change",
        "sexual_function_change",
        "erection_ejaculation_change",
        "both_legs_symptoms",
        "leg_weakness_worsening",
        "sudden_severe_headache",
        "double_vision",
        "speech_or_swallowing_trouble",
        "face_numbness",
        "dizziness_new",
        "dizziness_or_drop_attacks",
        "drop_attacks",
    }
)


# What a yes in person means, where it is not care today.
NOT_SURE_THEN = {
    "dizziness_new": (
        "a yes is a caution, or care today with neck pain, a headache or a stroke sign"
    ),
    "drop_attacks": "a yes means a physician before massage",
}


def _with_legacy_dizziness(answers):
    """Version 2's one dizziness question reads as version 3's dizziness_new."""
    legacy = answers.get(LEGACY_DIZZINESS)
    if legacy is None or answers.get("dizziness_new") is not None:
        return answers
    answers = {**answers, "dizziness_new": legacy}
    if LEGACY_DIZZINESS in answers.get("not_sure", ()):
        answers["not_sure"] = [*answers["not_sure"], "dizziness_new"]
    return answers


def _label(question_id):
    return QUESTIONS[question_id].label


def _asks_and_rule_answers(answers, age, settled):
    """What to ask in person, and the answers the rules read: a "not sure" to an emergency
    question is unknown, a medicine of a listed class is a yes to its question (even over a
    "no"), unless it was written as past use or needs a word first."""
    asks = [
        AskInPerson(id, f"Ask: {_label(id)}", id, UNANSWERED)
        for id in unanswered_screening(answers, age)
    ]
    rule_answers = dict(answers)
    for id in answers.get("not_sure", ()):
        if id in ASK_IF_NOT_SURE and id != LEGACY_DIZZINESS:
            rule_answers.pop(id, None)
            then = NOT_SURE_THEN.get(id, "a yes means care today")
            asks.append(
                AskInPerson(
                    id,
                    f"The client answered \u201cnot sure\u201d: {_label(id)} Ask in person "
                    f"today, before massage; {then}.",
                    id,
                    NOT_SURE,
                )
            )
    medicines = []
    for field in ("medications", "conditions"):
        found = find_medicines(
            answers.get(field, ""), field=field, cancer_history=answers.get("cancer_history")
        )
        for medicine in found:
            if any(m.generic == medicine.generic for m in medicines):
                continue
            medicines.append(medicine)
    counted = [m for m in medicines if m.counts]
    for medicine in medicines:
        if medicine.ask and medicine.ask_question not in settled:
            asks.append(
                AskInPerson(
                    f"medicine:{medicine.generic}", medicine.ask, medicine.ask_question, MEDICINE
                )
            )
    rule_answers.update({m.question_id: True for m in counted})
    for hit in find_red_flag_words(answers):
        question = hit.rule.question
        if question in settled or rule_answers.get(question) is True:
            continue
        asks.append(AskInPerson(hit.id, hit.ask, question, WORDS))
    return tuple(asks), rule_answers, tuple(counted)


def screen(answers, on_date, in_person=None):
    """Screen one intake's answers on `on_date` (the intake's date).

    `in_person` maps yes/no screening question ids to the answers the therapist recorded by
    asking the client in person: each replaces the client's answer (a "not sure" included)
    and settles every ask in person that names that question.

    The answers are validated first (so a mistyped answer raises AnswersError instead of
    silently not firing a rule); already-cleaned answers pass unchanged. Flags come most
    urgent first, in rule order within a tier; the overall tier is the most urgent fired, or
    `incomplete` when anything is to be asked in person (an unanswered required question, a
    "not sure" to an emergency question, a medicine or words that need a word) and no
    emergency or refer rule fired.
    """
    answers = validate_answers(answers)
    settled = frozenset(in_person or ())
    if in_person:
        answers = {**answers, **in_person}
        not_sure = [id for id in answers.get("not_sure", ()) if id not in settled]
        answers = {k: v for k, v in answers.items() if k != "not_sure"}
        if not_sure:
            answers["not_sure"] = not_sure
    dob = answers.get("date_of_birth")
    if dob is not None and dob > on_date:
        raise AnswersError(
            {"date_of_birth": f"'date_of_birth' {dob} is after the screening date {on_date}"}
        )
    age = age_on(dob, on_date) if dob is not None else None
    answers = _with_legacy_dizziness(answers)
    asks, rule_answers, medicines = _asks_and_rule_answers(answers, age, settled)
    fired = [
        _flag(rule, rule_answers, age, medicines) for rule in RULES if rule.when(rule_answers, age)
    ]
    fired.sort(key=lambda flag: TIER_ORDER.index(flag.tier))  # sort is stable
    tier = fired[0].tier if fired else CLEAR
    # Unknown is not no: with anything to ask in person the result is never clear, but it
    # never hides an emergency or a referral either.
    if asks and urgency(tier) > urgency(INCOMPLETE):
        tier = INCOMPLETE
    unanswered = tuple(ask.id for ask in asks if ask.cause == UNANSWERED)
    return ScreeningResult(tier=tier, flags=tuple(fired), unanswered=unanswered, ask_in_person=asks)
