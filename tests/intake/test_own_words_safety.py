"""Red-flag words in the client's own text, each pattern and each negation pinned: a word
dropped from screening/own_words.py fails here (found by mutation testing, docs/mutation.md)."""

import pytest

from screening.own_words import find_red_flag_words

# (the client's words, the rule's key, the question asked in person), one per pattern.
PHRASES = [
    ("my bladder is odd", "bladder", "bladder_change"),
    ("leaking a bit of wee", "bladder", "bladder_change"),
    ("peeing a lot", "bladder", "bladder_change"),
    ("pain urinating", "bladder", "bladder_change"),
    ("some incontinence lately", "bladder", "bladder_change"),
    ("bowels are strange", "bowel", "bowel_change"),
    ("saddle area tingles", "saddle", "saddle_numbness"),
    ("numbness in my groin", "saddle", "saddle_numbness"),
    ("bum feels numb", "saddle", "saddle_numbness"),
    ("numb between my legs", "saddle", "saddle_numbness"),
    ("pins and needles in the groin", "saddle", "saddle_numbness"),
    ("the worst ever headache", "headache", "sudden_severe_headache"),
    ("a thunderclap yesterday", "headache", "sudden_severe_headache"),
    ("chest feels tight", "chest", "chest_pain"),
    ("pains in my chest", "chest", "chest_pain"),
    ("tightness in the chest", "chest", "chest_pain"),
    ("pressure on my chest", "chest", "chest_pain"),
    ("calf is swollen", "calf", "calf_pain_swelling"),
    ("a swollen left calf", "calf", "calf_pain_swelling"),
    ("can't lift my right arm", "cannot_lift_arm", "arm_injury_cannot_lift"),
    ("losing weight", "weight_loss", "weight_loss_unexplained"),
    ("lost 5 kg of weight", "weight_loss", "weight_loss_unexplained"),
    ("some weight loss", "weight_loss", "weight_loss_unexplained"),
    ("night sweats", "night_sweats", "fever_unwell"),
]


@pytest.mark.parametrize("words, key, question", PHRASES, ids=[p[0] for p in PHRASES])
def test_each_red_flag_phrase_is_asked_about_in_person(words, key, question):
    [hit] = find_red_flag_words({"main_complaint": f"Back ache, and {words} since Monday"})

    assert (hit.rule.key, hit.rule.question, hit.id) == (
        key,
        question,
        f"words:main_complaint:{key}",
    )


NEGATIONS = [
    *("no", "not", "never", "without", "denies", "nor", "none", "nothing"),
    *("dont", "don't", "didnt", "didn't", "havent", "haven't", "hasnt", "hasn't"),
    *("isnt", "isn't"),
]


@pytest.mark.parametrize("negation", NEGATIONS)
def test_a_negation_just_before_the_words_means_they_do_not_count(negation):
    assert find_red_flag_words({"main_complaint": f"Sore back, {negation} chest pain"}) == ()


def test_a_negation_three_words_back_counts_and_four_back_does_not():
    assert find_red_flag_words({"main_complaint": "never had real chest pain"}) == ()
    [hit] = find_red_flag_words({"main_complaint": "never had any real chest pain"})
    assert hit.rule.key == "chest"


@pytest.mark.parametrize(
    "field, named",
    [
        ("main_complaint", "what brings you in"),
        ("conditions", "other health conditions"),
        ("medications", "medicines"),
    ],
)
def test_the_ask_quotes_the_words_and_names_where_they_were_written(field, named):
    [hit] = find_red_flag_words({field: "night sweats"})

    assert hit.ask == (
        "Ask in person, today, before massage: the client wrote "
        f"\u201cnight sweats\u201d ({named})."
    )


def test_a_long_text_is_quoted_forty_characters_either_side():
    before, after = "a" * 50 + " ", " " + "b" * 50
    [hit] = find_red_flag_words({"main_complaint": f"{before}night sweats{after}"})

    assert hit.quote == f"…{'a' * 39} night sweats {'b' * 39}…"


def test_the_quote_keeps_the_clients_own_capitals_and_apostrophes():
    [hit] = find_red_flag_words({"main_complaint": "Can\u2019t sleep. Night sweats"})

    assert hit.quote == "Can\u2019t sleep. Night sweats"


def test_a_negation_in_an_earlier_clause_does_not_reach_the_words():
    [hit] = find_red_flag_words({"main_complaint": "No back pain, chest pain since Monday"})

    assert hit.rule.key == "chest"


@pytest.mark.parametrize(
    "text, counts",
    [
        ("No chest pain until last week", True),  # "until" undoes the negation
        ("No chest pain. Until then all fine", False),  # in the next sentence it does not
        ("No chest pain" + " " * 25 + "until", True),  # "until" ends 40 characters after "chest"
        ("No chest pain" + " " * 26 + "until", False),  # one further: out of reach
    ],
)
def test_words_after_a_negation_can_undo_it_within_its_sentence(text, counts):
    assert bool(find_red_flag_words({"main_complaint": text})) is counts
