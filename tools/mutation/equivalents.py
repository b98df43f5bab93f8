"""Mutants no test can kill: the change does not change what the program does.

Keyed by "file | the line's text | the change" (the key run.py prints); each with why. They
are reported apart from the survivors, and listed in docs/mutation.md.
"""

_NOTE_LOCK = (
    "notes/services.py | Client.objects.select_for_update().filter(pk=client.pk).first() | "
)

EQUIVALENT = {
    # Killed on PostgreSQL only (tests/integrity/test_note_race.py): SQLite has no row locks,
    # and its IMMEDIATE write transactions already run one after the other.
    _NOTE_LOCK + "call to `select_for_update` removed": "A row lock; SQLite has none.",
    "notes/services.py | note = SessionNote.objects.select_for_update().get(pk=note.pk) | "
    "call to `select_for_update` removed": "A row lock; SQLite has none.",
    "clearance/status.py | previous: bool = False | `False` -> `True`": (
        "The default is never used: care_status_from_history always passes `previous`."
    ),
    "notes/services.py | note.full_clean(exclude=list(M2M_FIELDS), validate_unique=False) | "
    "`False` -> `True`": (
        "Checking the one-time key's uniqueness in full_clean matters only when two posts of "
        "one form race past create_once's first look, on PostgreSQL; on SQLite they run one "
        "after the other and the second finds the first."
    ),
    "screening/medications.py | DICTIONARY_MIN_LENGTH = 5  # shorter names from the "
    "dictionary are not extracted | `5` -> `4`": (
        "Read only when the brand file is extracted again (extract_drug_brands); the test "
        "that extracts it and compares (test_the_committed_brand_list_matches_the_dictionary, "
        "20 s) is left out of the mutation run for time, and would fail."
    ),
}
EQUIVALENT[
    "clearance/status.py | earlier = [c for c in clearances if c.recorded_at < raised_at and "
    "flag_id in covered[c.pk]] | `<` -> `<=` (boundary)"
] = (
    "A clearance recorded at the flag's very instant is already its answer (_answer_for takes "
    "`>=`), and the carry-forward is looked for only when there is no answer."
)
EQUIVALENT[
    "notes/services.py | amendment.full_clean(validate_unique=False) | `False` -> `True`"
] = (
    "As for the note: the one-time key's uniqueness matters only for two posts racing on "
    "PostgreSQL; on SQLite they run one after the other."
)
_LATER = (
    "clearance/status.py | later = None if answer else _lapse(flag, screening.screened_on, "
    "intakes[index + 1 :]) | "
)
EQUIVALENT[_LATER + "`1` -> `0`"] = (
    "Looking for the lapse from the flag's own intake on changes nothing: that intake has the "
    "flag, and a lapse needs an intake without it."
)
EQUIVALENT[
    'clearance/status.py | .annotate(clearance_outcome=Subquery(latest_clearance.values("outcome")'
    "[:1])) | `1` -> `2`"
] = (
    "SQLite reads the first row of a scalar subquery of two; PostgreSQL refuses it (more than "
    "one row), which no test on SQLite can see."
)

_SUMMARY = 'clearance/status.py | return self.reason.split(". ", 1)[0].rstrip(" .") | '
EQUIVALENT[_SUMMARY + "`1` -> `2`"] = "Splitting more than once leaves the first part as it is."
EQUIVALENT[_SUMMARY + "string emptied: ' .'"] = (
    "Every rule's reason has more than one sentence, so the first part never ends with a full "
    "stop: the rstrip guards a one-sentence reason no rule has today."
)

EQUIVALENT[
    "clearance/status.py | key=lambda i: (i.screening.intake.submitted_at, "
    "i.screening.created_at, i.screening.pk) | tuple emptied: "
    "(i.screening.intake.submitted_at, i.screening.c..."
] = (
    "Unsorted, the intakes keep the order of their first screenings, and an intake's first "
    "screening is made as it is submitted: the same order."
)

_M = "screening/medications.py | "
_ALWAYS_GIVEN = "find_medicines always passes this field: the default is never used."
EQUIVALENT.update(
    {
        _M + 'FIELD_WORDS = {"medications": "medicines", "conditions": "conditions"} | '
        "string emptied: 'conditions' (#1 on the line)": (
            "Without the entry the field's own name is used, which is the same word."
        ),
        _M + 'field: str = "medications"  # the answer it was written in | '
        "string emptied: 'medications'": _ALWAYS_GIVEN,
        _M + "from_dictionary: bool = False  # a brand of screening/drug_brands.json, not of our "
        "table | `False` -> `True`": _ALWAYS_GIVEN,
        _M + "key for key in (table if several else typo) if abs(len(key) - length) <= 1 | "
        "`1` -> `2`": (
            "More names of other lengths are offered to the typo search, whose cutoff of one "
            "edit rejects them all: only slower."
        ),
        _M + "self.find = functools.lru_cache(maxsize=16384)(self._find) | `16384` -> `16385`": (
            "The cache's size changes speed only."
        ),
        _M + "self.find = functools.lru_cache(maxsize=16384)(self._find) | `16384` -> `16383`": (
            "The cache's size changes speed only."
        ),
        _M + "len(candidate) < TYPO_MIN_LENGTH - 1 | `1` -> `2`": (
            "A word of four letters would be tried as a typo, but only names of six or more "
            "tolerate one, and none is within a letter of four."
        ),
        _M + "for start, end in zip(cuts[::2], cuts[1::2], strict=True): | `True` -> `False`": (
            "The cuts come in pairs by construction; strict only asserts it."
        ),
        _M + "while i < len(words): | `<` -> `<=` (boundary)": (
            "One more turn with no word left tries no name and ends."
        ),
        _M + "for n in range(min(index.most_words, len(words) - i), 0, -1): | `0` -> `-1`": (
            "One more try with no word, the empty name, which is never listed."
        ),
    }
)

_ACUTE = 'screening/rules.py | "acute_injury": ("injury_last_72_hours", 3), | '
for _change in (
    "string emptied: 'acute_injury'",
    'tuple emptied: ("injury_last_72_hours", 3)',
    "string emptied: 'injury_last_72_hours'",
    "`3` -> `4`",
    "`3` -> `2`",
):
    EQUIVALENT[_ACUTE + _change] = (
        "acute_injury is a caution: only a flag that needs a physician is held, so its window "
        "is never read (clearance.status._lapse)."
    )

_WHERE = 'screening/medications.py | where = FIELD_WORDS.get(field, field.replace("_", " ")) | '
for _change in ("string emptied: '_'", "string emptied: ' '"):
    EQUIVALENT[_WHERE + _change] = (
        "The fallback for a field other than medications and conditions, the only two read."
    )
_MARKERS = (
    'screening/medications.py | rest = _ANY_ROUTE.sub(" ", SHORT_COURSE.sub(" ", '
    'PAST_USE.sub(" ", piece))) | '
)
for _n in (1, 2, 3):
    EQUIVALENT[_MARKERS + f"string emptied: ' ' (#{_n} on the line)"] = (
        "The markers are whole words (matched between word boundaries), so removing them "
        "without a space never joins two words: the words left are the same."
    )

_PART = (
    "screening/medications.py | part_start, part_end = next(((s, e) for s, e in parts if "
    "s <= start < e), (start, end)) | "
)
EQUIVALENT[_PART + "`<` -> `<=` (boundary)"] = (
    "A name never starts where a part ends: a part ends where a break (a comma, a bracket, "
    "'but' ...) begins."
)
EQUIVALENT[_PART + "tuple emptied: (start, end)"] = (
    "Every name lies in one of the parts, so the fallback is never used."
)
_LAST = "screening/medications.py | last = max(end, part_start + past[-1].end()) | "
for _change in ("`+` -> `-`", "`1` -> `0`"):
    EQUIVALENT[_LAST + _change] = (
        "The next line sets `last` to the part's end whenever the last past-use words come "
        "after the name; otherwise they end before it and `end` wins: this line is `end`."
    )

EQUIVALENT[
    "screening/medications.py | if part_start + past[-1].start() > end: | `>` -> `>=` (boundary)"
] = (
    "Past-use words begin at a word boundary, so they never begin right where a name (a word) "
    "ends: equal never happens."
)
EQUIVALENT["screening/conditions.py | return items[0] | `0` -> `-1`"] = (
    "Only for a list of one item, whose first is its last."
)

EQUIVALENT["screening/medications.py | longest = max(map(len, self.names)) + 2 | `2` -> `3`"] = (
    "One more length in the table of typo candidates, a length two letters past the longest "
    "name, where no name is within one letter: an empty entry."
)

EQUIVALENT[
    'screening/engine.py | "spinal_pain": pain_in_words(answers, SPINE, default="neck or back '
    "pain\"), | string emptied: 'neck or back pain'"
] = "Every rule that says {spinal_pain} fires only with pain marked on the spine."

EQUIVALENT[
    "screening/engine.py | if asks and urgency(tier) > urgency(INCOMPLETE): | "
    "`>` -> `>=` (boundary)"
] = "No rule has the tier incomplete, so the tier found is never it: equal never happens."

# Whole module-level names whose surviving mutants are equivalent for the same reason.
_EXTRACTION = (
    "Read only when the brand file is extracted (manage.py extract_drug_brands), not when a "
    "client's words are read: test_the_committed_brand_list_matches_the_dictionary runs the "
    "extraction and fails on such a change (checked by hand), but takes 20 s a run and is left "
    "out of the mutation run."
)
EQUIVALENT_OWNERS = {
    ("screening/medications.py", name): _EXTRACTION
    for name in (
        "DICTIONARY_MIN_LENGTH",
        "COMMON_WORDS",
        "DICTIONARY_SKIPS",
        "DICTIONARY_GENERICS",
        "dictionary_generic",
    )
}
