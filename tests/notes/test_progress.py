"""Progress words follow the MCIDs of docs/clinical/outcome-measures.md, at their boundaries."""

import datetime
from fractions import Fraction

import pytest

from notes.progress import (
    IMPROVING,
    NO_MEANINGFUL_CHANGE,
    WORSE,
    pain_trend,
    pain_word,
    psfs_trend,
    psfs_word,
)
from tests.factories import make_note


@pytest.mark.parametrize(
    ("baseline", "latest", "word"),
    [
        (6, 4, IMPROVING),  # -2 reaches the MCID
        (6, 5, NO_MEANINGFUL_CHANGE),  # -1 from 6 is within the scale's variation
        (6, 7, NO_MEANINGFUL_CHANGE),
        (6, 8, WORSE),  # +2
        (6, 6, NO_MEANINGFUL_CHANGE),
        (4, 3, NO_MEANINGFUL_CHANGE),  # the low-baseline rule starts at 3
        (3, 2, IMPROVING),  # -1 from 3 or lower is at least 30%
        (1, 0, IMPROVING),
        (3, 4, NO_MEANINGFUL_CHANGE),  # worsening always needs the full 2 points
        (2, 4, WORSE),
        (10, 8, IMPROVING),
        (0, 0, NO_MEANINGFUL_CHANGE),
    ],
)
def test_pain_words_at_the_boundaries(baseline, latest, word):
    assert pain_word(baseline, latest) == word


@pytest.mark.parametrize(
    ("baseline", "latest", "word"),
    [
        (Fraction(3), Fraction(5), IMPROVING),  # +2
        (Fraction(3), Fraction(49, 10), NO_MEANINGFUL_CHANGE),  # +1.9
        (Fraction(5), Fraction(3), WORSE),  # -2
        (Fraction(5), Fraction(31, 10), NO_MEANINGFUL_CHANGE),  # -1.9
        (Fraction(10, 3), Fraction(16, 3), IMPROVING),  # 3.3 -> 5.3 is exactly +2
    ],
)
def test_psfs_words_at_the_boundaries(baseline, latest, word):
    assert psfs_word(baseline, latest) == word


def _notes(client, *pains, **fields):
    today = datetime.date(2026, 11, 2)
    return [
        make_note(client, day=today + datetime.timedelta(days=7 * i), pain_before=p, **fields)
        for i, p in enumerate(pains)
    ]


def test_pain_trend_compares_the_latest_with_the_first(alice_client, complaint_map):
    # The middle dip does not count: first 6, latest 5 is no meaningful change.
    trend = pain_trend(_notes(alice_client, 6, 2, 5))

    assert (trend.baseline, trend.value, trend.word) == (6, 5, NO_MEANINGFUL_CHANGE)


def test_pain_trend_uses_pain_before_not_after(alice_client, complaint_map):
    notes = _notes(alice_client, 6, 6)  # pain after is 3 each time

    assert pain_trend(notes).word == NO_MEANINGFUL_CHANGE


def test_no_trend_from_one_note(alice_client, complaint_map):
    assert pain_trend(_notes(alice_client, 6)) is None
    assert psfs_trend(_notes(alice_client, 6)) is None


def test_psfs_trend_with_the_same_activities(alice_client, complaint_map):
    first = make_note(
        alice_client,
        day=datetime.date(2026, 11, 2),
        psfs_activity_1="Sit through a film",
        psfs_score_1=3,
        psfs_activity_2="Lift my child",
        psfs_score_2=4,
    )
    latest = make_note(
        alice_client,
        day=datetime.date(2026, 11, 30),
        psfs_activity_1="lift  my child",
        psfs_score_1=6,
        psfs_activity_2="Sit through a film ",
        psfs_score_2=5,
    )

    trend = psfs_trend([first, latest])

    assert trend.word == IMPROVING and trend.change == 2


def test_no_psfs_word_when_the_activities_changed(alice_client, complaint_map):
    first = make_note(
        alice_client, day=datetime.date(2026, 11, 2), psfs_activity_1="Drive", psfs_score_1=2
    )
    latest = make_note(
        alice_client, day=datetime.date(2026, 11, 30), psfs_activity_1="Swim", psfs_score_1=9
    )

    assert psfs_trend([first, latest]) is None


def _signed(client, *pains):
    from notes import services

    return [services.note_sign(note=n, user=client.therapist) for n in _notes(client, *pains)]


def test_the_client_page_words_the_trend(as_alice, alice_client, complaint_map):
    _notes(alice_client, 7, 6, 5)

    page = as_alice.get(f"/clients/{alice_client.pk}/").content.decode()

    assert '<strong class="trend-improving">Improving</strong>' in page
    assert "mcid-ring mcid-improving" in page


def test_the_client_page_says_no_meaningful_change_below_the_mcid(
    as_alice, alice_client, complaint_map
):
    _notes(alice_client, 7, 6)

    page = as_alice.get(f"/clients/{alice_client.pk}/").content.decode()

    assert '<strong class="trend-no-meaningful-change">No meaningful change</strong>' in page
    assert "mcid-ring" not in page


def test_a_letter_gives_the_trend_in_one_sentence(alice_client, complaint_map):
    from referrals.selectors import draft_content

    _signed(alice_client, 4, 6, 7, 6)

    findings = draft_content(alice_client).fields["findings"]

    assert findings.splitlines()[-1] == (
        "Over 4 sessions from 2 November 2026 to 23 November 2026, pain before the session "
        "went from 4/10 to 6/10: worse (a fall of at least 2 points, or 1 from a starting "
        "score of 3 or lower, counts as clinically meaningful)."
    )
