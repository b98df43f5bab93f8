"""A stored screening's flags and asks in person, typed.

Screening.flags and Screening.ask_in_person are JSON lists of dicts (intake.services
screening_create writes them); everything that reads them goes through StoredFlag and
StoredAsk, so a missing key in an older row is handled here once. Both read plain values, so
a data migration's historical models can use them too.
"""

from dataclasses import dataclass

from screening.questions import QUESTIONS
from screening.restrictions import restrictions_named
from screening.rules import CARRIES_FORWARD_RULE_IDS, NECK_EMERGENCY_RULE_IDS, TIME_WINDOW_RULES
from screening.tiers import CAUTION, EMERGENCY, NEEDS_PHYSICIAN, REFER, TIER_LABELS

UNANSWERED = "unanswered"
NOT_SURE = "not_sure"
# Why a question is asked, for the causes whose ask only repeats the question.
CAUSE_WORDS = {
    UNANSWERED: "The client left this question unanswered.",
    NOT_SURE: "The client answered “Not sure”.",
}


@dataclass(frozen=True)
class StoredFlag:
    """One flag of a stored screening: {"id", "tier", "reason", "source",
    "physician_sentence", "restriction", "restricts_techniques"}."""

    id: str
    tier: str
    reason: str = ""
    source: str = ""
    physician_sentence: str = ""
    restriction: str = ""
    restricts_techniques: tuple[str, ...] = ()

    @classmethod
    def from_dict(cls, data):
        return cls(
            id=str(data.get("id") or ""),
            tier=str(data.get("tier") or ""),
            reason=data.get("reason") or "",
            source=data.get("source") or "",
            physician_sentence=data.get("physician_sentence") or "",
            restriction=data.get("restriction") or "",
            restricts_techniques=restrictions_named(data.get("restricts_techniques") or ()),
        )

    @property
    def tier_label(self):
        return TIER_LABELS.get(self.tier, self.tier)

    @property
    def needs_physician(self):
        """An emergency or refer flag: no massage until a physician's clearance covers it."""
        return self.tier in NEEDS_PHYSICIAN

    @property
    def is_emergency(self):
        return self.tier == EMERGENCY

    @property
    def is_refer(self):
        return self.tier == REFER

    @property
    def is_caution(self):
        return self.tier == CAUTION

    @property
    def is_neck_emergency(self):
        """A neck or head emergency flag: no neck work, even after most clearances."""
        return self.id in NECK_EMERGENCY_RULE_IDS

    @property
    def carries_forward(self):
        """A refer flag of a stable, known condition: a clearance covers it again for 12
        months. Every other flag is a new event that needs a new clearance."""
        return self.is_refer and self.id in CARRIES_FORWARD_RULE_IDS

    @property
    def time_window(self):
        """(question id, days) for a flag defined by a time window, else None."""
        return TIME_WINDOW_RULES.get(self.id)

    @property
    def text(self):
        """What to show for the flag: its reason, or its id for a row that has none."""
        return self.reason or self.id


@dataclass(frozen=True)
class StoredAsk:
    """One thing to ask the client in person before massage: {"id", "ask", "question",
    "cause"}; `question` is the yes/no screening question whose answer in person settles it."""

    id: str
    ask: str
    question: str
    cause: str

    @classmethod
    def from_dict(cls, data):
        question = str(data.get("question") or data.get("id") or "")
        return cls(
            id=str(data.get("id") or question),
            ask=data.get("ask") or question_label(question),
            question=question,
            cause=data.get("cause") or UNANSWERED,
        )

    @classmethod
    def unanswered(cls, question_id):
        """An unanswered required question of a screening made before asks were stored."""
        return cls(
            id=question_id,
            ask=question_label(question_id),
            question=question_id,
            cause=UNANSWERED,
        )

    @property
    def question_label(self):
        return question_label(self.question)

    @property
    def why(self):
        """Why it is asked: the ask itself, unless it only repeats the question (then the
        cause in words, with any advice the ask gives after the question)."""
        if self.question_label in self.ask or self.ask in self.question_label:
            advice = self.ask.partition(self.question_label)[2].strip()
            cause = CAUSE_WORDS.get(self.cause, self.ask)
            return f"{cause} {advice}" if advice else cause
        return self.ask


def question_label(question_id):
    question = QUESTIONS.get(question_id)
    return question.label if question else question_id


def flags_of(screening):
    """The stored flags of `screening` (any object with a `flags` list), most urgent first."""
    return tuple(StoredFlag.from_dict(flag) for flag in screening.flags or () if flag)


def asks_of(screening):
    """What `screening` asks in person. Screenings made before rules version 3 stored only
    the unanswered question ids: each is an ask of its own question."""
    if screening.ask_in_person:
        return tuple(StoredAsk.from_dict(ask) for ask in screening.ask_in_person if ask)
    return tuple(StoredAsk.unanswered(id) for id in screening.unanswered or ())
