"""python manage.py extract_drug_brands [--check] [--words FILE ...]: the brands of our generics
in the drug-named-entity-recognition dictionary, written to screening/drug_brands.json.

The screening never loads the dictionary (about 2 seconds and 350 MB in each process): it reads
our table and this file (screening/medications.py). Run the command after upgrading the package
(`pip install '.[drugdict]'`), review the difference (`git diff screening/drug_brands.json`), and
give the rules a new version, since a brand added or removed changes screening results
(docs/clinical/medications.md). `--check` writes nothing and exits 1 when the file differs
from what the installed package gives (its date aside).

For each word the dictionary knows (folded to lower case without accents; letters only, as
screening/medications.py cuts the client's text into words), in exact mode, the way the screening
used to look words up at run time:

- `brands`: the words whose dictionary generic is one of ours (DICTIONARY_GENERICS maps salts
  and combinations), unless the word is one of our table's names, is one typo from a name of
  our table for the same generic (our table already reads it), is shorter than five letters,
  is a common word of a medicines list (COMMON_WORDS), is a skipped skin, eye or ear product
  or the hormone cortisol (DICTIONARY_SKIPS), or names two of our generics.
- `other_medicines`: the words one typo from one of our names or of those brands that the
  dictionary knows as another medicine ("coumarin", "panadol"), or as a skipped or common
  word: never read as a typo of the name they resemble.

Then every word of the system's English word lists, where there are any (/usr/share/dict, or
--words), is read against the result: an everyday word read as one of the extracted brands
fails the command, to be added to NOT_TYPOS (one typo away) or DICTIONARY_SKIPS (the same).
"""

import datetime
import importlib.metadata
import json
import re
from collections import defaultdict
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from screening import medications
from screening.medications import (
    BRANDS_FILE,
    COMMON_WORDS,
    DICTIONARY_MIN_LENGTH,
    DICTIONARY_SKIPS,
    TYPO_MIN_LENGTH,
    NameIndex,
    dictionary_generic,
    normalise,
)

PACKAGE = "drug-named-entity-recognition"
WORD_LISTS = (
    "/usr/share/dict/words",
    "/usr/share/dict/american-english",
    "/usr/share/dict/british-english",
    "/usr/share/dict/american-english-large",
    "/usr/share/dict/british-english-large",
)
ABOUT = (
    "Brands of the generics of screening/medications.py (DRUG_CLASSES) in the "
    "drug-named-entity-recognition dictionary, and the words one typo from a name that it knows "
    "as another medicine. Made by `python manage.py extract_drug_brands`; do not edit by hand: "
    "change the exclusions in screening/medications.py and run it again. See "
    "docs/clinical/medications.md."
)
# Words as the screening reads them: letters only, one space between words.
_WORDS = re.compile(r"[^\W\d_]+(?: [^\W\d_]+)*")


def _dictionary():
    try:
        from drug_named_entity_recognition import drugs_finder
    except ImportError as error:
        raise CommandError(
            f"{PACKAGE} is not installed: pip install '.[drugdict]' (it is in the test extra)"
        ) from error
    return drugs_finder, importlib.metadata.version(PACKAGE)


def _dictionary_names(drugs_finder, most_words):
    """Each word or words the dictionary knows, folded -> the generic names it gives for them,
    in exact mode, as the screening looked them up."""
    names = defaultdict(set)
    for variant in drugs_finder.drug_variant_to_canonical:
        key = normalise(variant)
        if not _WORDS.fullmatch(key) or len(key.split()) > most_words:
            continue
        found = drugs_finder.find_drugs(
            [variant],
            is_fuzzy_match=False,
            is_ignore_case=True,
            is_include_structure=False,
            is_use_omop_api=False,
            use_pub_chem_api=False,
        )
        names[key].update(
            data.get("name") or "" for data, _start, _end in found if data["match_type"] == "exact"
        )
    return {key: tuple(sorted(found)) for key, found in names.items() if found}


def _ours(names):
    """Our generics among the dictionary's names for a word."""
    return {found[0] for name in names if (found := dictionary_generic(name))}


def extract(drugs_finder):
    """{"brands": {generic: [names]}, "other_medicines": {word: "its dictionary names"}}."""
    table = NameIndex()
    dictionary = _dictionary_names(drugs_finder, table.most_words)
    brands = defaultdict(set)
    for key, names in dictionary.items():
        ours = _ours(names)
        if (
            " " in key
            or len(ours) != 1
            or key in table.names
            or len(key) < DICTIONARY_MIN_LENGTH
            or key in COMMON_WORDS
            or key in DICTIONARY_SKIPS
        ):
            continue
        (generic,) = ours
        typo_of = table.find(key)
        if typo_of and typo_of.generic == generic:
            continue  # our table reads it already ("coumadine", "efient")
        brands[generic].add(key)
    index = NameIndex(brands)
    other_medicines = {}
    for key, names in dictionary.items():
        if key in index.names or len(key) < TYPO_MIN_LENGTH - 1:
            continue
        typo_of = index.one_typo_from(key)
        if typo_of is None:
            continue
        if (
            key in DICTIONARY_SKIPS
            or key in COMMON_WORDS
            or index.names[typo_of].generic not in _ours(names)
        ):
            other_medicines[key] = "; ".join(names)
    return {
        "brands": {generic: sorted(brands[generic]) for generic in sorted(brands)},
        "other_medicines": dict(sorted(other_medicines.items())),
    }


def everyday_words_read_as_brands(data, word_lists):
    """{word: the extracted brand it is read as} for the words of the word lists."""
    index = NameIndex(data["brands"], data["other_medicines"])
    read = {}
    for path in word_lists:
        for line in Path(path).read_text(encoding="utf-8", errors="replace").splitlines():
            word = normalise(line.strip())
            if not _WORDS.fullmatch(word) or word in read:
                continue
            listed = index.find(word)
            if listed and listed.from_dictionary:
                read[word] = listed.name
    return dict(sorted(read.items()))


def _render(data):
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def _without_date(data):
    return {key: value for key, value in data.items() if key != "extracted"}


def _differences(committed, data):
    """'+name (generic)' and '-name (generic)' for each name added or removed, and the rest."""

    def names(data):
        return {
            (name, generic) for generic, names in data.get("brands", {}).items() for name in names
        } | {(word, "other medicine") for word in data.get("other_medicines", {})}

    old, new = names(committed or {}), names(data)
    changes = [f"+{name} ({what})" for name, what in sorted(new - old)]
    changes += [f"-{name} ({what})" for name, what in sorted(old - new)]
    for key in ("about", "package", "version"):
        if (committed or {}).get(key) != data[key]:
            changes.append(f"{key}: {(committed or {}).get(key)!r} -> {data[key]!r}")
    return changes


class Command(BaseCommand):
    help = (
        "Extract the brands of our generics from the drug-named-entity-recognition dictionary "
        "into screening/drug_brands.json (--check: only compare)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--check",
            action="store_true",
            help="write nothing; exit 1 if the file differs from what the package gives",
        )
        parser.add_argument(
            "--words",
            action="append",
            metavar="FILE",
            help="an English word list, one word a line (default: those in /usr/share/dict)",
        )
        parser.add_argument(
            "--output", default=str(BRANDS_FILE), help="the file (default: %(default)s)"
        )

    def handle(self, *args, check=False, words=None, output=str(BRANDS_FILE), **options):
        drugs_finder, version = _dictionary()
        extracted = extract(drugs_finder)
        data = {
            "about": ABOUT,
            "package": PACKAGE,
            "version": version,
            "extracted": datetime.date.today().isoformat(),
            **extracted,
        }
        path = Path(output)
        committed = json.loads(path.read_text(encoding="utf-8")) if path.exists() else None
        unchanged = committed is not None and _without_date(committed) == _without_date(data)
        count = sum(map(len, data["brands"].values()))
        summary = (
            f"{count} brands of {len(data['brands'])} generics, "
            f"{len(data['other_medicines'])} other medicines, from {PACKAGE} {version}"
        )
        if check:
            if not unchanged:
                changes = "; ".join(_differences(committed, data)) or "its layout"
                raise CommandError(
                    f"{path} differs from what {PACKAGE} {version} gives ({changes}): run "
                    "`python manage.py extract_drug_brands`, review the difference and give the "
                    "rules a new version"
                )
            self.stdout.write(f"{path} is up to date: {summary}")
        elif unchanged:
            self.stdout.write(f"{path} unchanged: {summary}")
        else:
            path.write_text(_render(data), encoding="utf-8")
            self.stdout.write(f"wrote {path}: {summary}")

        word_lists = words or list(
            dict.fromkeys(str(Path(path).resolve()) for path in WORD_LISTS if Path(path).is_file())
        )
        if not word_lists:
            self.stdout.write("no English word list found: everyday words not checked")
            return
        read = everyday_words_read_as_brands(data, word_lists)
        if read:
            listed = ", ".join(f"{word} ({brand})" for word, brand in read.items())
            raise CommandError(
                f"everyday words read as a brand: {listed}. Add each to NOT_TYPOS (one typo "
                f"from the brand) or DICTIONARY_SKIPS (the brand itself) in {medications.__file__}"
            )
        self.stdout.write(f"no everyday word of {', '.join(word_lists)} is read as a brand")
