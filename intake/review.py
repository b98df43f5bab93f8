"""What the therapist reads when reviewing an intake: answers in words, and for each flag
the client's own answers that raised it.

The questions shown next to a flag are the ones its rule reads (Rule.question_ids, from the
rules in screening/rules.py), then the few in ALSO_SHOWN.
"""

from dataclasses import dataclass

from intake.flags import StoredFlag
from screening.answer_types import answer_type, as_date
from screening.engine import age_on
from screening.questions import (
    PAIN_AREAS,
    QUESTIONS,
    SECTIONS,
    questions_in_section,
)
from screening.rules import RULES_BY_ID

# Answers a rule does not read but the therapist wants beside its flag: the medicines named
# behind a yes to blood thinners, how long a worsening pain has lasted, and so on.
ALSO_SHOWN = {
    "worsening_after_month": ("pain_duration",),
    "high_risk_pregnancy": ("pregnant",),
    "anticoagulation": ("medications",),
    "fracture_risk": ("medications",),
    "cancer_treatment": ("medications",),
    "allergies": ("allergies",),
}

EMERGENCY_ADVICE = "Do not massage. The client was advised to seek care today."

PAIN_AREA_LABELS = dict(PAIN_AREAS)


def answer_in_words(question, value):
    """An answer as the therapist should read it; None when unanswered.

    Stored answers are JSON (dates as ISO strings); anything that no longer fits the
    catalogue is shown as it was stored rather than raising (its type's `in_words`).
    """
    if value is None or value == "" or value == []:
        return None
    return answer_type(question).in_words(question, value)


NOT_SURE_WORDS = "Not sure"


@dataclass(frozen=True)
class AnswerLine:
    id: str
    label: str
    answer: str | None  # None: not answered
    is_yes: bool = False  # a yes, or a not sure (stored as yes)
    is_not_sure: bool = False


def answered_not_sure(question_id, answers):
    """Whether the client answered "Not sure" (stored as yes, listed in `not_sure`)."""
    listed = answers.get("not_sure")
    return answers.get(question_id) is True and isinstance(listed, list) and question_id in listed


def _line(question_id, answers):
    question = QUESTIONS[question_id]
    value = answers.get(question_id)
    not_sure = answered_not_sure(question_id, answers)
    return AnswerLine(
        id=question_id,
        label=question.label,
        answer=NOT_SURE_WORDS if not_sure else answer_in_words(question, value),
        is_yes=value is True,
        is_not_sure=not_sure,
    )


def evidence_question_ids(rule_id):
    """The questions to show beside a flag of this rule: the ones it reads, then ALSO_SHOWN.

    A rule that no longer exists (a flag from an older rules version) has none.
    """
    rule = RULES_BY_ID.get(rule_id)
    if rule is None:
        return ()
    return tuple(dict.fromkeys((*rule.question_ids, *ALSO_SHOWN.get(rule_id, ()))))


def flag_evidence(flag, answers, on_date=None):
    """The client's answers behind one flag (intake.flags.StoredFlag): the related questions
    they answered (not "no").

    A flag from an older rules version whose rule no longer exists has no evidence listed
    (its reason is still shown).
    """
    if isinstance(flag, dict):  # a flag as the engine's as_dict() gives it
        flag = StoredFlag.from_dict(flag)
    lines = []
    for question_id in evidence_question_ids(flag.id):
        line = _line(question_id, answers)
        # A "no" did not raise the flag; only the answers that did are listed.
        if line.answer is None or answers.get(question_id) is False:
            continue
        if question_id == "date_of_birth" and on_date is not None:
            dob = as_date(answers.get("date_of_birth"))
            if dob is not None and dob <= on_date:
                line = AnswerLine(
                    id=line.id,
                    label=line.label,
                    answer=f"{line.answer} (age {age_on(dob, on_date)} on the intake date)",
                )
        lines.append(line)
    return lines


@dataclass(frozen=True)
class FlagView:
    id: str
    tier: str
    tier_label: str
    reason: str
    source: str
    restriction: str
    evidence: list


def flags_for_review(screening, answers):
    """A screening's stored flags, each with the client's answers that raised it."""
    if screening is None:
        return []
    return [
        FlagView(
            id=flag.id,
            tier=flag.tier,
            tier_label=flag.tier_label,
            reason=flag.reason,
            source=flag.source,
            restriction=flag.restriction,
            evidence=flag_evidence(flag, answers, screening.screened_on),
        )
        for flag in screening.flag_list
    ]


def asks_for_review(screening):
    """What the therapist asks in person before massage (intake.flags.StoredAsk): for
    screenings made before version 3, the required questions left unanswered."""
    return list(screening.asks) if screening is not None else []


@dataclass(frozen=True)
class SectionView:
    id: str
    title: str
    lines: list
    screening: bool = False


# The contact details come last: the therapist reads the health answers first.
CONTACT_SECTION = "about"


def questionnaire(answers):
    """Every section and question asked, with the answer in words (or None); "About you"
    (the contact details) last."""
    ordered = [s for s in SECTIONS if s.id != CONTACT_SECTION]
    ordered += [s for s in SECTIONS if s.id == CONTACT_SECTION]
    return [
        SectionView(
            id=section.id,
            title=section.title,
            lines=[_line(q.id, answers) for q in questions_in_section(section.id)],
            screening=section.screening,
        )
        for section in ordered
    ]


# What the therapist reads first, beside the flags: the complaint in the client's words.
COMPLAINT_SUMMARY = (
    "main_complaint",
    "pain_now",
    "pain_worst_week",
    "pain_duration",
    "pain_onset",
    "goals",
)
PREFERENCES = ("massage_before", "pressure_preference", "areas_to_avoid", "areas_to_avoid_notes")
# What the client takes and has, in the first screen beside the complaint (they were at the
# very bottom, in the full questionnaire).
HEALTH_SUMMARY = ("medications", "conditions", "allergies")
SHORT_LABELS = {
    "main_complaint": "Complaint",
    "pain_now": "Pain now",
    "pain_worst_week": "Worst in the last week",
    "pain_duration": "For how long",
    "pain_onset": "How it started",
    "goals": "Goals",
    "massage_before": "Had massage before",
    "pressure_preference": "Pressure",
    "areas_to_avoid": "Do not massage",
    "areas_to_avoid_notes": "About places to avoid",
    "medications": "Medicines",
    "conditions": "Conditions",
    "allergies": "Allergies",
}


def _short_lines(ids, answers):
    lines = []
    for question_id in ids:
        line = _line(question_id, answers)
        lines.append(
            AnswerLine(
                id=line.id,
                label=SHORT_LABELS[question_id],
                answer=line.answer,
                is_yes=line.is_yes,
            )
        )
    return lines


def complaint_summary(answers):
    """The complaint, pain now and worst, duration, onset and goals, with short labels."""
    return _short_lines(COMPLAINT_SUMMARY, answers)


def health_summary(answers):
    """Medicines, conditions and allergies in the client's words, each shown even when
    unanswered (an empty answer is worth seeing too)."""
    return _short_lines(HEALTH_SUMMARY, answers)


def preferences(answers):
    """The client's massage preferences that were answered, with short labels."""
    return [line for line in _short_lines(PREFERENCES, answers) if line.answer is not None]


def pain_areas(answers):
    """The marked pain areas as (id, label), in catalogue order."""
    marked = answers.get("pain_areas") or []
    if not isinstance(marked, list):
        return []
    return [(area, PAIN_AREA_LABELS.get(area, area)) for area in marked]
