"""Medicines named in the client's own words (docs/clinical/medications.md, version 3): which
class a name is read as, whether it counts as a yes to its class's question, and what the
therapist is asked to check in person."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from screening import medications
from screening.medications import (
    DRUG_CLASSES,
    QUESTION_IDS,
    SOURCE,
    find_medicines,
    normalise,
)
from screening.questions import QUESTIONS

# (class ATC, brand, generic, an upper-case name, an accented name, a one-typo spelling, the
# question a match counts as a yes to).
CLASSES = [
    ("B01AA", "Coumadin", "warfarin", "WARFARIN", "Wárfarin", "warfrin", "anticoagulants"),
    ("B01AB", "Clexane", "enoxaparin", "LOVENOX", "Énoxaparin", "enoxparin", "anticoagulants"),
    ("B01AC", "Plavix", "clopidogrel", "BRILIQUE", "Clopidogrél", "clopidogrol", "anticoagulants"),
    ("B01AE", "Pradaxa", "dabigatran", "DABIGATRAN", "Prádaxa", "dabigatrn", "anticoagulants"),
    (
        "B01AX",
        "Arixtra",
        "fondaparinux",
        "ARIXTRA",
        "Fondaparínux",
        "fondaparinex",
        "anticoagulants",
    ),
    ("B01AF", "Eliquis", "apixaban", "XARELTO", "Éliquis", "apixiban", "anticoagulants"),
    (
        "H02AB",
        "Medrol",
        "prednisolone",
        "DEXAMETHASONE",
        "Prednisolöne",
        "prednisolon",
        "long_term_steroids",
    ),
    (
        "L01, L02B",
        "Xeloda",
        "capecitabine",
        "XELODA",
        "Capécitabine",
        "capecitabin",
        "cancer_treatment_now",
    ),
    (
        "M05BA, M05BX",
        "Fosamax",
        "alendronate",
        "PROLIA",
        "Alendronaté",
        "alendronat",
        "osteoporosis",
    ),
    ("L04", "Humira", "methotrexate", "ENBREL", "Méthotrexate", "methotrexat", "immunosuppressed"),
]


def only(text, **options):
    (match,) = find_medicines(text, **options)
    return match


def counted(text, **options):
    return [m.generic for m in find_medicines(text, **options) if m.counts]


ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def no_dictionary(monkeypatch):
    """Without the brands extracted from the drug-name dictionary: our table reads the text
    alone."""
    monkeypatch.setattr(medications, "_INDEX", medications.NameIndex())


# Names, spellings and typos


@pytest.mark.parametrize(
    "spelling", [1, 2, 3, 4, 5], ids=["brand", "generic", "upper", "accent", "typo"]
)
@pytest.mark.parametrize(
    ("atc", "brand", "generic", "upper", "accent", "typo", "question_id"),
    CLASSES,
    ids=[row[0] for row in CLASSES],
)
def test_each_class_is_found_by_brand_generic_case_accent_and_one_typo(
    atc, brand, generic, upper, accent, typo, question_id, spelling
):
    written = (None, brand, generic, upper, accent, typo)[spelling]
    match = only(f"{written} 5 mg daily", cancer_history=True)
    assert (match.drug_class.atc, match.question_id, match.counts) == (atc, question_id, True)
    assert (match.ask, match.ask_question, match.written) == ("", "", written)


def test_swapped_letters_xarleto_is_read_as_xarelto():
    match = only("xarleto 20mg")
    assert (match.name, match.generic, match.counts) == ("Xarelto", "rivaroxaban", True)
    assert (
        match.in_words() == "xarleto (rivaroxaban) is an anticoagulant (direct factor Xa inhibitor)"
    )
    # A swap is one typo; a swap and one more change are two.
    assert only("Eliqius").generic == "apixaban"
    assert find_medicines("xarleta") == find_medicines("xralteo") == ()


def test_six_letter_names_tolerate_one_typo_and_five_letter_names_none():
    assert only("Medral").name == "Medrol"
    assert len("Femara") == 6 and only("Femura", cancer_history=True).generic == "letrozole"
    assert len("Waran") == 5 and only("Waran").generic == "warfarin"
    assert find_medicines("Waren") == find_medicines("Wraan") == ()


@pytest.mark.parametrize(
    "text",
    [
        "Heparinoid cream",
        "prewarfarinised",
        "antiheparins",
        "Eliquisxx",
        "superprednisolone",
        "methotrexateish",
    ],
)
def test_a_name_inside_a_longer_word_does_not_match(text):
    assert find_medicines(text) == ()


@pytest.mark.parametrize(
    "text",
    [
        "Ibuprofen 200 mg when needed",
        "Paracetamol 1 g",
        "Metformin 500mg twice daily",
        "Vitamin D",
        "Aspirin 75 mg (low dose)",
        "Amlodipine 5mg, atorvastatin 20mg",
        "Sertraline",
        "",
        None,
    ],
)
def test_other_medicines_are_not_read_as_a_listed_class(text):
    assert find_medicines(text) == ()


def test_a_typo_that_is_the_exact_name_of_another_medicine_is_that_medicine():
    # One typo from Aromasin and Coumadin, but the dictionary knows them as other things; and
    # Panadol (paracetamol) is one typo from Panasol, a prednisone brand of the dictionary.
    assert find_medicines("Tromasin") == find_medicines("coumarin") == ()
    assert find_medicines("Panadol 500 mg") == ()


def test_everyday_words_one_letter_from_a_brand_are_not_read_as_it():
    assert find_medicines("Home exercise program; neural tension; femora fine") == ()
    # One letter from Iscover, Cortef, Panasol, Warfant and Roteas, brands of the dictionary.
    assert find_medicines("Discover; visual cortex; parasol; warrant; work rotas") == ()


def test_names_of_two_words_and_their_other_spellings():
    assert only("zoledronic acid infusion once a year").medicine == "zoledronic acid"
    assert only("Zoledronate yearly").medicine == "Zoledronate (zoledronic acid)"
    assert only("alendronic acid 70 mg").medicine == "alendronic acid (alendronate)"
    assert only("cyclosporine").medicine == "cyclosporine (ciclosporin)"
    assert only("mycophenolic acid").question_id == "immunosuppressed"


def test_each_generic_is_listed_once_in_the_order_written():
    found = find_medicines("warfarin; Plavix 75mg; aspirin; Coumadin 3 mg")
    assert [m.generic for m in found] == ["warfarin", "clopidogrel"]
    assert len(find_medicines("Xelodaa Xelodo")) == 1


def test_normalise_folds_case_and_accents():
    assert normalise("ÉLIQUIS") == normalise("Éliquis") == "eliquis"


# What was written and what it was read as


@pytest.mark.parametrize(
    ("text", "in_words"),
    [
        ("warfrin", "warfrin (warfarin) is an anticoagulant (vitamin K antagonist)"),
        ("Eliquis 5mg,", "Eliquis (apixaban) is an anticoagulant (direct factor Xa inhibitor)"),
        ("apixaban", "apixaban is an anticoagulant (direct factor Xa inhibitor)"),
        ("APIXÁBAN", "APIXÁBAN is an anticoagulant (direct factor Xa inhibitor)"),
        ("Fosamax", "Fosamax (alendronate) is a bone-strengthening medicine (for osteoporosis)"),
        ("Humira pen", "Humira (adalimumab) is an immunosuppressant"),
    ],
)
def test_reason_names_what_was_written_and_what_it_was_read_as(text, in_words):
    assert only(text).in_words() == in_words


# Version 3 classes and names


def test_fosamax_counts_as_osteoporosis():
    for text in ("Fosamax 70 mg weekly", "Prolia injection every 6 months", "Aclasta", "Bonviva"):
        match = only(text)
        assert (match.question_id, match.counts, match.drug_class.atc) == (
            "osteoporosis",
            True,
            "M05BA, M05BX",
        )


def test_methotrexate_is_an_immunosuppressant_never_cancer_treatment():
    for history in (True, False, None):
        match = only("Methotrexate 15 mg once a week", cancer_history=history)
        assert (match.question_id, match.counts, match.drug_class.atc) == (
            "immunosuppressed",
            True,
            "L04",
        )
    cancer = next(c for c in DRUG_CLASSES if c.question_id == "cancer_treatment_now")
    assert "methotrexate" not in {normalise(name) for name in cancer.names}


@pytest.mark.parametrize(
    ("brand", "generic"),
    [
        ("Fluindione", "fluindione"),
        ("Previscan", "fluindione"),
        ("Waran", "warfarin"),
        ("Sinthrome", "acenocoumarol"),
        ("Minisintrom", "acenocoumarol"),
        ("Marcoumar", "phenprocoumon"),
        ("Marcumar", "phenprocoumon"),
        ("Falithrom", "phenprocoumon"),
        ("Pradax", "dabigatran"),
        ("Binosto", "alendronate"),
        ("Reclast", "zoledronic acid"),
        ("Enbrel", "etanercept"),
        ("Remicade", "infliximab"),
        ("Imuran", "azathioprine"),
        ("CellCept", "mycophenolate"),
        ("Neoral", "ciclosporin"),
        ("Prograf", "tacrolimus"),
    ],
)
def test_the_version_3_brands_are_in_our_table(brand, generic, no_dictionary):
    match = only(brand)
    assert (match.generic, match.counts, match.from_dictionary) == (generic, True, False)


# Route: a steroid that is not taken by mouth


@pytest.mark.parametrize(
    "text",
    [
        "hydrocortisone cream 1%",
        "Hydrocortisone ointment on eczema",
        "prednisolone eye drops",
        "dexamethasone ear drops",
        "dexamethasone nasal spray",
        "hydrocortisone gel",
        "hydrocortisone lotion",
        "prednisolone inhaler",
        "dexamethasone puffer",
        "inhaled dexamethasone",
        "topical hydrocortisone",
    ],
)
def test_hydrocortisone_cream_is_not_an_oral_steroid(text):
    match = only(text)
    assert (match.counts, match.ask, match.ask_question) == (False, "", "")
    assert match.not_counted == "not by mouth"


def test_a_cream_in_another_item_does_not_make_a_tablet_local():
    assert counted("prednisolone 5 mg daily, hydrocortisone cream") == ["prednisolone"]


def test_tacrolimus_ointment_and_ciclosporin_eye_drops_are_not_immunosuppression():
    assert counted("tacrolimus ointment for eczema") == []
    assert counted("ciclosporin eye drops") == []
    assert counted("methotrexate injection weekly") == ["methotrexate"]
    assert counted("tacrolimus 2 mg twice daily (kidney transplant)") == ["tacrolimus"]


# Short steroid courses


@pytest.mark.parametrize(
    "text",
    [
        "prednisolone 40 mg for 6 days",
        "prednisolone 5-day course",
        "a course of prednisolone",
        "Medrol dose pack",
        "Medrol dosepak",
        "prednisone for a week",
        "prednisolone 30mg 5/7",
        "dexamethasone, 3 days",
    ],
)
def test_a_six_day_prednisolone_course_does_not_count(text):
    match = only(text)
    assert (match.counts, match.ask, match.ask_question) == (False, "", "")
    assert match.not_counted == "short course"


@pytest.mark.parametrize(
    "text",
    [
        "prednisolone 5 mg daily",
        "prednisolone 5 mg a day for 6 months",
        "prednisone 10mg once a day",
        "hydrocortisone 10 mg morning, 5 mg afternoon",
    ],
)
def test_a_steroid_taken_every_day_counts(text):
    assert only(text).counts is True


def test_a_short_course_matters_only_for_steroids():
    assert counted("enoxaparin injections for 10 days after surgery") == ["enoxaparin"]


# Past use


def test_stopped_warfarin_is_asked_in_person_not_counted():
    match = only("used to take warfarin")
    assert (match.counts, match.not_counted) == (False, "past use")
    assert (
        match.ask == 'Ask whether "used to take warfarin" is still taken (written under medicines).'
    )
    assert match.ask_question == "anticoagulants"


@pytest.mark.parametrize(
    ("text", "quote"),
    [
        ("stopped warfarin", "stopped warfarin"),
        ("Warfarin in the past", "Warfarin in the past"),
        ("warfarin until 2019", "warfarin until 2019"),
        ("no longer on Xarelto", "no longer on Xarelto"),
        ("previously Eliquis", "previously Eliquis"),
        ("formerly on clopidogrel", "formerly on clopidogrel"),
        ("I quit prednisolone last year", "quit prednisolone"),
        ("came off Pradaxa in May", "came off Pradaxa"),
        ("warfarin (stopped in 2019)", "warfarin (stopped in 2019)"),
        ("Humira, discontinued 2021", "Humira, discontinued 2021"),
        ("Fosamax 5 years ago", "Fosamax 5 years ago"),
        ("took tamoxifen until March 2020", "took tamoxifen until March 2020"),
    ],
)
def test_words_of_past_use_next_to_a_name_are_asked_about_in_person(text, quote):
    match = only(text, cancer_history=True)
    assert (match.counts, match.ask_question) == (False, match.question_id)
    assert match.ask == f'Ask whether "{quote}" is still taken (written under medicines).'


@pytest.mark.parametrize(
    "text",
    [
        "stopped aspirin, now on Eliquis",
        "Eliquis, stopped aspirin",
        "stopped aspirin but take Eliquis",
        "used to take warfarin; Eliquis 5 mg twice daily",
        "Used to take warfarin.\nEliquis 5 mg",
    ],
)
def test_past_use_in_another_item_does_not_cancel_a_current_medicine(text):
    found = {m.generic: m for m in find_medicines(text)}
    assert found["apixaban"].counts is True
    assert found["apixaban"].ask == ""
    if "warfarin" in found:
        assert (found["warfarin"].counts, found["warfarin"].not_counted) == (False, "past use")


@pytest.mark.parametrize("text", ["started Eliquis 2 years ago", "on Eliquis since 3 years ago"])
def test_a_medicine_started_years_ago_is_not_past_use(text):
    assert only(text).counts is True


def test_a_stopped_steroid_cream_needs_no_question():
    match = only("stopped hydrocortisone cream")
    assert (match.counts, match.ask, match.not_counted) == (False, "", "not by mouth")


def test_a_medicine_stopped_once_and_taken_again_counts():
    match = only("stopped warfarin in 2019, back on Coumadin since May")
    assert (match.generic, match.counts, match.ask) == ("warfarin", True, "")


# Breast-cancer hormone medicines


@pytest.mark.parametrize("history", [False, None])
@pytest.mark.parametrize("name", ["letrozole", "anastrozole", "exemestane", "tamoxifen"])
def test_letrozole_without_cancer_history_is_asked_in_person(name, history):
    match = only(f"{name} 2.5 mg", cancer_history=history)
    assert (match.counts, match.ask_question) == (False, "cancer_treatment_now")
    assert match.ask == (
        f"Ask what {name} is taken for: it treats breast cancer but is also used for fertility "
        "(written under medicines)."
    )


def test_a_hormone_brand_is_asked_about_by_both_names():
    assert only("Femara").ask.startswith("Ask what Femara (letrozole) is taken for:")


def test_letrozole_with_a_history_of_cancer_counts_as_cancer_treatment():
    match = only("letrozole 2.5 mg", cancer_history=True)
    assert (match.counts, match.ask, match.question_id) == (True, "", "cancer_treatment_now")


def test_capecitabine_counts_as_cancer_treatment_whatever_the_history():
    for history in (True, False, None):
        assert counted("Xeloda", cancer_history=history) == ["capecitabine"]


# The conditions text


def test_names_in_the_conditions_text_count_and_their_asks_say_where_they_were_written():
    found = find_medicines(
        "Atrial fibrillation (on Eliquis); DVT 2015, used to take warfarin; "
        "infertility treatment with letrozole",
        field="conditions",
    )
    by_generic = {m.generic: m for m in found}
    assert by_generic["apixaban"].counts and by_generic["apixaban"].field == "conditions"
    assert by_generic["warfarin"].ask.endswith("(written under conditions).")
    assert by_generic["letrozole"].ask.endswith("(written under conditions).")


# The drug-name dictionary, for brands our table does not list

# Brands from other countries, not in our table, that the dictionary resolves to one of our
# generics (checked by running it: see docs/clinical/medications.md).
OTHER_BRANDS = [
    ("Aldocumar", "warfarin", "anticoagulants"),  # Spain
    ("Syncumar", "acenocoumarol", "anticoagulants"),  # Hungary
    ("Roteas", "edoxaban", "anticoagulants"),
    ("Iscover", "clopidogrel", "anticoagulants"),
    ("Persantin", "dipyridamole", "anticoagulants"),
    ("Deltacortril", "prednisolone", "long_term_steroids"),  # United Kingdom
    ("Cortancyl", "prednisone", "long_term_steroids"),  # France
    ("Urbason", "methylprednisolone", "long_term_steroids"),  # Germany, Spain
    ("Atelvia", "risedronate", "osteoporosis"),
    ("Bondronat", "ibandronate", "osteoporosis"),
    ("Fosavance", "alendronate", "osteoporosis"),  # alendronate with vitamin D
    ("Amgevita", "adalimumab", "immunosuppressed"),
    ("Benepali", "etanercept", "immunosuppressed"),
    ("Remsima", "infliximab", "immunosuppressed"),
    ("Sandimmun", "ciclosporin", "immunosuppressed"),
    ("Advagraf", "tacrolimus", "immunosuppressed"),
    ("Myfortic", "mycophenolate", "immunosuppressed"),
]


@pytest.mark.parametrize(("brand", "generic", "question_id"), OTHER_BRANDS)
def test_a_brand_from_another_country_is_found_through_the_dictionary(brand, generic, question_id):
    assert normalise(brand) not in {
        normalise(name) for drug_class in DRUG_CLASSES for name in drug_class.names
    }
    match = only(f"{brand} 10 mg")
    assert (match.generic, match.question_id, match.counts) == (generic, question_id, True)
    assert (match.from_dictionary, match.medicine) == (True, f"{brand} ({generic})")


@pytest.mark.parametrize(
    ("brand", "generic"),
    [("Coumadine", "warfarin"), ("Prazaxa", "dabigatran"), ("Efient", "prasugrel")],
)
def test_a_foreign_spelling_one_letter_from_our_brand_is_read_by_our_table(
    brand, generic, no_dictionary
):
    assert only(brand).generic == generic


def test_a_dictionary_brand_follows_the_same_rules_of_use():
    assert only("Deltacortril 5-day course").not_counted == "short course"
    assert only("stopped Amgevita").ask == (
        'Ask whether "stopped Amgevita" is still taken (written under medicines).'
    )


@pytest.mark.parametrize("text", ["Protopic ointment", "Maxidex", "Locoid", "high cortisol"])
def test_skin_and_eye_products_and_cortisol_are_not_read_through_the_dictionary(text):
    assert find_medicines(text) == ()


def test_a_dictionary_brand_tolerates_one_typo_like_ours():
    match = only("Deltacortrill 5 mg")
    assert (match.generic, match.from_dictionary, match.name) == (
        "prednisolone",
        True,
        "deltacortril",
    )
    assert only("Sandimun").generic == "ciclosporin"
    assert find_medicines("Remsimaxx") == find_medicines("antiremsima") == ()
    assert find_medicines("Xgeve") == ()  # five letters: exact only


def test_an_ordinary_sentence_matches_nothing_and_never_consults_the_dictionary():
    assert find_medicines("I take vitamin D and fish oil, no other medicines") == ()
    assert find_medicines("Tablets every morning and night, nothing else") == ()


def test_without_the_dictionary_our_table_still_reads_the_text(no_dictionary):
    assert find_medicines("Aldocumar 3 mg") == ()
    assert only("Eliquis 5 mg, Aldocumar").generic == "apixaban"


def test_the_dictionary_is_not_loaded_at_run_time():
    # A fresh process that cannot import the package still reads a dictionary brand, and the
    # package is never imported (it costs about 2 seconds and 350 MB in each process).
    code = (
        "import sys\n"
        "sys.modules['drug_named_entity_recognition'] = None  # importing it would fail\n"
        "from screening.medications import find_medicines\n"
        "found = find_medicines('Metformin 500 mg, lisinopril, Deltacortril 5 mg, Aldocumar')\n"
        "print(sorted(m.generic for m in found))\n"
        "del sys.modules['drug_named_entity_recognition']\n"
        "print(sorted(name for name in sys.modules if name.startswith('drug_named')))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert result.stdout.splitlines() == ["['prednisolone', 'warfarin']", "[]"]


def test_the_brand_file_is_reviewable_data_with_its_source():
    data = json.loads(medications.BRANDS_FILE.read_text(encoding="utf-8"))
    assert data["package"] == "drug-named-entity-recognition"
    assert data["version"] and data["extracted"]
    assert list(data["brands"]) == sorted(data["brands"])
    ours = {generic for drug_class in DRUG_CLASSES for generic in drug_class.generic_names}
    listed = {normalise(name) for drug_class in DRUG_CLASSES for name in drug_class.names}
    for generic, names in data["brands"].items():
        assert generic in ours
        assert names == sorted(set(names))
        for name in names:
            assert name == normalise(name) and len(name) >= medications.DICTIONARY_MIN_LENGTH
            assert name not in listed | medications.COMMON_WORDS | medications.DICTIONARY_SKIPS
    assert {"locoid", "maxidex", "tobradex", "protopic", "restasis", "cortisol"}.isdisjoint(
        name for names in data["brands"].values() for name in names
    )


# Needs no database: run once, in the SQLite run of tests/run-all.sh, not again on PostgreSQL.
@pytest.mark.skipif(bool(os.environ.get("DATABASE_URL")), reason="runs on one database only")
@pytest.mark.slow  # reads the whole drug dictionary: over ten seconds
def test_the_committed_brand_list_matches_the_dictionary():
    # After an upgrade of drug-named-entity-recognition: run `python manage.py
    # extract_drug_brands`, review the difference and give the rules a new version.
    pytest.importorskip("drug_named_entity_recognition")
    before = medications.BRANDS_FILE.read_bytes()
    result = subprocess.run(
        [sys.executable, "manage.py", "extract_drug_brands", "--check"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "is up to date" in result.stdout
    assert medications.BRANDS_FILE.read_bytes() == before  # --check writes nothing


# Properties

ORDINARY_TEXT = (
    "I take a vitamin D tablet and fish oil every morning with breakfast, magnesium at night, "
    "paracetamol or ibuprofen when my shoulder hurts; no other medicines. High blood pressure, "
    "asthma as a child, knee surgery, massage helped before, desk job, sleep badly, stiff neck, "
    "2 cups of coffee, walk the dog, 5 mg, 10 ml, twice daily, as needed."
)
ORDINARY_WORDS = ORDINARY_TEXT.split()


@settings(max_examples=60, deadline=None, database=None)
@given(st.lists(st.sampled_from(ORDINARY_WORDS), max_size=30))
def test_any_text_of_ordinary_words_yields_nothing(words):
    assert find_medicines(" ".join(words)) == ()


LISTED = sorted({name for drug_class in DRUG_CLASSES for name in drug_class.names})


@settings(max_examples=60, deadline=None, database=None)
@given(
    st.lists(st.sampled_from(ORDINARY_WORDS), max_size=12),
    st.sampled_from(LISTED),
    st.lists(st.sampled_from(ORDINARY_WORDS), max_size=12),
)
def test_a_listed_name_among_ordinary_words_is_found_and_counts(before, name, after):
    match = only(f"{' '.join(before)}; {name}; {' '.join(after)}", cancer_history=True)
    assert normalise(match.written) == normalise(name)
    assert match.counts is True


# The data


def test_the_classes_are_reviewable_data_with_their_source():
    atcs = {drug_class.atc for drug_class in DRUG_CLASSES}
    assert {"B01AA", "B01AB", "B01AC", "B01AE", "B01AF", "H02AB", "M05BA, M05BX", "L04"} <= atcs
    for drug_class in DRUG_CLASSES:
        assert drug_class.source == SOURCE == "WHO ATC/DDD index"
        assert drug_class.question_id in QUESTIONS
        assert drug_class.question_id in QUESTION_IDS
        assert drug_class.generic_names and drug_class.brand_names
        assert set(drug_class.names.values()) <= set(drug_class.generic_names)
        assert not set(drug_class.synonyms) & set(drug_class.brand_names)
    assert {"osteoporosis", "immunosuppressed"} <= set(QUESTION_IDS)
