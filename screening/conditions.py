"""The small vocabulary the rules are written in (screening/rules.py): conditions over the
answers (by the ids of screening/questions.py) and the client's age on the day of the intake.

Each condition is called as condition(answers, age) -> bool, says which questions it reads
(`question_ids`, for the review page) and what it means in words (`describe()`, for the
rulebook a clinician signs off).
"""

from dataclasses import dataclass

from screening.restrictions import RESTRICTION_LABELS
from screening.tiers import TIER_LABELS


def _unique(ids):
    """The ids in order, each once."""
    return tuple(dict.fromkeys(ids))


def _words(items, joiner):
    """Items in a sentence: a; a or b; a, b or c."""
    items = list(items)
    if len(items) == 1:
        return items[0]
    return f"{', '.join(items[:-1])} {joiner} {items[-1]}"


# Conditions: each is called as condition(answers, age) -> bool, where `answers` are cleaned
# answers keyed by the ids of screening/questions.py and `age` is the client's age in whole years
# on the intake date (None without a date of birth). Each also says which questions it reads
# (`question_ids`, for the review page) and what it means in words (`describe()`, for the
# rulebook a clinician signs off).


@dataclass(frozen=True, init=False)
class Yes:
    """Any of the questions answered yes. Unanswered is not yes."""

    ids: tuple[str, ...]

    def __init__(self, *ids):
        object.__setattr__(self, "ids", ids)

    def __call__(self, answers, age):
        return any(answers.get(id) is True for id in self.ids)

    @property
    def question_ids(self):
        return _unique(self.ids)

    def describe(self):
        return f"answered yes to {_words(self.ids, 'or')}"


@dataclass(frozen=True)
class AnswerIs:
    """A choice question answered with this value."""

    id: str
    value: str

    def __call__(self, answers, age):
        return answers.get(self.id) == self.value

    @property
    def question_ids(self):
        return (self.id,)

    def describe(self):
        return f"{self.id} is {self.value}"


@dataclass(frozen=True)
class AgeOutside:
    """Age in whole years under `low` or over `high`: with 20 and 50, 19 and 51 fire; 20 and
    50 do not. No date of birth, no age: never fires."""

    low: int
    high: int

    def __call__(self, answers, age):
        return age is not None and (age < self.low or age > self.high)

    @property
    def question_ids(self):
        return ("date_of_birth",)

    def describe(self):
        return f"age under {self.low} or over {self.high} on the intake date"


@dataclass(frozen=True)
class AgeAtLeast:
    """Age in whole years of at least `years` (the birthday itself counts)."""

    years: int

    def __call__(self, answers, age):
        return age is not None and age >= self.years

    @property
    def question_ids(self):
        return ("date_of_birth",)

    def describe(self):
        return f"age {self.years} or over on the intake date"


@dataclass(frozen=True, init=False)
class PainIn:
    """Pain marked in any of these areas of the pain map (`pain_areas`)."""

    areas: tuple[str, ...]

    def __init__(self, *areas):
        object.__setattr__(self, "areas", areas)

    def __call__(self, answers, age):
        return any(area in (answers.get("pain_areas") or ()) for area in self.areas)

    @property
    def question_ids(self):
        return ("pain_areas",)

    def describe(self):
        return f"pain_areas includes {_words(self.areas, 'or')}"


@dataclass(frozen=True, init=False)
class AnswerIn:
    """A choice question answered with one of these values."""

    id: str
    values: tuple[str, ...]

    def __init__(self, id, *values):
        object.__setattr__(self, "id", id)
        object.__setattr__(self, "values", values)

    def __call__(self, answers, age):
        return answers.get(self.id) in self.values

    @property
    def question_ids(self):
        return (self.id,)

    def describe(self):
        return f"{self.id} is {_words(self.values, 'or')}"


@dataclass(frozen=True)
class Unanswered:
    """The question has no answer (so the rule reads the unknown the cautious way)."""

    id: str

    def __call__(self, answers, age):
        return answers.get(self.id) is None

    @property
    def question_ids(self):
        return (self.id,)

    def describe(self):
        return f"{self.id} is unanswered"


def _part(condition):
    # A nested All/Any/Not in brackets, so "a or b, and c" cannot be read two ways.
    text = condition.describe()
    return f"({text})" if isinstance(condition, All | Any) else text


@dataclass(frozen=True, init=False)
class All:
    """Every condition holds."""

    conditions: tuple

    def __init__(self, *conditions):
        object.__setattr__(self, "conditions", conditions)

    def __call__(self, answers, age):
        return all(condition(answers, age) for condition in self.conditions)

    @property
    def question_ids(self):
        return _unique(id for condition in self.conditions for id in condition.question_ids)

    def describe(self):
        return ", and ".join(_part(condition) for condition in self.conditions)


@dataclass(frozen=True, init=False)
class Any:
    """At least one condition holds."""

    conditions: tuple

    def __init__(self, *conditions):
        object.__setattr__(self, "conditions", conditions)

    def __call__(self, answers, age):
        return any(condition(answers, age) for condition in self.conditions)

    @property
    def question_ids(self):
        return _unique(id for condition in self.conditions for id in condition.question_ids)

    def describe(self):
        return ", or ".join(_part(condition) for condition in self.conditions)


@dataclass(frozen=True)
class Not:
    """The condition does not hold (so an unanswered question counts as not yes)."""

    condition: object

    def __call__(self, answers, age):
        return not self.condition(answers, age)

    @property
    def question_ids(self):
        return self.condition.question_ids

    def describe(self):
        return f"not {_part(self.condition)}"


@dataclass(frozen=True, kw_only=True)
class Addendum:
    """Extra wording for a rule when a further answer makes it more serious."""

    when: object
    reason: str
    physician_sentence: str

    @property
    def trigger(self):
        """When the extra wording is added, in words."""
        return self.when.describe()


@dataclass(frozen=True, kw_only=True)
class Rule:
    """One screening rule: fires when `when(answers, age)` holds."""

    id: str
    tier: str
    when: object
    reason: str
    physician_sentence: str
    source: str
    restricts_techniques: tuple[str, ...] = ()
    restriction: str = ""
    addenda: tuple[Addendum, ...] = ()

    @property
    def question_ids(self):
        """Every question the rule reads, its addenda's included, in order."""
        conditions = (self.when, *(addendum.when for addendum in self.addenda))
        return _unique(id for condition in conditions for id in condition.question_ids)

    @property
    def trigger(self):
        """When the rule fires, in words."""
        return self.when.describe()

    @property
    def tier_label(self):
        return TIER_LABELS[self.tier]

    @property
    def technique_labels(self):
        """The techniques the rule leaves out, in words."""
        return tuple(RESTRICTION_LABELS[id] for id in self.restricts_techniques)

    def as_dict(self):
        """The rule as the rulebook shows it (`screen --rulebook --format json`)."""
        return {
            "id": self.id,
            "tier": self.tier,
            "trigger": self.trigger,
            "reason": self.reason,
            "physician_sentence": self.physician_sentence,
            "source": self.source,
            "restriction": self.restriction,
            "restricts_techniques": list(self.restricts_techniques),
            "addenda": [
                {
                    "when": addendum.trigger,
                    "reason": addendum.reason,
                    "physician_sentence": addendum.physician_sentence,
                }
                for addendum in self.addenda
            ],
            "question_ids": list(self.question_ids),
        }
