"""The geometry of the pain chart on the client page: server-side, so it needs no JavaScript
and prints as it shows."""

import math
from dataclasses import dataclass

from notes.progress import IMPROVING, WORSE, pain_trend, pain_word, psfs_trend

WIDTH = 640
HEIGHT = 300
LEFT, RIGHT, TOP, BOTTOM = 48, 20, 44, 52  # room for the axis, the legend and the dates
MAX_DATE_LABELS = 10
CHART_SESSIONS = 30  # the latest sessions charted; the sessions table pages through all


@dataclass(frozen=True)
class PainPoint:
    """What the chart reads of one session (a note works too)."""

    session_date: object
    created_at: object
    pain_before: int
    pain_after: int
    psfs_scores: tuple = ()
    psfs_activities: tuple = ()

    @property
    def pain_change(self):
        return self.pain_after - self.pain_before

    @property
    def psfs_items(self):
        """The recorded (activity, score) pairs, as SessionNote.psfs_items."""
        return [
            (activity, score)
            for activity, score in zip(self.psfs_activities, self.psfs_scores, strict=False)
            if score is not None
        ]

    @property
    def psfs_score(self):
        """The mean of the recorded PSFS scores, as SessionNote.psfs_score."""
        scores = [score for score in self.psfs_scores if score is not None]
        return round(sum(scores) / len(scores), 1) if scores else None


@dataclass(frozen=True)
class ChartPoint:
    note: object
    x: float
    y_before: float
    y_after: float
    y_psfs: float | None
    show_date: bool
    # Pain before compared with the first session, when the change reaches the MCID.
    pain_mcid: str = ""  # "improving", "worse" or ""

    @property
    def mcid_class(self):
        return f"mcid-{self.pain_mcid}" if self.pain_mcid else ""

    @property
    def square_x(self):
        return self.x - 5

    @property
    def square_y(self):
        return self.y_after - 5

    @property
    def diamond(self):
        """The PSFS marker: a diamond, so the series differ by shape as well as colour."""
        if self.y_psfs is None:
            return ""
        x, y, r = self.x, self.y_psfs, 5.5
        return f"{x:.1f},{y - r:.1f} {x + r:.1f},{y:.1f} {x:.1f},{y + r:.1f} {x - r:.1f},{y:.1f}"


@dataclass(frozen=True)
class PainChart:
    points: list
    y_ticks: list  # (value, y)
    summary: str
    pain_trend: object = None  # notes.progress.Trend
    psfs_trend: object = None
    width: int = WIDTH
    height: int = HEIGHT
    left: int = LEFT
    right_edge: int = WIDTH - RIGHT
    top: int = TOP
    bottom_edge: int = HEIGHT - BOTTOM

    @property
    def before_line(self):
        return " ".join(f"{p.x:.1f},{p.y_before:.1f}" for p in self.points)

    @property
    def after_line(self):
        return " ".join(f"{p.x:.1f},{p.y_after:.1f}" for p in self.points)

    @property
    def psfs_line(self):
        return " ".join(f"{p.x:.1f},{p.y_psfs:.1f}" for p in self.points if p.y_psfs is not None)

    @property
    def has_psfs(self):
        return any(p.y_psfs is not None for p in self.points)

    @property
    def has_mcid(self):
        return any(p.pain_mcid for p in self.points)

    @property
    def date_label_y(self):
        return self.bottom_edge + 18


def y_for(value):
    """The y of a 0–10 value: 10 at the top of the plot, 0 at the bottom."""
    return TOP + (HEIGHT - TOP - BOTTOM) * (10 - value) / 10


def _day(date):
    return f"{date.day} {date:%B %Y}"


def _summary(notes, total):
    first, last = notes[0], notes[-1]
    if len(notes) == 1 and total == 1:
        return (
            f"One session, on {_day(first.session_date)}: pain {first.pain_before} before "
            f"and {first.pain_after} after."
        )
    count = (
        f"{len(notes)} sessions"
        if total == len(notes)
        else (f"The latest {len(notes)} of {total} sessions")
    )
    return (
        f"{count} from {_day(first.session_date)} to "
        f"{_day(last.session_date)}. Pain before the session went from {first.pain_before} "
        f"to {last.pain_before}; pain after went from {first.pain_after} to {last.pain_after} "
        "(0 = no pain, 10 = worst)."
    )


def pain_chart(notes, total=None):
    """Chart the notes (or PainPoints) in date order, evenly spaced; None when there is
    nothing to chart. `total` is how many sessions there are, when only the latest are
    charted."""
    notes = sorted(notes, key=lambda n: (n.session_date, n.created_at))
    if not notes:
        return None
    inner_left, inner_right = LEFT + 24, WIDTH - RIGHT - 24
    step = (inner_right - inner_left) / (len(notes) - 1) if len(notes) > 1 else 0
    every = math.ceil(len(notes) / MAX_DATE_LABELS)
    points = []
    for index, note in enumerate(notes):
        x = inner_left + index * step if len(notes) > 1 else (inner_left + inner_right) / 2
        psfs = note.psfs_score
        word = pain_word(notes[0].pain_before, note.pain_before) if index else ""
        points.append(
            ChartPoint(
                note=note,
                x=x,
                y_before=y_for(note.pain_before),
                y_after=y_for(note.pain_after),
                y_psfs=y_for(psfs) if psfs is not None else None,
                show_date=index % every == 0 or index == len(notes) - 1,
                pain_mcid=word if word in (IMPROVING, WORSE) else "",
            )
        )
    ticks = [(value, y_for(value)) for value in range(0, 11, 2)]
    return PainChart(
        points=points,
        y_ticks=ticks,
        summary=_summary(notes, total or len(notes)),
        pain_trend=pain_trend(notes),
        psfs_trend=psfs_trend(notes),
    )
