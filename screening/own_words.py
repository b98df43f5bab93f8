"""Red-flag words in the client's own text (docs/clinical/red-flags.md, version 3).

Clients describe a red flag in the complaint ("leaking a bit of wee since the fall") and
answer no to the question that asks for it. A hit here never sends anyone to hospital on its
own: it adds an ask in person, today, before massage, quoting the words. The therapist's
in-person answer to the named yes/no question settles it. A word negated just before it in the
same clause ("no bladder problems", "never had chest tightness") does not count.
"""

import re
from dataclasses import dataclass

from screening.medications import normalise

# The free-text answers read, in the order they are read, with how an ask names each.
FIELDS = {
    "main_complaint": "what brings you in",
    "conditions": "other health conditions",
    "medications": "medicines",
}


@dataclass(frozen=True)
class WordRule:
    key: str  # a stable name for the ask's id
    question: str  # the yes/no screening question the therapist asks in person
    patterns: tuple[str, ...]  # regular expressions over lower-case text without accents


WORD_RULES = (
    WordRule(
        "bladder",
        "bladder_change",
        (r"bladder", r"wee", r"pee(?:ing)?", r"urin(?:e|ating|ation)", r"incontinen(?:t|ce)"),
    ),
    WordRule("bowel", "bowel_change", (r"bowels?",)),
    WordRule(
        "saddle",
        "saddle_numbness",
        (
            r"saddle",
            r"numb(?:ness)?\s+(?:in\s+)?(?:my\s+|the\s+)?(?:bottom|bum|groin|genitals?)",
            r"(?:bottom|bum|groin)\s+(?:is\s+|feels\s+|went\s+)?numb",
            r"numb\s+between\s+(?:my\s+)?legs",
            r"pins\s+and\s+needles\s+(?:in\s+|around\s+)?(?:my\s+|the\s+)?(?:groin|bottom|genitals?)",
        ),
    ),
    WordRule(
        "headache",
        "sudden_severe_headache",
        (r"worst\s+(?:\w+\s+)?headache", r"thunderclap"),
    ),
    WordRule(
        "chest",
        "chest_pain",
        (
            r"chest\s+(?:is\s+|feels\s+|gets\s+)?(?:tight(?:ness)?|pressure|pains?|hurts?)",
            r"pains?\s+in\s+(?:my\s+|the\s+)?chest",
            r"tight(?:ness)?\s+(?:in\s+)?(?:my\s+|the\s+)?chest",
            r"pressure\s+(?:in|on)\s+(?:my\s+|the\s+)?chest",
        ),
    ),
    WordRule(
        "calf",
        "calf_pain_swelling",
        (r"calf\s+(?:is\s+)?(?:swollen|swelling)", r"swollen\s+(?:\w+\s+)?calf"),
    ),
    WordRule(
        "cannot_lift_arm",
        "arm_injury_cannot_lift",
        (
            r"(?:can'?t|cannot|can not|unable to)\s+(?:lift|raise)\s+"
            r"(?:my\s+|the\s+)?(?:\w+\s+)?arm",
        ),
    ),
    WordRule(
        "weight_loss",
        "weight_loss_unexplained",
        (
            r"losing\s+weight",
            r"lost\s+(?:a\s+lot\s+of\s+|some\s+|\w+\s+(?:kg|kilos?|pounds|lbs?)\s+"
            r"(?:of\s+)?)?weight",
            r"weight\s+loss",
        ),
    ),
    WordRule("night_sweats", "fever_unwell", (r"night\s+sweats?",)),
)

NEGATIONS = frozenset(
    {
        "no",
        "not",
        "never",
        "without",
        "denies",
        "nor",
        "none",
        "dont",
        "don't",
        "didnt",
        "didn't",
        "havent",
        "haven't",
        "hasnt",
        "hasn't",
        "isnt",
        "isn't",
        "nothing",
    }
)
NEGATION_REACH = 3  # words before a hit that can negate it
CLAUSE_END = re.compile(r"[.;!?\n]|,|\bbut\b")
QUOTE_REACH = 40  # characters of context quoted on each side of a hit

_COMPILED = tuple((rule, re.compile(rf"\b(?:{'|'.join(rule.patterns)})\b")) for rule in WORD_RULES)


@dataclass(frozen=True)
class WordHit:
    rule: WordRule
    field: str
    quote: str  # the words around the hit, as the client wrote them

    @property
    def id(self):
        return f"words:{self.field}:{self.rule.key}"

    @property
    def ask(self):
        return (
            f"Ask in person, today, before massage: the client wrote \u201c{self.quote}\u201d "
            f"({FIELDS[self.field]})."
        )


# "never had bladder trouble until this week": the words after the negation undo it.
UNDOING = re.compile(r"\b(?:until|till|before|but now|now)\b")


def _negated(text, start):
    clause = CLAUSE_END.split(text[:start])[-1]
    before = re.findall(r"[\w']+", clause)[-NEGATION_REACH:]
    return any(word in NEGATIONS for word in before) and not UNDOING.search(
        text[start:].split(".")[0][:40]
    )


def _quote(original, start, end):
    left = max(0, start - QUOTE_REACH)
    right = min(len(original), end + QUOTE_REACH)
    quote = " ".join(original[left:right].split())
    return f"{'…' if left else ''}{quote}{'…' if right < len(original) else ''}"


def find_red_flag_words(answers):
    """Each word rule's first hit that is not negated, over the free-text answers."""
    hits = {}
    for field in FIELDS:
        original = answers.get(field) or ""
        # normalise keeps the length of plain text; for the rare character it changes, the
        # quote is taken from the normalised text instead.
        text = normalise(original).replace("\u2019", "'")
        source = original if len(text) == len(original) else text
        for rule, pattern in _COMPILED:
            if rule.key in hits:
                continue
            for match in pattern.finditer(text):
                if not _negated(text, match.start()):
                    hits[rule.key] = WordHit(rule, field, _quote(source, *match.span()))
                    break
    return tuple(hits.values())
