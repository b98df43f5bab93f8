"""Mutation testing of the safety modules: would a test fail if a rule were quietly weakened?

    make mutation                      # every group
    make mutation MODULE=note-services # one group (or a file: MODULE=notes/services.py)
    make mutation JOBS=2               # two workers (each its own scratch tree and database)

Each mutant (tools/mutation/mutants.py) is one small change to one file. It is applied to a
copy of the working tree under var/mutation/ (the real source files are never written), and
the group's tests run against it on SQLite, stopping at the first failure. A mutant some test
fails on is killed; one every test passes on survived. The report gives each group's kill rate,
counting the mutants no test could kill (tools/mutation/equivalents.py, docs/mutation.md) apart,
and lists every other survivor as file:line and the change. It is slow (minutes per group), so
it runs on demand, not in `make test`.
"""

import argparse
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from equivalents import EQUIVALENT, EQUIVALENT_OWNERS  # noqa: E402
from mutants import mutants_of  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
SCRATCH = ROOT / "var" / "mutation"
PYTHON = ROOT / ".venv" / "bin" / "python"

# The modules of each group, and its tests, the most telling and quickest first (a run stops
# at the first failure). No browser tests: a mutant is caught by the tests under the page.
GROUPS = {
    "screening-rules": {
        "files": ["screening/rules.py", "screening/conditions.py", "screening/engine.py"],
        "tests": [
            "tests/intake/test_safety_rules.py",
            "tests/intake/test_rule_words.py",
            "tests/intake/test_screening.py",
            "tests/intake/test_screening_v3.py",
            "tests/intake/test_incomplete.py",
            "tests/intake/test_rulebook.py",
            "tests/intake/test_medications.py",
            "tests/intake/test_in_person.py",
            "tests/notes/test_session_notes_cautions.py",
            "tests/notes/test_neck_safety.py",
            "tests/clearance/test_history.py",
            "tests/clearance/test_care_rules.py",
            "tests/intake/test_screening_properties.py",
        ],
    },
    "medicines": {
        "files": ["screening/medications.py", "screening/own_words.py"],
        "tests": [
            "tests/intake/test_medications.py",
            "tests/intake/test_medicine_safety.py",
            "tests/intake/test_own_words_safety.py",
            "tests/intake/test_screening_v3.py",
            "tests/intake/test_screening.py",
            "tests/intake/test_incomplete.py",
            "tests/intake/test_in_person.py",
        ],
    },
    "care-status": {
        "files": ["clearance/status.py"],
        "tests": [
            "tests/clearance/test_history.py",
            "tests/clearance/test_care_status.py",
            "tests/clearance/test_care_rules.py",
            "tests/clearance/test_care_history_edges.py",
            "tests/notes/test_note_services.py",
            "tests/notes/test_enforcement.py",
            "tests/notes/test_neck_safety.py",
            "tests/notes/test_session_notes_clearance.py",
            "tests/notes/test_self_care_cautions.py",
            "tests/notes/test_note_starts_from_intake.py",
            "tests/intake/test_incomplete.py",
            "tests/intake/test_in_person.py",
            "tests/referrals/test_clearance.py",
        ],
    },
    "note-services": {
        "files": ["notes/services.py"],
        "tests": [
            "tests/notes/test_safety_in_services.py",
            "tests/notes/test_note_services.py",
            "tests/notes/test_session_notes_signing.py",
            "tests/notes/test_session_notes_cautions.py",
            "tests/notes/test_enforcement.py",
            "tests/notes/test_neck_safety.py",
            "tests/notes/test_self_care_cautions.py",
            "tests/notes/test_session_notes_clearance.py",
            "tests/notes/test_note_starts_from_intake.py",
            "tests/notes/test_session_notes.py",
            "tests/notes/test_check_first.py",
            "tests/notes/test_technique_map.py",
            "tests/integrity/test_note_race.py",
        ],
    },
}
# Too slow for a run per mutant, and about something else (a data file's freshness).
DESELECT = [
    "tests/intake/test_medications.py::test_the_committed_brand_list_matches_the_dictionary"
]
PYTEST_ARGS = ["-x", "-q", "-p", "no:cacheprovider", "--reuse-db", "-m", "not browser"]
TEST_ENV = {
    "DJANGO_SECRET_KEY": "insecure-key-for-the-test-suite-only",
    "DJANGO_DEBUG": "false",
    "DJANGO_HTTPS": "false",
    "DJANGO_ALLOW_ASYNC_UNSAFE": "true",
    "DJANGO_EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
    "PYTHONDONTWRITEBYTECODE": "1",
}


def copy_tree(destination, rev=""):
    """The working tree as it is (tracked files and new ones, not ignored ones), or the tree
    of commit `rev`, in `destination`: the mutants are written there, never in the real
    files."""
    if destination.exists():
        shutil.rmtree(destination)
    if rev:
        destination.mkdir(parents=True)
        archive = subprocess.run(
            ["git", "archive", rev], cwd=ROOT, check=True, capture_output=True
        ).stdout
        subprocess.run(["tar", "-x", "-C", str(destination)], input=archive, check=True)
        return
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=ROOT,
        check=True,
        capture_output=True,
    ).stdout.split(b"\0")
    for name in listed:
        relative = name.decode()
        source = ROOT / relative
        if not relative or relative == ".venv" or not source.is_file():
            continue
        target = destination / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(source, target)


class Worker:
    def __init__(self, scratch, index, rev=""):
        self.tree = scratch / f"tree-{index}"
        copy_tree(self.tree, rev)
        env = {key: value for key, value in os.environ.items() if key != "DATABASE_URL"}
        env.update(TEST_ENV)
        self.process = subprocess.Popen(
            [str(PYTHON), str(Path(__file__).parent / "worker.py")],
            cwd=self.tree,
            env=env,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        self.busy = None

    def send(self, path, source, args, timeout, how="inplace", allowed=None):
        job = {"path": path, "source": source, "args": args, "timeout": timeout, "how": how}
        if allowed is not None:
            job["allowed"] = sorted(allowed)
        self.process.stdin.write(json.dumps(job) + "\n")
        self.process.stdin.flush()

    def receive(self):
        return json.loads(self.process.stdout.readline())

    def close(self):
        self.process.stdin.close()
        self.process.wait()


def pytest_args(tests, tree):
    present = [test for test in tests if (tree / test).exists()]
    deselect = [arg for test in DESELECT for arg in ("--deselect", test)]
    return [*PYTEST_ARGS, *deselect, *present]


def run_group(name, workers, log, only="", earlier=None, confirm=False):
    """The results of every mutant of the group (of the file `only`, if it names one). With
    `earlier` (key -> result of a previous run), only the mutants that survived it run
    again: a test added since cannot make a killed mutant survive."""
    group = GROUPS[name]
    tree = workers[0].tree
    args = pytest_args(group["tests"], tree)
    files = [f for f in group["files"] if not only or only in (name, f)]
    # The baseline: every test passes on the real source (else every mutant looks killed).
    workers[0].send(files[0], None, args, 1800)
    baseline = workers[0].receive()
    if baseline["outcome"] != "survived":
        sys.exit(f"{name}: the tests fail without any mutant; fix them first.")
    timeout = max(60, 3 * baseline["seconds"])
    for worker in workers:
        for path in files:
            # The unmutated file swapped in must pass too: a swap that breaks something would
            # count every mutant as killed.
            worker.send(path, (tree / path).read_text(), args, timeout)
            if worker.receive()["outcome"] != "survived":
                sys.exit(f"{name}: {path} swapped in unchanged fails its tests.")
        # The canary: a module that cannot be loaded must be noticed.
        worker.send(files[0], "raise ImportError('mutation canary')\n", args, timeout)
        if worker.receive()["outcome"] != "killed":
            sys.exit(f"{name}: a broken {files[0]} went unnoticed.")
    print(f"== {name}: tests pass in {baseline['seconds']} s; timeout {timeout:.0f} s", flush=True)

    def record(mutant, answer, note):
        outcome = answer["outcome"]
        if outcome in ("survived", "no tests") and _equivalent(mutant.key, path, mutant.owner):
            outcome = "equivalent"
        result = {
            "group": name,
            "where": mutant.where,
            "key": mutant.key,
            "description": mutant.description,
            "line": mutant.original_line.strip(),
            "outcome": outcome,
            "note": note,
            "owner": mutant.owner,
            "seconds": answer["seconds"],
        }
        results.append(result)
        log.write(json.dumps(result) + "\n")
        log.flush()
        if outcome in ("survived", "no tests"):
            print(f"   {outcome} {mutant.where}: {mutant.description} {note}", flush=True)
            print(f"            {mutant.original_line.strip()}", flush=True)

    results = []
    for path in files:
        mutants = mutants_of(path, (tree / path).read_text())
        print(f"-- {path}: {len(mutants)} mutants", flush=True)
        # Which tests run each line: a mutant inside a function is tried only with the tests
        # that run its line (a value set at import is tried with every test).
        workers[0].send(path, None, args, 7200, how="trace")
        traced = workers[0].receive()
        if traced["lines"] is None or traced["code"] != 0:
            sys.exit(f"{name}: recording which tests run {path} failed.")
        at_import = set(traced["lines"].pop("<import>", ()))
        tests_of_line = {}
        for nodeid, lines in traced["lines"].items():
            for line in lines:
                tests_of_line.setdefault(line, set()).add(nodeid)
        queue = []
        for mutant in mutants:
            before = (earlier or {}).get(mutant.key)
            if before and before["outcome"] not in ("survived", "equivalent", "no tests"):
                results.append(before)
                log.write(json.dumps(before) + "\n")
            elif before and _equivalent(mutant.key, path, mutant.owner):
                # It survived before, and no test can kill it: not run again.
                record(mutant, {**before, "outcome": "survived"}, before.get("note", ""))
            else:
                queue.append(mutant)
        if earlier is not None:
            print(f"   {len(queue)} of them survived the earlier run: running those", flush=True)
        running = {}
        while queue or running:
            for worker in workers:
                if worker.busy is None and queue:
                    mutant = queue.pop(0)
                    allowed = None
                    lines = range(mutant.statement_line, mutant.end_line + 1)
                    if mutant.in_function and not at_import.intersection(lines):
                        allowed = set().union(
                            *(
                                tests_of_line.get(n, ())
                                for n in range(mutant.statement_line, mutant.end_line + 1)
                            )
                        )
                    if allowed is not None and not allowed:
                        # No test runs this line: it survives without a run.
                        record(mutant, {"outcome": "survived", "seconds": 0.0}, "no test runs it")
                        continue
                    worker.send(path, mutant.source, args, timeout, allowed=allowed)
                    worker.busy = mutant
                    running[id(worker)] = worker
            if not running:
                continue
            # Wait for any busy worker (each answers one line per job).
            worker = _first_ready(list(running.values()))
            answer = worker.receive()
            mutant, worker.busy = worker.busy, None
            del running[id(worker)]
            if answer["outcome"] == "survived" and not mutant.in_function and confirm:
                # Swapped in, a changed value may miss another module that computed something
                # from it at import: such a survivor is tried again from the files, in a new
                # interpreter. (A function's new code is seen by every caller.)
                worker.send(path, mutant.source, args, timeout, how="fresh")
                answer = worker.receive()
                if answer["outcome"] != "survived":
                    answer["outcome"] += " fresh"
            record(mutant, answer, "")

    return results


def _equivalent(key, path, owner):
    return key in EQUIVALENT or (path, owner) in EQUIVALENT_OWNERS


def _first_ready(workers):
    import selectors

    selector = selectors.DefaultSelector()
    for worker in workers:
        selector.register(worker.process.stdout, selectors.EVENT_READ, worker)
    try:
        while True:
            for key, _ in selector.select():
                return key.data
    finally:
        selector.close()


def summary_line(name, results):
    counted = [r for r in results if r["outcome"] != "equivalent"]
    killed = sum(r["outcome"] not in ("survived", "no tests") for r in counted)
    equivalent = len(results) - len(counted)
    rate = 100 * killed / len(counted) if counted else 100.0
    raw = 100 * killed / len(results) if results else 100.0
    return (
        f"{name:16} {len(results):5} mutants  {killed:5} killed  "
        f"{len(counted) - killed:4} survived  {equivalent:3} equivalent  "
        f"kill rate {rate:5.1f} % ({raw:.1f} % counting the equivalent ones)"
    )


def report(paths):
    """Kill rates and survivors from earlier runs, with today's list of equivalent mutants."""
    merged = {}
    for path in paths:
        for index, line in enumerate(Path(path).read_text().splitlines()):
            result = json.loads(line)
            # One file is a whole run, every line its own mutant; a later file wins.
            key = (result["group"], result["where"], result["description"])
            merged[(*key, index) if len(paths) == 1 else key] = result
    by_group = {}
    for result in merged.values():
        if result["outcome"] in ("survived", "no tests", "equivalent"):
            path = result["where"].rsplit(":", 1)[0]
            equivalent = _equivalent(result["key"], path, result.get("owner", ""))
            result["outcome"] = "equivalent" if equivalent else "survived"
        by_group.setdefault(result["group"], []).append(result)
    for results in by_group.values():
        for result in results:
            if result["outcome"] == "survived":
                print(f"   survived {result['where']}: {result['description']}")
                print(f"            {result['line']}")
    print("== kill rates")
    for name in GROUPS:
        if name in by_group:
            print(summary_line(name, by_group[name]))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--module", default="", help="a group name or a file of one")
    parser.add_argument("--jobs", type=int, default=1)
    parser.add_argument(
        "--report",
        nargs="+",
        metavar="RESULTS",
        help="only print the kill rates and survivors of results.jsonl files, "
        "the later file's result winning for the same mutant",
    )
    parser.add_argument(
        "--confirm",
        action="store_true",
        help="try each survivor of a module-level value again in a new interpreter",
    )
    parser.add_argument("--rev", default="", help="test a commit (e.g. main) instead")
    parser.add_argument(
        "--again",
        default="",
        help="a results.jsonl of an earlier run: run only the mutants that survived it",
    )
    options = parser.parse_args()
    if options.report:
        report(options.report)
        return
    names = list(GROUPS)
    if options.module:
        names = [
            name for name, group in GROUPS.items() if options.module in (name, *group["files"])
        ]
        if not names:
            sys.exit(f"No group {options.module!r}; the groups: {', '.join(GROUPS)}")
    # Its own scratch trees and results per selection, so two selections can run side by side.
    scratch = SCRATCH / "-".join(
        filter(
            None,
            [options.module.replace("/", "-") or "all", options.rev, options.again and "again"],
        )
    )
    scratch.mkdir(parents=True, exist_ok=True)
    earlier = None
    if options.again:
        lines = Path(options.again).read_text().splitlines()
        earlier = {result["key"]: result for result in map(json.loads, lines)}
    started = time.monotonic()
    workers = [Worker(scratch, index, options.rev) for index in range(max(1, options.jobs))]
    summary = []
    try:
        with open(scratch / "results.jsonl", "w") as log:
            for name in names:
                results = run_group(
                    name,
                    workers,
                    log,
                    only=options.module,
                    earlier=earlier,
                    confirm=options.confirm,
                )
                summary.append(summary_line(name, results))
    finally:
        for worker in workers:
            worker.close()
    print("== kill rates")
    for line in summary:
        print(line)
    print(f"({time.monotonic() - started:.0f} s; every result in {scratch / 'results.jsonl'})")


if __name__ == "__main__":
    main()
