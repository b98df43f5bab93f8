"""The client page charts pain before and after each session as inline SVG, with the same
numbers in a hidden table, readable without JavaScript."""

import datetime
import re
import xml.etree.ElementTree as ET

from django.utils import timezone

from notes.pain_chart import BOTTOM, HEIGHT, TOP
from tests.factories import make_note

SVG = "{http://www.w3.org/2000/svg}"
HISTORY = [(8, 5), (7, 4), (7, 5), (5, 2), (4, 2), (3, 1)]


def _svg(page):
    match = re.search(r"<svg class=\"pain-chart-svg\".*?</svg>", page, re.S)
    assert match, "the client page has a pain chart"
    return ET.fromstring(match.group(0))


def _value(y):
    """Read a 0–10 value back from a y coordinate of the plot."""
    return round(10 - (float(y) - TOP) * 10 / (HEIGHT - TOP - BOTTOM), 3)


def test_chart_points_match_the_notes(as_alice, alice_client, complaint_map):
    start = timezone.localdate() - datetime.timedelta(weeks=len(HISTORY))
    # Written out of order: the chart is in date order.
    for index, (before, after) in reversed(list(enumerate(HISTORY))):
        make_note(
            alice_client,
            day=start + datetime.timedelta(weeks=index),
            pain_before=before,
            pain_after=after,
        )
    page = as_alice.get(alice_client.get_absolute_url()).content.decode()
    svg = _svg(page)

    befores = svg.findall(f".//{SVG}circle[@class='point-before']")
    afters = svg.findall(f".//{SVG}rect[@class='point-after']")
    assert [int(c.get("data-pain-before")) for c in befores] == [b for b, _ in HISTORY]
    assert [int(r.get("data-pain-after")) for r in afters] == [a for _, a in HISTORY]
    assert [_value(c.get("cy")) for c in befores] == [b for b, _ in HISTORY]
    assert [_value(float(r.get("y")) + 5) for r in afters] == [a for _, a in HISTORY]
    dates = [c.get("data-date") for c in befores]
    assert dates == sorted(dates)
    xs = [float(c.get("cx")) for c in befores]
    assert xs == sorted(xs) and len(set(xs)) == len(xs)
    line = svg.find(f".//{SVG}polyline[@class='series-before']").get("points").split()
    assert [_value(point.split(",")[1]) for point in line] == [b for b, _ in HISTORY]

    title = svg.find(f"{SVG}title").text
    desc = svg.find(f"{SVG}desc").text
    assert title == "Pain before and after each session"
    assert "6 sessions" in desc and "went from 8 to 3" in desc
    legend = " ".join(t.text or "" for t in svg.iter(f"{SVG}text"))
    assert "Before session" in legend and "After session" in legend
    assert svg.get("role") == "img"


def test_hidden_table_gives_the_same_numbers(as_alice, alice_client, complaint_map):
    make_note(
        alice_client,
        day=timezone.localdate() - datetime.timedelta(days=7),
        pain_before=6,
        pain_after=4,
        psfs_activity_1="Sitting",
        psfs_score_1=4,
        psfs_activity_2="Lifting",
        psfs_score_2=5,
    )
    make_note(alice_client, pain_before=4, pain_after=1)
    page = as_alice.get(alice_client.get_absolute_url()).content.decode()
    table = page[page.index('<table class="visually-hidden pain-chart-data">') :]
    table = table[: table.index("</table>")]
    rows = re.findall(r"<tr><th scope=\"row\">.*?</tr>", table, re.S)
    cells = [re.findall(r"<td>(.*?)</td>", row) for row in rows]
    assert cells == [["6", "4", "-2", "4.5", "—"], ["4", "1", "-3", "—", "improving"]]
    assert not _svg(page).findall(f".//{SVG}polygon[@class='point-psfs']")
    psfs = _psfs_svg(page).findall(f".//{SVG}polygon[@class='point-psfs']")
    assert [p.get("data-psfs") for p in psfs] == ["4.5"]


def _psfs_svg(page):
    match = re.search(r"<svg class=\"psfs-chart-svg.*?</svg>", page, re.S)
    assert match, "the client page has a function (PSFS) chart"
    return ET.fromstring(match.group(0))


def test_pain_and_the_psfs_have_their_own_charts_each_labelled(
    as_alice, alice_client, complaint_map
):
    """Issue 18: the PSFS shared the pain chart's one axis, labelled "Pain"."""
    from notes.pain_chart import PSFS_BOTTOM, PSFS_HEIGHT, PSFS_TOP

    start = timezone.localdate() - datetime.timedelta(weeks=2)
    for week, (pain, psfs) in enumerate(((7, 3), (5, 6), (3, 8))):
        make_note(
            alice_client,
            day=start + datetime.timedelta(weeks=week),
            pain_before=pain,
            pain_after=pain - 2,
            psfs_activity_1="Sitting",
            psfs_score_1=psfs,
        )
    page = as_alice.get(alice_client.get_absolute_url()).content.decode()
    pain = _svg(page)
    pain_words = " ".join(t.text or "" for t in pain.iter(f"{SVG}text"))
    assert "Pain (0–10, 10 = worst)" in pain_words
    assert "PSFS" not in pain_words and "Function" not in pain_words
    assert pain.find(f".//{SVG}polyline[@class='series-psfs']") is None

    function = _psfs_svg(page)
    words = " ".join(t.text or "" for t in function.iter(f"{SVG}text"))
    assert "Function, PSFS (0–10, 10 = able as before: higher is better)" in words
    assert "Pain" not in words
    assert function.find(f"{SVG}title").text == "Function at each session (PSFS)"
    assert "went from 3" in function.find(f"{SVG}desc").text
    markers = function.findall(f".//{SVG}polygon[@class='point-psfs']")
    assert [m.get("data-psfs") for m in markers] == ["3.0", "6.0", "8.0"]

    def value(y):  # a score read back from the function chart's own axis
        return round(10 - (y - PSFS_TOP) * 10 / (PSFS_HEIGHT - PSFS_TOP - PSFS_BOTTOM), 3)

    line = function.find(f".//{SVG}polyline[@class='series-psfs']").get("points").split()
    assert [value(float(point.split(",")[1])) for point in line] == [3, 6, 8]


def test_no_sessions_no_chart(as_alice, alice_client, complaint_map):
    page = as_alice.get(alice_client.get_absolute_url()).content.decode()
    assert "pain-chart-svg" not in page
    assert "No sessions yet." in page


def test_the_chart_s_markup_escapes_each_value_as_format_html_does():
    from django.utils.html import format_html
    from django.utils.safestring import SafeString, mark_safe

    from notes.pain_chart import html, html_join

    values = ('<b>"Tom" & Jerry\'s</b>', 7, 2.5, mark_safe("<i>kept</i>"))
    written = html("<title>{} {} {} {}</title>", *values)
    assert written == format_html("<title>{} {} {} {}</title>", *values)
    assert "&lt;b&gt;&quot;Tom&quot; &amp; Jerry&#x27;s&lt;/b&gt;" in written
    assert isinstance(written, SafeString)
    assert html_join("<li>{}</li>", [("<a>",), (1,)]) == "<li>&lt;a&gt;</li><li>1</li>"
