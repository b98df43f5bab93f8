"""The killers-first plugin for a fresh pytest process (worker.py's "fresh" runs): the node
ids come in MUTATION_KILLERS (JSON), the first failure goes to var/mutation-killer.txt."""

import json
import os
from pathlib import Path

from worker import KillersFirst

_plugin = KillersFirst(
    json.loads(os.environ.get("MUTATION_KILLERS", "[]")), Path("var/mutation-killer.txt")
)
pytest_collection_modifyitems = _plugin.pytest_collection_modifyitems
pytest_runtest_logreport = _plugin.pytest_runtest_logreport
