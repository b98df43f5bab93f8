"""Mutants no test can kill: the change does not change what the program does.

Keyed by "file | the line's text | the change" (the key run.py prints); each with why. They
are reported apart from the survivors, and listed in docs/mutation.md.
"""

EQUIVALENT = {}
