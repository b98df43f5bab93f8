"""The geometry of the pain chart on the client page: server-side, so it needs no JavaScript
and prints as it shows."""

import math
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from functools import cached_property
from html import escape

from django.utils.safestring import mark_safe

from notes.progress import IMPROVING, WORSE, long_date, pain_trend, pain_word, psfs_trend


def html(template, *values):
    """format_html for the chart's markup: each value escaped as format_html escapes it
    (markup made here, with __html__, kept as it is), without its checks for lazy strings,
    which cost more than the markup itself at some 200 calls a client page."""
    return mark_safe(
        template.format(
            *(v.__html__() if hasattr(v, "__html__") else escape(str(v)) for v in values)
        )
    )


def html_join(template, rows):
    """format_html_join("", template, rows), by html()."""
    return mark_safe("".join(html(template, *row) for row in rows))


WIDTH = 640
HEIGHT = 300
LEFT, RIGHT, TOP, BOTTOM = 48, 20, 44, 52  # room for the axis, the legend and the dates
# The PSFS has its own chart under the pain chart, with its own axis: the same 0–10 numbers
# mean the opposite (10 = fully able), so one axis labelled "Pain" misread it (issue 18).
PSFS_HEIGHT = 190
PSFS_TOP, PSFS_BOTTOM = 36, 44
MAX_DATE_LABELS = 10
CHART_SESSIONS = 30  # the latest sessions charted; the sessions table pages through all


TENTH = Decimal("0.1")
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August"]
MONTHS += ["September", "October", "November", "December"]


def one_decimal(value):
    """A coordinate as the template filter floatformat:"1u" writes it ("72.0", half up),
    computed once in Python: the chart has some 400 of them, and the filter is slow."""
    return str(Decimal(repr(value)).quantize(TENTH, rounding=ROUND_HALF_UP))


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

    # The chart's text, written once per point (the template only places it).
    @cached_property
    def x_text(self):
        return one_decimal(self.x)

    @cached_property
    def y_before_text(self):
        return one_decimal(self.y_before)

    @cached_property
    def y_after_text(self):
        return one_decimal(self.y_after)

    @cached_property
    def square_x_text(self):
        return one_decimal(self.square_x)

    @cached_property
    def square_y_text(self):
        return one_decimal(self.square_y)

    @cached_property
    def day_month(self):
        """The date as the date filter's "j M" writes it: 3 Mar."""
        day = self.note.session_date
        return f"{day.day} {MONTHS[day.month - 1][:3]}"

    @cached_property
    def day_month_year(self):
        """As "j M Y": 3 Mar 2026."""
        return f"{self.day_month} {self.note.session_date.year}"

    @cached_property
    def long_date(self):
        """As "j F Y": 3 March 2026."""
        day = self.note.session_date
        return f"{day.day} {MONTHS[day.month - 1]} {day.year}"

    @cached_property
    def iso_date(self):
        return self.note.session_date.isoformat()

    @property
    def square_x(self):
        return self.x - 5

    @property
    def square_y(self):
        return self.y_after - 5

    @property
    def markers(self):
        """The point's before and after markers, each titled with its value."""
        note = self.note
        return html(
            '<circle class="point-before" cx="{}" cy="{}" r="5" fill="#b02a37" data-date="{}" '
            'data-pain-before="{}"><title>{}: pain before {}</title></circle>'
            '<rect class="point-after" x="{}" y="{}" width="10" height="10" fill="#fff" '
            'stroke="#0a58ca" stroke-width="2.5" data-date="{}" data-pain-after="{}">'
            "<title>{}: pain after {}</title></rect>",
            self.x_text,
            self.y_before_text,
            self.iso_date,
            note.pain_before,
            self.day_month_year,
            note.pain_before,
            self.square_x_text,
            self.square_y_text,
            self.iso_date,
            note.pain_after,
            self.day_month_year,
            note.pain_after,
        )

    @property
    def psfs_marker(self):
        """The PSFS marker of the function chart, titled with its value ("" without one)."""
        if self.y_psfs is None:
            return ""
        return html(
            '<polygon class="point-psfs" points="{}" fill="#146c43" data-date="{}" '
            'data-psfs="{}"><title>{}: PSFS {}</title></polygon>',
            self.diamond,
            self.iso_date,
            self.note.psfs_score,
            self.day_month_year,
            self.note.psfs_score,
        )

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
    y_ticks: list  # (value, y as text)
    summary: str
    pain_trend: object = None  # notes.progress.Trend
    psfs_trend: object = None
    psfs_y_ticks: list = ()  # (value, y as text) on the function chart
    psfs_summary: str = ""
    width: int = WIDTH
    height: int = HEIGHT
    left: int = LEFT
    right_edge: int = WIDTH - RIGHT
    top: int = TOP
    bottom_edge: int = HEIGHT - BOTTOM
    psfs_height: int = PSFS_HEIGHT
    psfs_top: int = PSFS_TOP
    psfs_bottom_edge: int = PSFS_HEIGHT - PSFS_BOTTOM

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

    # The chart's repeated elements, written here rather than in template loops: some 30
    # points of a dozen numbers each cost the template engine more than the rest of the page.
    @cached_property
    def date_labels(self):
        return html_join(
            '<text x="{}" y="{}" text-anchor="middle" fill="#495057">{}</text>',
            ((p.x_text, self.date_label_y, p.day_month) for p in self.points if p.show_date),
        )

    @cached_property
    def psfs_date_labels(self):
        return html_join(
            '<text x="{}" y="{}" text-anchor="middle" fill="#495057">{}</text>',
            (
                (p.x_text, self.psfs_bottom_edge + 18, p.day_month)
                for p in self.points
                if p.show_date
            ),
        )

    @cached_property
    def psfs_markers(self):
        return html_join("{}", ((p.psfs_marker,) for p in self.points))

    @cached_property
    def change_lines(self):
        return html_join(
            '<line x1="{0}" x2="{0}" y1="{1}" y2="{2}" stroke="#adb5bd" stroke-width="1.5"/>',
            ((p.x_text, p.y_before_text, p.y_after_text) for p in self.points),
        )

    @cached_property
    def mcid_rings(self):
        return html_join(
            '<circle class="mcid-ring {}" cx="{}" cy="{}" r="10" fill="none" stroke="{}" '
            'stroke-width="2"><title>Pain before has changed by at least the minimal '
            "clinically important difference since the first session ({})</title></circle>",
            (
                (
                    p.mcid_class,
                    p.x_text,
                    p.y_before_text,
                    "#146c43" if p.pain_mcid == IMPROVING else "#842029",
                    p.pain_mcid,
                )
                for p in self.points
                if p.pain_mcid
            ),
        )

    @cached_property
    def markers(self):
        return html_join("{}", ((p.markers,) for p in self.points))

    @cached_property
    def data_rows(self):
        """The rows of the chart's table for screen readers."""
        return html_join(
            '<tr><th scope="row">{}</th><td>{}</td><td>{}</td><td>{}</td><td>{}</td>'
            "<td>{}</td></tr>",
            (
                (
                    p.long_date,
                    p.note.pain_before,
                    p.note.pain_after,
                    p.note.pain_change,
                    "—" if p.note.psfs_score is None else p.note.psfs_score,
                    p.pain_mcid or "—",
                )
                for p in self.points
            ),
        )


def y_for(value):
    """The y of a 0–10 value: 10 at the top of the plot, 0 at the bottom."""
    return TOP + (HEIGHT - TOP - BOTTOM) * (10 - value) / 10


def y_for_psfs(value):
    """The y of a PSFS score on the function chart: 10 (fully able) at the top."""
    return PSFS_TOP + (PSFS_HEIGHT - PSFS_TOP - PSFS_BOTTOM) * (10 - value) / 10


def _psfs_summary(notes):
    scored = [note for note in notes if note.psfs_score is not None]
    if not scored:
        return ""
    first, last = scored[0], scored[-1]
    if len(scored) == 1:
        return (
            f"One functional score (PSFS), on {long_date(first.session_date)}: "
            f"{first.psfs_score} (0 = unable, 10 = able as before)."
        )
    return (
        f"Function (PSFS) went from {first.psfs_score} on {long_date(first.session_date)} to "
        f"{last.psfs_score} on {long_date(last.session_date)} (0 = unable, 10 = able as before)."
    )


def _summary(notes, total):
    first, last = notes[0], notes[-1]
    if len(notes) == 1 and total == 1:
        return (
            f"One session, on {long_date(first.session_date)}: pain {first.pain_before} before "
            f"and {first.pain_after} after."
        )
    count = (
        f"{len(notes)} sessions"
        if total == len(notes)
        else (f"The latest {len(notes)} of {total} sessions")
    )
    return (
        f"{count} from {long_date(first.session_date)} to "
        f"{long_date(last.session_date)}. Pain before the session went from {first.pain_before} "
        f"to {last.pain_before}; pain after went from {first.pain_after} to {last.pain_after} "
        "(0 = no pain, 10 = worst)."
    )


def pain_chart(notes, total=None):
    """Chart the session notes in date order, evenly spaced; None when there is
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
                y_psfs=y_for_psfs(psfs) if psfs is not None else None,
                show_date=index % every == 0 or index == len(notes) - 1,
                pain_mcid=word if word in (IMPROVING, WORSE) else "",
            )
        )
    ticks = [(value, one_decimal(y_for(value))) for value in range(0, 11, 2)]
    psfs_ticks = [(value, one_decimal(y_for_psfs(value))) for value in range(0, 11, 5)]
    return PainChart(
        points=points,
        y_ticks=ticks,
        psfs_y_ticks=psfs_ticks,
        psfs_summary=_psfs_summary(notes),
        summary=_summary(notes, total or len(notes)),
        pain_trend=pain_trend(notes),
        psfs_trend=psfs_trend(notes),
    )
