"""Every medicine the clinical document lists is read by our own table, as its class: the
document (docs/clinical/medications.md, "Classes") is what a clinician reviewed, so a name
dropped from screening/medications.py fails here (found by mutation testing,
docs/mutation.md)."""

import datetime
import re
from pathlib import Path

import pytest

from screening import medications

ON = datetime.date(2026, 6, 15)
DOC = Path(__file__).resolve().parents[2] / "docs" / "clinical" / "medications.md"


def _rows():
    """(class, ATC, question id, generics, brands) of each row of the document's table."""
    rows = []
    for line in DOC.read_text().splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if len(cells) != 5 or not cells[2].startswith("`"):
            continue
        name, atc, question, generics, brands = cells
        rows.append(
            (
                name,
                atc,
                question.strip("`"),
                [g.strip() for g in generics.split(",")],
                [b.strip() for b in brands.split(",")],
            )
        )
    return rows


ROWS = _rows()
NAMES = [
    (written, question, generics)
    for _name, _atc, question, generics, brands in ROWS
    for written in (*generics, *brands)
]


@pytest.fixture
def no_dictionary(monkeypatch):
    monkeypatch.setattr(medications, "_INDEX", medications.NameIndex())


def test_the_document_lists_every_class_of_the_table():
    assert len(ROWS) == len(medications.DRUG_CLASSES) == 10
    for (name, atc, question, generics, brands), drug_class in zip(
        ROWS, medications.DRUG_CLASSES, strict=True
    ):
        # The document's words differ a little ("bone-strengthening: bisphosphonate or ...").
        assert name.split()[0].strip(",:") == drug_class.name.split()[0].strip(",:")
        assert drug_class.atc.split(",")[0].strip() in atc
        assert drug_class.question_id == question
        assert list(drug_class.generic_names) == generics
        assert sorted(drug_class.brand_names) == sorted(brands)
        assert re.fullmatch(r"an? [a-z].*", drug_class.description), drug_class.description


@pytest.mark.parametrize("written, question, generics", NAMES, ids=[n[0] for n in NAMES])
def test_each_listed_name_taken_now_counts_as_a_yes_to_its_question(
    no_dictionary, written, question, generics
):
    [found] = medications.find_medicines(f"{written} every day", cancer_history=True)

    assert found.counts and found.question_id == question
    assert found.generic in generics
    assert found.name == written  # the listed name itself, not another one a typo away


# docs/clinical/medications.md: other spellings of a generic are read as that generic.
SYNONYMS = [
    ("zoledronate", "zoledronic acid"),
    ("alendronic acid", "alendronate"),
    ("risedronic acid", "risedronate"),
    ("ibandronic acid", "ibandronate"),
    ("mycophenolic acid", "mycophenolate"),
    ("cyclosporine", "ciclosporin"),
    ("cyclosporin", "ciclosporin"),
]


@pytest.mark.parametrize("written, generic", SYNONYMS, ids=[s[0] for s in SYNONYMS])
def test_another_spelling_of_a_generic_is_read_as_it(no_dictionary, written, generic):
    [found] = medications.find_medicines(f"{written} weekly")

    assert (found.name, found.generic, found.counts) == (written, generic, True)


# Everyday words one typo from a listed name or a dictionary brand (screening/medications.py,
# NOT_TYPOS): never read as a medicine.
EVERYDAY_WORDS = [
    "program",
    "neural",
    "recast",
    "femora",
    "prolix",
    "reclass",
    "discover",
    "cortex",
    "cortes",
    "cortez",
    "parasol",
    "rotas",
    "warrant",
    "winfred",
    "xamarin",
    "maura",
    "madura",
    "corban",
]


@pytest.mark.parametrize("word", EVERYDAY_WORDS)
def test_an_everyday_word_one_typo_from_a_medicine_is_not_read_as_it(word):
    assert medications.find_medicines(f"{word.capitalize()} at work") == ()


@pytest.mark.parametrize(
    "written, name",
    [
        ("zoledronik acid yearly", "zoledronic acid"),  # a typo in a name of two words
        ("methylprednisolonee daily", "methylprednisolone"),  # a letter too many, the longest
        ("Plvix daily", "Plavix"),  # a letter missing from a name of six
    ],
)
def test_one_typo_in_any_listed_name_is_still_read_as_it(no_dictionary, written, name):
    [found] = medications.find_medicines(written)

    assert (found.name, found.counts) == (name, True)


@pytest.mark.parametrize(
    "text, quote",
    [
        ("Eliquis 5 mg, warfarin (stopped in 2019)", "warfarin (stopped in 2019)"),
        ("warfarin - stopped in 2019;", "warfarin - stopped in 2019"),
        ("warfarin, stopped in 2019", "warfarin, stopped in 2019"),
        ("used to take warfarin until 2019 for AF", "used to take warfarin until 2019 for AF"),
        ("warfarin stopped 2019 -", "warfarin stopped 2019"),  # a dangling dash left out
    ],
)
def test_a_stopped_medicine_after_another_is_asked_about_with_its_own_words(text, quote):
    found = {m.generic: m for m in medications.find_medicines(text)}

    assert (
        found["warfarin"].ask == f'Ask whether "{quote}" is still taken (written under medicines).'
    )
    assert not found["warfarin"].counts
    if "apixaban" in found:
        assert found["apixaban"].counts


@pytest.mark.parametrize("text", ["prednisolone most days", "prednisolone on bad days"])
def test_a_steroid_taken_on_days_without_a_number_of_them_is_not_a_short_course(text):
    [found] = medications.find_medicines(text)

    assert found.counts and found.not_counted == ""


def test_a_medicine_written_twice_is_listed_once_as_first_written():
    [found] = medications.find_medicines("Eliquis twice daily (apixaban)")

    assert (found.written, found.generic, found.counts) == ("Eliquis", "apixaban", True)


def test_letrozole_without_a_cancer_history_says_why_it_does_not_count():
    [found] = medications.find_medicines("letrozole 2.5 mg", cancer_history=False)

    assert (found.counts, found.not_counted) == (False, "no history of cancer")


def test_each_item_of_a_list_is_read_with_its_own_words():
    found = medications.find_medicines("hydrocortisone cream, prednisolone (stopped in 2019)")

    assert [(m.generic, m.counts, m.not_counted) for m in found] == [
        ("hydrocortisone", False, "not by mouth"),
        ("prednisolone", False, "past use"),
    ]
