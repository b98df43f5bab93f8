"""One mutation worker: runs a group's tests against one mutant at a time, in a scratch tree.

Started by run.py with the scratch tree as its working directory. Jobs come as JSON lines on
stdin (the file, its mutated text or null for none, the pytest arguments, a timeout, and how:
"inplace" or "fresh"); each answer is one JSON line: "killed", "survived" or "timeout", and
the time taken.

- "fresh": the mutant is written into the scratch tree and pytest runs in a new interpreter,
  which imports everything from the files. Sure, and slow (seconds of imports per mutant).
- "inplace": this process has collected the tests once (so the project and the tests are
  imported); for each mutant it forks, and the child swaps the mutated module's code into the
  loaded one before running pytest: each function keeps its identity and gets the mutant's
  code (so a view or a signal that imported it runs the mutant), and a module-level value
  the mutant changed is rebound wherever it was imported by name. A value another module
  computed from it at import is not recomputed, so run.py runs every in-place survivor again
  fresh, and checks first that the unmutated module swapped in passes (no false kills).

The real source files are never written; the scratch tree's copy is put back after a fresh run.
"""

import importlib
import json
import os
import signal
import subprocess
import sys
import threading
import time
import types
from pathlib import Path

# A mutant is compiled from source every time: a cached .pyc of a mutant of the same size
# written in the same second would otherwise be taken for the next one.
sys.dont_write_bytecode = True

import pytest  # noqa: E402

KILLERS = []  # node ids of the tests that killed mutants, the latest first
REPORT = Path("var/mutation-killer.txt")
MISSING = object()


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


class OnlyThese:
    """Keeps only the tests of `allowed` (node ids): those that run the mutated line."""

    def __init__(self, allowed):
        self.allowed = set(allowed)

    def pytest_collection_modifyitems(self, config, items):
        kept = [item for item in items if item.nodeid in self.allowed]
        config.hook.pytest_deselected(items=[i for i in items if i.nodeid not in self.allowed])
        items[:] = kept


class LinesRun:
    """Records, for each test (its setup included), the lines of one file it runs."""

    def __init__(self, filename):
        self.filename = filename
        self.lines = {}  # node id -> set of line numbers
        self.current = None

    def _trace(self, frame, event, arg):
        if frame.f_code.co_filename != self.filename or self.current is None:
            return None
        self.current.add(frame.f_lineno)
        return self._line

    def _line(self, frame, event, arg):
        if event == "line" and self.current is not None:
            self.current.add(frame.f_lineno)
        return self._line

    @pytest.hookimpl(hookwrapper=True)
    def pytest_runtest_protocol(self, item, nextitem):
        self.current = self.lines.setdefault(item.nodeid, set())
        threading.settrace(self._trace)
        sys.settrace(self._trace)
        try:
            yield
        finally:
            sys.settrace(None)
            threading.settrace(None)
            self.current = None


def run_trace(path, args, output):
    """Run the tests once, recording the lines of `path` each runs, into `output` (JSON)."""
    pid = os.fork()
    if pid == 0:
        os.setpgid(0, 0)
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, 1)
        os.dup2(devnull, 2)
        try:
            modname = path[: -len(".py")].replace("/", ".")
            filename = importlib.import_module(modname).__file__
            recorder = LinesRun(filename)
            # The lines run at import (module values, and functions that build them), under
            # the key "<import>": a mutant there is tried with every test.
            recorder.current = recorder.lines.setdefault("<import>", set())
            sys.settrace(recorder._trace)
            try:
                swap_in(path, Path(filename).read_text())
            finally:
                sys.settrace(None)
                recorder.current = None
            args = [arg for arg in args if arg != "-x"]
            code = pytest.main(args, plugins=[recorder])
            lines = {nodeid: sorted(found) for nodeid, found in recorder.lines.items()}
            Path(output).write_text(json.dumps(lines))
        except BaseException:  # noqa: BLE001 - reported as a failed run
            code = 3
        os._exit(int(code))
    return _wait(pid, 7200)


# Swapping a mutated module into the loaded one.
def _functions_of(value):
    """The plain functions behind a module or class attribute (decorators unwrapped)."""
    if isinstance(value, staticmethod | classmethod):
        value = value.__func__
    if isinstance(value, property):
        return [f for f in (value.fget, value.fset, value.fdel) if f is not None]
    found = []
    while value is not None:
        if isinstance(value, types.FunctionType):
            found.append(value)
        value = getattr(value, "__wrapped__", None)
    return found


def _patch_function(old, new):
    """Give `old` (and what it wraps) the code and defaults of `new`: True if it could."""
    olds, news = _functions_of(old), _functions_of(new)
    if not olds or len(olds) != len(news):
        return False
    for before, after in zip(olds, news, strict=True):
        if len(before.__code__.co_freevars) != len(after.__code__.co_freevars):
            return False
        before.__code__ = after.__code__
        before.__defaults__ = after.__defaults__
        before.__kwdefaults__ = after.__kwdefaults__
    return True


def _same(old, new):
    if old is new:
        return True
    try:
        return bool(old == new) and type(old) is type(new)
    except Exception:  # noqa: BLE001 - values that cannot be compared are different
        return False


def _rebind(old, new):
    """`new` wherever a loaded module holds `old` under a name."""
    for module in list(sys.modules.values()):
        namespace = getattr(module, "__dict__", None)
        if not namespace:
            continue
        for name, value in list(namespace.items()):
            if value is old:
                namespace[name] = new


def _patch_class(old, new, modname):
    for name, value in new.__dict__.items():
        if name in ("__dict__", "__weakref__", "__doc__", "__module__", "__qualname__"):
            continue
        current = old.__dict__.get(name, MISSING)
        if current is MISSING:
            setattr(old, name, value)
        elif _functions_of(value) and _patch_function(current, value):
            continue
        elif isinstance(value, type) and isinstance(current, type):
            _patch_class(current, value, modname)
        elif not _same(current, value):
            setattr(old, name, value)


def swap_in(path, source):
    """Swap the text `source` of the file `path` into its loaded module."""
    modname = path[: -len(".py")].replace("/", ".")
    module = importlib.import_module(modname)
    fresh = types.ModuleType(modname)
    fresh.__dict__.update(
        {k: module.__dict__[k] for k in ("__file__", "__package__", "__spec__", "__loader__")}
    )
    # Dataclasses and typing look the module up by name while its classes are made.
    sys.modules[modname] = fresh
    try:
        exec(compile(source, module.__file__, "exec"), fresh.__dict__)  # noqa: S102
    finally:
        sys.modules[modname] = module
    for name, new in fresh.__dict__.items():
        if name.startswith("__"):
            continue
        old = module.__dict__.get(name, MISSING)
        if old is MISSING:
            module.__dict__[name] = new
        elif getattr(new, "__module__", None) == modname and _functions_of(new):
            if not _patch_function(old, new):
                _rebind(old, new)
        elif isinstance(new, type) and new.__module__ == modname and isinstance(old, type):
            _patch_class(old, new, modname)
        elif not _same(old, new):
            _rebind(old, new)


def _wait(pid, timeout):
    deadline = time.monotonic() + timeout
    while True:
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            return os.waitstatus_to_exitcode(status)
        if time.monotonic() > deadline:
            os.killpg(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
            return None
        time.sleep(0.05)


def run_inplace(path, source, args, timeout, allowed=None):
    pid = os.fork()
    if pid == 0:
        os.setpgid(0, 0)
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, 1)
        os.dup2(devnull, 2)
        try:
            if source is not None:
                swap_in(path, source)
            plugins = [KillersFirst(KILLERS, REPORT)]
            if allowed is not None:
                plugins.append(OnlyThese(allowed))
            code = pytest.main(args, plugins=plugins)
        except BaseException:  # noqa: BLE001 - any crash of the child is a failed run
            code = 3
        os._exit(int(code))
    return _wait(pid, timeout)


def run_fresh(path, source, args, timeout):
    target = Path(path)
    original = target.read_text()
    try:
        if source is not None:
            target.write_text(source)
        plugin = Path(__file__).with_name("killers_plugin.py")
        env = {**os.environ, "MUTATION_KILLERS": json.dumps(KILLERS[:20])}
        process = subprocess.Popen(
            [sys.executable, "-m", "pytest", "-p", "killers_plugin", *args],
            env={**env, "PYTHONPATH": str(plugin.parent)},
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        try:
            return process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
            return None
    finally:
        target.write_text(original)


def preload(args):
    """Collect the tests once here, so the project and the tests are imported before any fork
    (the conftest's changes to Django's flush are undone: each child makes them again)."""
    from django.db.backends.sqlite3.base import DatabaseOperations

    flush = DatabaseOperations.execute_sql_flush
    devnull = os.open(os.devnull, os.O_WRONLY)
    saved = os.dup(1), os.dup(2)
    os.dup2(devnull, 1)
    os.dup2(devnull, 2)
    try:
        code = pytest.main(["--collect-only", "-q", *args])
    finally:
        os.dup2(saved[0], 1)
        os.dup2(saved[1], 2)
        DatabaseOperations.execute_sql_flush = flush
    return code


def main():
    preloaded = None
    for line in sys.stdin:
        job = json.loads(line)
        REPORT.parent.mkdir(exist_ok=True)
        REPORT.unlink(missing_ok=True)
        started = time.monotonic()
        if job["how"] in ("inplace", "trace") and preloaded is None:
            preloaded = preload(job["args"])
        if job["how"] == "trace":
            output = Path("var/mutation-lines.json")
            output.unlink(missing_ok=True)
            code = run_trace(job["path"], job["args"], output)
            lines = json.loads(output.read_text()) if output.exists() else None
            print(json.dumps({"outcome": "traced", "lines": lines, "code": code}), flush=True)
            continue
        if job["how"] == "inplace":
            code = run_inplace(
                job["path"], job["source"], job["args"], job["timeout"], job.get("allowed")
            )
        else:
            code = run_fresh(job["path"], job["source"], job["args"], job["timeout"])
        # 5: no test ran (none of the tests that run the line was found): not a kill.
        outcome = {None: "timeout", 0: "survived", 5: "no tests"}.get(code, "killed")
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
