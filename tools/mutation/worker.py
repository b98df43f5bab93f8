"""One mutation worker: runs a module's tests against one mutant at a time, in a scratch tree.

Started by run.py with the scratch tree as its working directory. It imports pytest and the
heavy libraries once, then for each mutant (a JSON line on stdin: the file, its mutated text,
the pytest arguments, a timeout) writes the mutant into the scratch tree, forks, and runs pytest
in the child, which imports the project afresh and so sees the mutant; the parent puts the
original text back and answers one JSON line: "killed", "survived" or "timeout", and the time.

Forking spares each mutant the seconds of starting Python, pytest and Django's imports. The
project itself is never imported in this parent: only the child sees a mutant.
"""

import importlib
import json
import os
import signal
import sys
import time
from pathlib import Path

# The child compiles the mutated file from source every time: a cached .pyc of a mutant of the
# same size written in the same second would otherwise be taken for the next one.
sys.dont_write_bytecode = True

import pytest  # noqa: E402

# Third-party imports every test run pays for; none of them imports the project.
for name in (
    "django.db.models",
    "django.test",
    "factory",
    "hypothesis",
    "pytest_django",
    "rapidfuzz",
    "weasyprint",
):
    try:
        importlib.import_module(name)
    except Exception:  # noqa: BLE001, S112 - a missing speed-up is not an error
        continue


class KillersFirst:
    """Runs first the tests that killed earlier mutants (most recent first), and writes the id
    of the first test to fail to `report`: a test that caught one mutant of a file tends to
    catch its neighbours, and a run stops at its first failure."""

    def __init__(self, killers, report):
        self.killers = killers
        self.report = report

    def pytest_collection_modifyitems(self, items):
        rank = {nodeid: index for index, nodeid in enumerate(self.killers)}
        items.sort(key=lambda item: rank.get(item.nodeid, len(rank)))  # stable

    def pytest_runtest_logreport(self, report):
        if report.failed and not self.report.exists():
            self.report.write_text(report.nodeid)


KILLERS = []  # node ids, the latest killer first
REPORT = Path("var/mutation-killer.txt")


def run_one(args, timeout):
    """'killed' (a test failed), 'survived' (every test passed) or 'timeout'."""
    REPORT.parent.mkdir(exist_ok=True)
    REPORT.unlink(missing_ok=True)
    pid = os.fork()
    if pid == 0:
        os.setpgid(0, 0)
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, 1)
        os.dup2(devnull, 2)
        try:
            code = pytest.main(args, plugins=[KillersFirst(KILLERS, REPORT)])
        except BaseException:  # noqa: BLE001 - any crash of the child is a failed run
            code = 3
        os._exit(int(code))
    deadline = time.monotonic() + timeout
    while True:
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            code = os.waitstatus_to_exitcode(status)
            # 5: no test was collected, which the selection never allows; counted as a kill.
            return "survived" if code == 0 else "killed"
        if time.monotonic() > deadline:
            os.killpg(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
            return "timeout"
        time.sleep(0.05)


def main():
    for line in sys.stdin:
        job = json.loads(line)
        target = Path(job["path"])
        original = target.read_text()
        started = time.monotonic()
        try:
            if job["source"] is not None:
                target.write_text(job["source"])
            outcome = run_one(job["args"], job["timeout"])
        finally:
            target.write_text(original)
        if REPORT.exists():
            killer = REPORT.read_text()
            if killer in KILLERS:
                KILLERS.remove(killer)
            KILLERS.insert(0, killer)
        if outcome == "timeout":
            # A run stopped mid-test may leave rows behind in the reused test database.
            for stale in Path("var").glob("test-db.sqlite3*"):
                stale.unlink()
        answer = {"outcome": outcome, "seconds": round(time.monotonic() - started, 2)}
        print(json.dumps(answer), flush=True)


if __name__ == "__main__":
    main()
