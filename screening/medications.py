"""Medicines in the client's own words: the drug classes of docs/clinical/medications.md as
data, and the reading of free text (the `medications` answer, or `conditions`) against them.

Clients often don't know that their tablet is a "blood thinner". A medicine of a listed class
that the client takes now counts as a yes to the screening question of its class
(screening/engine.py applies it), so the rule reading that question fires even when the client
answered no. Some mentions do not count (docs/clinical/medications.md, "When a name does not
count"): a past medicine ("stopped warfarin") and a breast-cancer hormone medicine without a
history of cancer are listed for the therapist to ask in person; a steroid cream, drops, spray
or inhaler and a short steroid course simply do not count.

Matching (docs/clinical/medications.md, "Matching names"): each word (or pair of words, for
"zoledronic acid") is compared with each listed name, ignoring case and accents; names of six
letters or more tolerate one typo, where a swapped pair of neighbouring letters is one typo
(optimal string alignment); a name never matches inside a longer word. Brands our table does
not list come from screening/drug_brands.json: the brands and other names that the
drug-named-entity-recognition dictionary gives for our generics, extracted once at build time
by `python manage.py extract_drug_brands` (intake/management/commands/extract_drug_brands.py)
and reviewed like the table; they are matched like our own brands. The dictionary itself is
never loaded at run time. Adding or removing a name, here or in that file, changes screening
results, so it needs a new RULES_VERSION.
"""

import functools
import json
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

from rapidfuzz import process
from rapidfuzz.distance import OSA

SOURCE = "WHO ATC/DDD index"
TYPO_MIN_LENGTH = 6  # names this long or longer tolerate one typo
DICTIONARY_MIN_LENGTH = 5  # shorter names from the dictionary are not extracted
# The brands of our generics from the drug-name dictionary, extracted at build time.
BRANDS_FILE = Path(__file__).with_name("drug_brands.json")

# Words that make a medicine a local one (skin, eye, ear, nose, lungs, rectum) rather than one
# taken by mouth: a steroid cream (D07), eye or ear drops (S01, S02), nasal spray (R01) or
# inhaler (R03) is not an oral corticosteroid (H02AB).
LOCAL_ROUTE_WORDS = (
    r"creams?|ointments?|gels?|lotions?|foams?|mousse|shampoo|topical(?:ly)?|"
    r"drops|(?:eye|ear) ?drops?|sprays?|nasal|inhalers?|puffers?|inhaled|inhalation|"
    r"nebuli[sz]ers?|nebs|suppositor(?:y|ies)|enemas?|rectal"
)
# Tacrolimus ointment (D11AH01) or ciclosporin eye drops (S01XA18) on the skin or the eye do
# not suppress the immune system the way tablets or injections do.
SKIN_OR_EYE_WORDS = r"creams?|ointments?|gels?|lotions?|topical(?:ly)?|drops|eye ?drops?"


@dataclass(frozen=True)
class DrugClass:
    """One class: `names` maps each generic, synonym and brand name to its generic name."""

    name: str
    description: str  # as the reason says it: "an anticoagulant (vitamin K antagonist)"
    atc: str
    question_id: str
    names: dict
    source: str = SOURCE
    synonyms: tuple = ()  # other spellings of a generic name ("cyclosporine"): not brands
    local_routes: str = ""  # a regex of route words that make a mention not count
    short_course_matters: bool = False  # "6 days", "course", "dose pack" do not count

    @property
    def generic_names(self):
        return tuple(dict.fromkeys(self.names.values()))

    @property
    def brand_names(self):
        return tuple(
            name
            for name, generic in self.names.items()
            if name != generic and name not in self.synonyms
        )


def _word_set(text):
    return frozenset(text.split())


def _names(generics, brands, synonyms=None):
    """Generic names map to themselves; brands and synonyms to their generic."""
    return {**{generic: generic for generic in generics}, **(synonyms or {}), **brands}


def _class(name, description, atc, question_id, generics, brands, synonyms=None, **options):
    return DrugClass(
        name=name,
        description=description,
        atc=atc,
        question_id=question_id,
        names=_names(generics, brands, synonyms),
        synonyms=tuple(synonyms or ()),
        **options,
    )


DRUG_CLASSES = (
    _class(
        "anticoagulant, vitamin K antagonist",
        "an anticoagulant (vitamin K antagonist)",
        "B01AA",
        "anticoagulants",
        ("warfarin", "acenocoumarol", "phenprocoumon", "fluindione"),
        {
            "Coumadin": "warfarin",
            "Jantoven": "warfarin",
            "Marevan": "warfarin",
            "Waran": "warfarin",
            "Sintrom": "acenocoumarol",
            "Sinthrome": "acenocoumarol",
            "Minisintrom": "acenocoumarol",
            "Marcoumar": "phenprocoumon",
            "Marcumar": "phenprocoumon",
            "Falithrom": "phenprocoumon",
            "Previscan": "fluindione",
        },
    ),
    _class(
        "anticoagulant, heparin group",
        "an anticoagulant (heparin group)",
        "B01AB",
        "anticoagulants",
        ("heparin", "enoxaparin", "dalteparin", "tinzaparin"),
        {
            "Lovenox": "enoxaparin",
            "Clexane": "enoxaparin",
            "Fragmin": "dalteparin",
            "Innohep": "tinzaparin",
        },
    ),
    # Aspirin (B01AC06) is left out on purpose: low-dose aspirin alone fires no rule.
    _class(
        "antiplatelet",
        "an antiplatelet blood thinner",
        "B01AC",
        "anticoagulants",
        ("clopidogrel", "prasugrel", "ticagrelor", "dipyridamole"),
        {
            "Plavix": "clopidogrel",
            "Effient": "prasugrel",
            "Brilinta": "ticagrelor",
            "Brilique": "ticagrelor",
        },
    ),
    _class(
        "direct thrombin inhibitor",
        "an anticoagulant (direct thrombin inhibitor)",
        "B01AE",
        "anticoagulants",
        ("dabigatran",),
        {"Pradaxa": "dabigatran", "Pradax": "dabigatran"},
    ),
    _class(
        "other antithrombotic",
        "an anticoagulant (factor Xa inhibitor given by injection)",
        "B01AX",
        "anticoagulants",
        ("fondaparinux",),
        {"Arixtra": "fondaparinux"},
    ),
    _class(
        "direct factor Xa inhibitor",
        "an anticoagulant (direct factor Xa inhibitor)",
        "B01AF",
        "anticoagulants",
        ("rivaroxaban", "apixaban", "edoxaban"),
        {
            "Xarelto": "rivaroxaban",
            "Eliquis": "apixaban",
            "Lixiana": "edoxaban",
            "Savaysa": "edoxaban",
        },
    ),
    _class(
        "oral corticosteroid",
        "an oral corticosteroid (ask how long it has been taken)",
        "H02AB",
        "long_term_steroids",
        ("prednisone", "prednisolone", "methylprednisolone", "dexamethasone", "hydrocortisone"),
        {
            "Deltasone": "prednisone",
            "Medrol": "methylprednisolone",
            "Decadron": "dexamethasone",
        },
        local_routes=LOCAL_ROUTE_WORDS,
        short_course_matters=True,
    ),
    # Methotrexate is also an antineoplastic (L01BA01) at high doses, but it is never read as
    # cancer treatment here: the weekly dose clients take is an immunosuppressant (below).
    _class(
        "antineoplastic, or hormone therapy for cancer",
        "a cancer treatment (antineoplastic or hormone therapy)",
        "L01, L02B",
        "cancer_treatment_now",
        ("capecitabine", "tamoxifen", "letrozole", "anastrozole", "exemestane"),
        {
            "Xeloda": "capecitabine",
            "Nolvadex": "tamoxifen",
            "Femara": "letrozole",
            "Arimidex": "anastrozole",
            "Aromasin": "exemestane",
        },
    ),
    _class(
        "bone-strengthening (bisphosphonate, denosumab)",
        "a bone-strengthening medicine (for osteoporosis)",
        "M05BA, M05BX",
        "osteoporosis",
        ("alendronate", "risedronate", "ibandronate", "zoledronic acid", "denosumab"),
        {
            "Fosamax": "alendronate",
            "Binosto": "alendronate",
            "Actonel": "risedronate",
            "Boniva": "ibandronate",
            "Bonviva": "ibandronate",
            "Aclasta": "zoledronic acid",
            "Reclast": "zoledronic acid",
            "Prolia": "denosumab",
        },
        {
            "alendronic acid": "alendronate",
            "risedronic acid": "risedronate",
            "ibandronic acid": "ibandronate",
            "zoledronate": "zoledronic acid",
        },
    ),
    _class(
        "immunosuppressant",
        "an immunosuppressant",
        "L04",
        "immunosuppressed",
        (
            "methotrexate",
            "adalimumab",
            "etanercept",
            "infliximab",
            "azathioprine",
            "mycophenolate",
            "ciclosporin",
            "tacrolimus",
        ),
        {
            "Humira": "adalimumab",
            "Enbrel": "etanercept",
            "Remicade": "infliximab",
            "Imuran": "azathioprine",
            "CellCept": "mycophenolate",
            "Neoral": "ciclosporin",
            "Prograf": "tacrolimus",
        },
        {
            "mycophenolic acid": "mycophenolate",
            "cyclosporine": "ciclosporin",
            "cyclosporin": "ciclosporin",
        },
        local_routes=SKIN_OR_EYE_WORDS,
    ),
)

# The questions a medicine can count as a yes to.
QUESTION_IDS = tuple(dict.fromkeys(drug_class.question_id for drug_class in DRUG_CLASSES))

# Breast-cancer hormone medicines, also used for fertility: without a history of cancer they
# are asked about in person, and the answer settles `cancer_treatment_now`.
HORMONE_GENERICS = frozenset({"tamoxifen", "letrozole", "anastrozole", "exemestane"})
HORMONE_QUESTION_ID = "cancer_treatment_now"

# Everyday words within one typo of a listed name: never read as that name. The second group
# are one typo from a brand of screening/drug_brands.json (Iscover, Cortef, Panasol, Roteas,
# Warfant, Winpred, Xaparin, Mabura, Cortan): found by `extract_drug_brands`, which reads
# every word of the system's English word lists (/usr/share/dict: american-english, its large
# edition, and british-english) against the extracted brands.
NOT_TYPOS = frozenset(
    {"program", "neural", "recast", "femora", "prolix", "reclass"}
    | {"discover", "cortex", "cortes", "cortez", "parasol", "rotas", "warrant", "winfred"}
    | {"xamarin", "maura", "madura", "corban"}
)

# Words the dictionary knows that are never extracted as brands: common words of a medicines
# or conditions list.
COMMON_WORDS = _word_set(
    """
    about above after again against allergies allergy already also although always among
    another anything around arthritis asthma because before being below between blood bottle
    bought calcium capsule capsules cholesterol could cream creams daily diabetes doctor doses
    during every evening except fever first found friday going having heart hormone hormones
    injection injections inhaler itself known large later medication medications medicine
    medicines migraine monday month months morning multi multivitamin needed never night nothing
    occasional often other others ointment pills pressure prescribed prescription probiotic
    problems regular really saturday second should since small sometimes spray still sunday
    supplement supplements tablet tablets taking there these things think those three thursday
    thyroid times today tuesday twice under until using usually vitamin vitamins wednesday
    weekly weeks where which while with within without would years yesterday
    """
)

# Words the dictionary reads as one of our generics that must not count, never extracted: a
# hormone the body makes, and brands of skin, eye or ear products (their steroid or
# immunosuppressant is local).
DICTIONARY_SKIPS = _word_set(
    """
    cortisol epicortisol locoid neosporin dermasorb texacort pandel cortifoam cortizone
    cortifair cortril maxidex maxitrol tobradex ozurdex dextenza decaspray dexacidin inflamase
    restasis cequa protopic omnipred
    """
)

# Generic names the dictionary gives that our table spells otherwise (salts, combinations):
# the extraction maps the brands of these to our generic; other salts are not mapped.
DICTIONARY_GENERICS = {
    "prasugrel hydrochloride": "prasugrel",
    "enoxaparin sodium": "enoxaparin",
    "dabigatran etexilate": "dabigatran",
    "mycophenolate mofetil": "mycophenolate",
    "alendronic acid/colecalciferol": "alendronate",
    "acetylsalicylic acid/dipyridamole": "dipyridamole",
}

WORD = re.compile(r"[^\W\d_]+")  # letters only: doses, digits and punctuation split words

# Where one part of the text ends and the next begins: "stopped aspirin, now on Eliquis".
# A full stop or a slash between digits ("2.5 mg", "5/7") does not split.
CLAUSE_BREAK = re.compile(
    r"[,;!?()\[\]{}\n]|(?<!\d)[./]|[./](?!\d)|\b(?:but|now|currently|instead|however|whereas)\b",
    re.IGNORECASE,
)
_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*"
# Words of past use next to a name: examples, not a closed list.
PAST_USE = re.compile(
    r"\b(?:"
    r"stopped|discontinued|ceased|quit|finished|completed|used to|no longer|not any ?more|"
    r"previously|formerly|former|in the past|took|was on|were on|was taking|"
    r"had been (?:on|taking)|(?:came|come|went|gone|taken|weaned|tapered|been|got) off|"
    rf"(?:until|till|til) (?:(?:early|mid|late|end of|the end of) )?(?:{_MONTH} )?(?:19|20)\d\d|"
    r"(?:until|till|til) (?:recently|last [a-z]+)|ago|(?<!on and )off"
    r")\b",
    re.IGNORECASE,
)
# "Started 2 years ago" is not past use.
_STARTED = re.compile(r"\b(?:start(?:ed)?|began|begun|since|from)\b", re.IGNORECASE)
_FEW = r"(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fourteen)"
# A short steroid course: some days, a week to three, a course, a dose pack. (Not "tapering":
# a long-term steroid is tapered too.)
SHORT_COURSE = re.compile(
    r"\b(?:"
    r"(?<!of )course|dose ?-?pack|dosepak|burst|"
    rf"{_FEW} ?- ?days?|{_FEW} days|(?:a )?few days|\d+/7|[1-3]/52|"
    r"for (?:a|one|1) week|(?:one|two|three|[1-3]) ?-? ?weeks?"
    r")\b",
    re.IGNORECASE,
)
_ANY_ROUTE = re.compile(rf"\b(?:{LOCAL_ROUTE_WORDS}|{SKIN_OR_EYE_WORDS})\b", re.IGNORECASE)
_ROUTES = {
    drug_class.local_routes: re.compile(rf"\b(?:{drug_class.local_routes})\b", re.IGNORECASE)
    for drug_class in DRUG_CLASSES
    if drug_class.local_routes
}
# Words that may stand with a past-use, route or course word in a part of their own
# ("warfarin (stopped in 2019)", "prednisolone, 6 days"), which then belongs to the part before.
_FILLER = _word_set(
    """
    a an and about ago around as at by early end for from i in it its last late me mid my of on
    since so the then this was were year years month months week weeks day days mg g ml mcg x
    approx approximately roughly taken taking used use eye ear nose skin
    january february march april may june july august september october november december
    jan feb mar apr jun jul aug sep sept oct nov dec
    """
)

FIELD_WORDS = {"medications": "medicines", "conditions": "conditions"}


def normalise(text):
    """Lower case without accents: "Éliquis" and "ELIQUIS" are both "eliquis"."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


@dataclass(frozen=True)
class MedicineMatch:
    written: str  # the word(s) as the client wrote them
    name: str  # the listed name it matched (brand, synonym or generic); a brand of
    # screening/drug_brands.json as written, or in lower case when read through a typo
    generic: str
    drug_class: DrugClass
    counts: bool = True  # a yes to question_id, even over the client's "no"
    ask: str = ""  # a sentence for the therapist to ask in person, or ""
    ask_question: str = ""  # the yes/no question id whose answer settles the ask, or ""
    field: str = "medications"  # the answer it was written in
    not_counted: str = ""  # why it does not count: "past use", "not by mouth", ...
    from_dictionary: bool = False  # a brand of screening/drug_brands.json, not of our table

    @property
    def question_id(self):
        return self.drug_class.question_id

    @property
    def medicine(self):
        """'Eliquis (apixaban)', 'warfrin (warfarin)', or just 'apixaban' when written so."""
        if normalise(self.written) == normalise(self.generic):
            return self.written
        return f"{self.written} ({self.generic})"

    def in_words(self):
        """'Eliquis (apixaban) is an anticoagulant (direct factor Xa inhibitor)'."""
        return f"{self.medicine} is {self.drug_class.description}"


class Listed(NamedTuple):
    """A name we read: from our table, or a brand of one of our generics from the dictionary."""

    name: str  # as listed; the dictionary's in lower case
    generic: str
    drug_class: DrugClass
    from_dictionary: bool = False


_CLASS_OF_GENERIC = {
    normalise(generic): (generic, drug_class)
    for drug_class in DRUG_CLASSES
    for generic in drug_class.generic_names
}


class NameIndex:
    """Every name we read, normalised: our table's, then the dictionary's brands of our generics
    (screening/drug_brands.json); and the words one typo from a name that the dictionary knows as
    another medicine ("coumarin" is not a typo of Coumadin), never read as a typo."""

    def __init__(self, brands=None, other_medicines=()):
        self.names = {}  # normalised name -> Listed
        for drug_class in DRUG_CLASSES:
            for name, generic in drug_class.names.items():
                self.names[normalise(name)] = Listed(name, generic, drug_class)
        for generic, names in sorted((brands or {}).items()):
            ours, drug_class = _CLASS_OF_GENERIC[normalise(generic)]
            for name in sorted(names):
                self.names.setdefault(normalise(name), Listed(name, ours, drug_class, True))
        self.other_medicines = frozenset(normalise(word) for word in other_medicines)
        self.most_words = max(len(key.split()) for key in self.names)  # "zoledronic acid": 2
        # The names that tolerate a typo, our table's first (the first of equals wins), by the
        # length of the word they may be read from (one letter more or less): a name of several
        # words is compared with our table's names only, all the dictionary's being one word.
        typo = [key for key in self.names if len(key) >= TYPO_MIN_LENGTH]  # table first
        table = [key for key in typo if not self.names[key].from_dictionary]
        longest = max(map(len, self.names)) + 2
        self._typo_names = {
            (several, length): tuple(
                key for key in (table if several else typo) if abs(len(key) - length) <= 1
            )
            for several in (False, True)
            for length in range(longest)
        }
        self.find = functools.lru_cache(maxsize=16384)(self._find)

    @classmethod
    def from_file(cls, path=BRANDS_FILE):
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        return cls(data["brands"], data["other_medicines"])

    def one_typo_from(self, candidate):
        """The first name one typo from a normalised word or words, or None."""
        choices = self._typo_names.get((" " in candidate, len(candidate)), ())
        found = process.extractOne(
            candidate, choices, scorer=OSA.distance, processor=None, score_cutoff=1
        )
        return found[0] if found else None

    def _find(self, candidate):
        """The Listed a normalised word or words name, allowing one typo, or None."""
        if candidate in self.names:
            return self.names[candidate]
        if (
            len(candidate) < TYPO_MIN_LENGTH - 1
            or candidate in NOT_TYPOS
            or candidate in self.other_medicines
        ):
            return None
        key = self.one_typo_from(candidate)
        return self.names[key] if key else None


def dictionary_generic(dictionary_name):
    """Our (generic, class) for a generic name the dictionary gives, or None: our table's name
    for it, or a salt or combination of DICTIONARY_GENERICS."""
    key = normalise(dictionary_name)
    key = DICTIONARY_GENERICS.get(key, key)
    if key in _TABLE.names:
        listed = _TABLE.names[key]
        return listed.generic, listed.drug_class
    return _CLASS_OF_GENERIC.get(key)


_TABLE = NameIndex()  # our table alone
_INDEX = NameIndex.from_file()  # our table and the brands of screening/drug_brands.json


def _parts(text):
    """(start, end) of the parts of the text, cut at commas, brackets, "but", "now"...; a part
    of nothing but past-use, route or course words ("(stopped 2019)") joins the part before."""
    cuts = [0]
    for match in CLAUSE_BREAK.finditer(text):
        cuts += [match.start(), match.end()]
    cuts.append(len(text))
    parts = []
    for start, end in zip(cuts[::2], cuts[1::2], strict=True):
        piece = text[start:end]
        if not piece.strip():
            continue
        rest = _ANY_ROUTE.sub(" ", SHORT_COURSE.sub(" ", PAST_USE.sub(" ", piece)))
        only_markers = rest != piece and all(
            normalise(word) in _FILLER for word in WORD.findall(rest)
        )
        if parts and only_markers:
            parts[-1] = (parts[-1][0], end)
        else:
            parts.append((start, end))
    return parts


def _quote(text, start, end):
    quote = " ".join(text[start:end].split()).strip(" ,;:-")
    if quote.count("(") > quote.count(")"):
        quote += ")"
    return quote


def _words(text):
    """(start, end, normalised word) of each word."""
    return [(m.start(), m.end(), normalise(m.group())) for m in WORD.finditer(text)]


def _names_in(text):
    """(start, end, name, generic, class, from the dictionary) of each name, in order."""
    index = _INDEX
    words = _words(text)
    found = []
    i = 0
    while i < len(words):
        for n in range(min(index.most_words, len(words) - i), 0, -1):
            candidate = " ".join(word for _s, _e, word in words[i : i + n])
            listed = index.find(candidate)
            if listed:
                start, end = words[i][0], words[i + n - 1][1]
                name = listed.name
                if listed.from_dictionary and candidate in index.names:
                    name = text[start:end]  # the dictionary's spelling is in lower case
                found.append((start, end, name, *listed[1:]))
                i += n
                break
        else:
            i += 1
    return found


def find_medicines(text, *, field="medications", cancer_history=None):
    """The listed medicines named in free text, each generic once, in the order written.

    `field` is the answer the text comes from ("medications" or "conditions"), named in an
    ask; `cancer_history` is the client's answer to cancer_history (True, False or None)."""
    text = text or ""
    where = FIELD_WORDS.get(field, field.replace("_", " "))
    parts = _parts(text)
    matches = {}
    for start, end, name, generic, drug_class, from_dictionary in _names_in(text):
        part_start, part_end = next(((s, e) for s, e in parts if s <= start < e), (start, end))
        part = text[part_start:part_end]
        written = " ".join(text[start:end].split())
        common = {
            "written": written,
            "name": name,
            "generic": generic,
            "drug_class": drug_class,
            "field": field,
            "from_dictionary": from_dictionary,
        }
        route = _ROUTES.get(drug_class.local_routes)
        past = [
            m
            for m in PAST_USE.finditer(part)
            if m.group().lower() != "ago" or not _STARTED.search(part)
        ]
        if route and route.search(part):
            match = MedicineMatch(**common, counts=False, not_counted="not by mouth")
        elif past:
            first = min(start, part_start + past[0].start())
            last = max(end, part_start + past[-1].end())
            if part_start + past[-1].start() > end:
                last = part_end  # the words after the name whole: "(stopped in 2019)"
            quote = _quote(text, first, last)
            match = MedicineMatch(
                **common,
                counts=False,
                ask=f'Ask whether "{quote}" is still taken (written under {where}).',
                ask_question=drug_class.question_id,
                not_counted="past use",
            )
        elif drug_class.short_course_matters and SHORT_COURSE.search(part):
            match = MedicineMatch(**common, counts=False, not_counted="short course")
        elif generic in HORMONE_GENERICS and cancer_history is not True:
            medicine = MedicineMatch(**common).medicine
            match = MedicineMatch(
                **common,
                counts=False,
                ask=(
                    f"Ask what {medicine} is taken for: it treats breast cancer but is also "
                    f"used for fertility (written under {where})."
                ),
                ask_question=HORMONE_QUESTION_ID,
                not_counted="no history of cancer",
            )
        else:
            match = MedicineMatch(**common)
        earlier = matches.get(generic)
        if earlier is None or (match.counts and not earlier.counts):
            matches[generic] = match
    return tuple(matches.values())
