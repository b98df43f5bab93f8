"""Mutants no test can kill: the change does not change what the program does.

Keyed by "file | the line's text | the change" (the key run.py prints); each with why. They
are reported apart from the survivors, and listed in docs/mutation.md.
"""

_HOLDS = "clearance/status.py | HOLDS = (EMERGENCY, REFER, INCOMPLETE) | "
_DEAD_HOLDS = "HOLDS is never read: CareStatus.hold returns the tiers themselves."
_NOTE_LOCK = (
    "notes/services.py | Client.objects.select_for_update().filter(pk=client.pk).first() | "
)

EQUIVALENT = {
    _HOLDS + "tuple emptied: (EMERGENCY, REFER, INCOMPLETE)": _DEAD_HOLDS,
    _HOLDS + "tier `EMERGENCY` -> `REFER`": _DEAD_HOLDS,
    _HOLDS + "tier `REFER` -> `CAUTION`": _DEAD_HOLDS,
    _HOLDS + "tier `INCOMPLETE` -> `CAUTION`": _DEAD_HOLDS,
    # Killed on PostgreSQL only (tests/integrity/test_note_race.py): SQLite has no row locks,
    # and its IMMEDIATE write transactions already run one after the other.
    _NOTE_LOCK + "call to `select_for_update` removed": "A row lock; SQLite has none.",
    "notes/services.py | note = SessionNote.objects.select_for_update().get(pk=note.pk) | "
    "call to `select_for_update` removed": "A row lock; SQLite has none.",
}
