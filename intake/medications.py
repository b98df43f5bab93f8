"""Medicines in the client's own words: the drug classes of docs/clinical/medications.md as
data, and matching of the free-text `medications` answer against them.

Clients often don't know that their tablet is a "blood thinner". A medicine of a listed class
counts as a yes to the screening question of its class (intake/screening.py applies it), so
the rule reading that question fires even when the client answered no.

Matching (docs/clinical/medications.md, "Matching names"): each word of the answer, split on
anything that is not a letter, is compared with each generic and brand name, ignoring case and
accents; names of six letters or more tolerate one typo (one letter missing, added or
changed); a name never matches inside a longer word. Adding or removing a name changes
screening results, so it needs a new RULES_VERSION.
"""

import re
import unicodedata
from dataclasses import dataclass

from rapidfuzz.distance import Levenshtein

SOURCE = "WHO ATC/DDD index"
TYPO_MIN_LENGTH = 6  # names this long or longer tolerate one typo


@dataclass(frozen=True)
class DrugClass:
    """One class: `names` maps each generic and brand name to its generic name."""

    name: str
    description: str  # as the reason says it: "an anticoagulant (vitamin K antagonist)"
    atc: str
    question_id: str
    names: dict
    source: str = SOURCE

    @property
    def generic_names(self):
        return tuple(dict.fromkeys(self.names.values()))

    @property
    def brand_names(self):
        return tuple(name for name, generic in self.names.items() if name != generic)


def _names(generics, brands):
    """Generic names map to themselves; brands to their generic."""
    return {**{generic: generic for generic in generics}, **brands}


DRUG_CLASSES = (
    DrugClass(
        name="anticoagulant, vitamin K antagonist",
        description="an anticoagulant (vitamin K antagonist)",
        atc="B01AA",
        question_id="anticoagulants",
        names=_names(
            ("warfarin", "acenocoumarol", "phenprocoumon"),
            {
                "Coumadin": "warfarin",
                "Jantoven": "warfarin",
                "Marevan": "warfarin",
                "Sintrom": "acenocoumarol",
            },
        ),
    ),
    DrugClass(
        name="anticoagulant, heparin group",
        description="an anticoagulant (heparin group)",
        atc="B01AB",
        question_id="anticoagulants",
        names=_names(
            ("heparin", "enoxaparin", "dalteparin", "tinzaparin"),
            {
                "Lovenox": "enoxaparin",
                "Clexane": "enoxaparin",
                "Fragmin": "dalteparin",
                "Innohep": "tinzaparin",
            },
        ),
    ),
    DrugClass(
        # Aspirin (B01AC06) is left out on purpose: low-dose aspirin alone fires no rule.
        name="antiplatelet",
        description="an antiplatelet blood thinner",
        atc="B01AC",
        question_id="anticoagulants",
        names=_names(
            ("clopidogrel", "prasugrel", "ticagrelor", "dipyridamole"),
            {
                "Plavix": "clopidogrel",
                "Effient": "prasugrel",
                "Brilinta": "ticagrelor",
                "Brilique": "ticagrelor",
            },
        ),
    ),
    DrugClass(
        name="direct thrombin inhibitor",
        description="an anticoagulant (direct thrombin inhibitor)",
        atc="B01AE",
        question_id="anticoagulants",
        names=_names(("dabigatran",), {"Pradaxa": "dabigatran"}),
    ),
    DrugClass(
        name="direct factor Xa inhibitor",
        description="an anticoagulant (direct factor Xa inhibitor)",
        atc="B01AF",
        question_id="anticoagulants",
        names=_names(
            ("rivaroxaban", "apixaban", "edoxaban"),
            {
                "Xarelto": "rivaroxaban",
                "Eliquis": "apixaban",
                "Lixiana": "edoxaban",
                "Savaysa": "edoxaban",
            },
        ),
    ),
    DrugClass(
        name="oral corticosteroid",
        description="an oral corticosteroid (ask how long it has been taken)",
        atc="H02AB",
        question_id="long_term_steroids",
        names=_names(
            (
                "prednisone",
                "prednisolone",
                "methylprednisolone",
                "dexamethasone",
                "hydrocortisone",
            ),
            {
                "Deltasone": "prednisone",
                "Medrol": "methylprednisolone",
                "Decadron": "dexamethasone",
            },
        ),
    ),
    DrugClass(
        name="antineoplastic, or hormone therapy for cancer",
        description="a cancer treatment (antineoplastic or hormone therapy)",
        atc="L01, L02B",
        question_id="cancer_treatment_now",
        names=_names(
            ("capecitabine", "tamoxifen", "letrozole", "anastrozole", "exemestane"),
            {
                "Xeloda": "capecitabine",
                "Nolvadex": "tamoxifen",
                "Femara": "letrozole",
                "Arimidex": "anastrozole",
                "Aromasin": "exemestane",
            },
        ),
    ),
)

# The questions a medicine can count as a yes to.
QUESTION_IDS = tuple(dict.fromkeys(drug_class.question_id for drug_class in DRUG_CLASSES))

WORD = re.compile(r"[^\W\d_]+")  # letters only: doses, digits and punctuation split words


def normalise(text):
    """Lower case without accents: "Éliquis" and "ELIQUIS" are both "eliquis"."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def _same_name(word, name):
    if word == name:
        return True
    return len(name) >= TYPO_MIN_LENGTH and Levenshtein.distance(word, name, score_cutoff=1) <= 1


@dataclass(frozen=True)
class MedicineMatch:
    written: str  # the word as the client wrote it
    name: str  # the listed name it matched (brand or generic)
    generic: str
    drug_class: DrugClass

    @property
    def question_id(self):
        return self.drug_class.question_id

    @property
    def medicine(self):
        """'Eliquis (apixaban)', or just 'apixaban' when the generic name was written."""
        if normalise(self.name) == normalise(self.generic):
            return self.written
        return f"{self.written} ({self.generic})"

    def in_words(self):
        """'Eliquis (apixaban) is an anticoagulant (direct factor Xa inhibitor)'."""
        return f"{self.medicine} is {self.drug_class.description}"


_INDEX = tuple(
    (normalise(name), name, generic, drug_class)
    for drug_class in DRUG_CLASSES
    for name, generic in drug_class.names.items()
)


def find_medicines(text):
    """The listed medicines named in free text, each generic once, in the order written."""
    matches = {}
    for written in WORD.findall(text or ""):
        word = normalise(written)
        for key, name, generic, drug_class in _INDEX:
            if generic not in matches and _same_name(word, key):
                matches[generic] = MedicineMatch(written, name, generic, drug_class)
                break
    return tuple(matches.values())
