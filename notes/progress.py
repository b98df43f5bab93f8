"""Whether a client's scores changed enough to mean something (docs/clinical/outcome-measures.md).

The trend compares the latest session with the first one (the baseline) and needs at least
two notes with a score. Pain compares "pain before" (what the client brings to each session,
not the drop straight after a massage); the PSFS compares the mean score when both notes rate
the same activities. A change smaller than the minimal clinically important difference
(MCID) is "no meaningful change", however it looks on the chart.
"""

import re
from dataclasses import dataclass
from fractions import Fraction

IMPROVING = "improving"
NO_MEANINGFUL_CHANGE = "no meaningful change"
WORSE = "worse"

PAIN_MCID = 2  # points on the 0–10 scale (about 30%: Farrar 2001, Salaffi 2004)
# From a low baseline 1 point is at least 30% of the score, and 2 may be impossible.
LOW_PAIN_BASELINE = 3
PAIN_MCID_FROM_LOW_BASELINE = 1
PSFS_MCID = 2  # points on the mean score (Horn et al. 2012)


def pain_improvement_needed(baseline):
    """The fall in pain that counts as improving from `baseline`."""
    return PAIN_MCID_FROM_LOW_BASELINE if baseline <= LOW_PAIN_BASELINE else PAIN_MCID


def pain_word(baseline, latest):
    """The word for a change of "pain before" from `baseline` to `latest`. Worsening always
    needs the full 2 points: a 1-point rise from a low score is normal variation."""
    change = latest - baseline
    if -change >= pain_improvement_needed(baseline):
        return IMPROVING
    if change >= PAIN_MCID:
        return WORSE
    return NO_MEANINGFUL_CHANGE


def psfs_word(baseline, latest):
    """The word for a change of the PSFS mean score (exact fractions: 1.9 is not 2)."""
    change = Fraction(latest) - Fraction(baseline)
    if change >= PSFS_MCID:
        return IMPROVING
    if change <= -PSFS_MCID:
        return WORSE
    return NO_MEANINGFUL_CHANGE


def _activity(name):
    return re.sub(r"\s+", " ", name or "").strip().casefold()


def psfs_mean(note):
    """The exact mean of the note's PSFS scores, or None."""
    scores = [score for _, score in note.psfs_items]
    return Fraction(sum(scores), len(scores)) if scores else None


def same_activities(first, latest):
    """Whether two notes rate the same activities (as typed, ignoring case and spacing)."""
    return sorted(_activity(a) for a, _ in first.psfs_items) == sorted(
        _activity(a) for a, _ in latest.psfs_items
    )


@dataclass(frozen=True)
class Trend:
    measure: str  # "pain" or "psfs"
    word: str
    first: object  # SessionNote
    latest: object
    baseline: object  # int (pain) or Fraction (PSFS)
    value: object
    sessions: int

    @property
    def change(self):
        return self.value - self.baseline

    @property
    def change_text(self):
        change = round(float(self.change), 1)
        return f"{change:+g}"


def _in_order(notes):
    return sorted(notes, key=lambda n: (n.session_date, n.created_at))


def pain_trend(notes):
    """The pain Trend of `notes` (first against latest), or None with fewer than two."""
    notes = _in_order(notes)
    if len(notes) < 2:
        return None
    first, latest = notes[0], notes[-1]
    return Trend(
        "pain",
        pain_word(first.pain_before, latest.pain_before),
        first,
        latest,
        first.pain_before,
        latest.pain_before,
        len(notes),
    )


def psfs_trend(notes):
    """The PSFS Trend of the notes with a score, or None with fewer than two, or when the
    latest rates other activities than the first (then scores show without a word)."""
    scored = [n for n in _in_order(notes) if n.psfs_items]
    if len(scored) < 2 or not same_activities(scored[0], scored[-1]):
        return None
    first, latest = scored[0], scored[-1]
    baseline, value = psfs_mean(first), psfs_mean(latest)
    return Trend("psfs", psfs_word(baseline, value), first, latest, baseline, value, len(scored))


def long_date(date):
    """3 March 2026, as the chart, the client page and a letter write a session's date."""
    return f"{date.day} {date:%B %Y}"


def pain_trend_sentence(notes):
    """The pain trend in one sentence for a letter, or "" with fewer than two notes."""
    trend = pain_trend(notes)
    if trend is None:
        return ""
    return (
        f"Over {trend.sessions} sessions from {long_date(trend.first.session_date)} to "
        f"{long_date(trend.latest.session_date)}, pain before the session went from "
        f"{trend.baseline}/10 to {trend.value}/10: {trend.word} (a fall of at least "
        f"{PAIN_MCID} points, or {PAIN_MCID_FROM_LOW_BASELINE} from a starting score of "
        f"{LOW_PAIN_BASELINE} or lower, counts as clinically meaningful)."
    )
