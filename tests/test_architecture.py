"""The apps depend one way: client records at the bottom, the dashboard on top.

Read from the source, so a new import that points upward (or makes a cycle) fails here
before it becomes a tangle.
"""

import ast
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

from config import layers

ROOT = Path(__file__).resolve().parent.parent

# Bottom to top: an app may import only the apps before it (config/layers.py, the one list).
LAYERS = layers.LAYERS

# Top-level directories of the repository that are packages but not the app.
NOT_APPS = {"config", "tests", "bench", "tools"}


def imported_apps(path):
    """The project apps a module imports, whether at the top or inside a function."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names = [node.module]
        else:
            continue
        found.update(name.split(".")[0] for name in names if name.split(".")[0] in LAYERS)
    return found


def edges():
    for app in LAYERS:
        for path in sorted((ROOT / app).rglob("*.py")):
            for target in imported_apps(path) - {app}:
                yield app, target, path.relative_to(ROOT)


def test_every_package_of_the_project_has_a_layer():
    # config/ is the project itself (settings, root URLs): it sits above every app.
    packages = {p.parent.name for p in ROOT.glob("*/__init__.py")} - NOT_APPS
    assert packages == set(LAYERS)


def test_every_django_app_is_installed_in_its_layer_order():
    apps = {p.parent.name for p in ROOT.glob("*/apps.py")} - NOT_APPS
    assert apps == set(layers.PROJECT_APPS)
    installed = [name for name in settings.INSTALLED_APPS if name in set(LAYERS)]
    assert installed == layers.PROJECT_APPS


def test_ruff_sorts_every_app_as_first_party():
    # ruff finds first-party packages from the source root; a package it took for a third
    # party's would be wanted among django's imports, and this block would be "un-sorted".
    probe = "import os\n\nimport django\n\n" + "".join(
        f"import {name}\n" for name in sorted([*LAYERS, "config", "tests"])
    )
    result = subprocess.run(
        [Path(sys.executable).with_name("ruff"), "check", "--select", "I001", "--stdin-filename"]
        + ["tests/probe.py", "-"],
        input=probe,
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
    )
    assert result.returncode == 0, result.stdout


@pytest.mark.parametrize("app", LAYERS)
def test_an_app_imports_only_the_apps_below_it(app):
    below = set(LAYERS[: LAYERS.index(app)])
    upward = [f"{path} imports {target}" for source, target, path in edges() if source == app]
    upward = [line for line in upward if line.rsplit(" ", 1)[1] not in below]
    assert upward == []


def test_the_import_graph_has_no_cycle():
    graph = {app: set() for app in LAYERS}
    for source, target, _ in edges():
        graph[source].add(target)
    visiting, done = set(), set()

    def visit(app, trail):
        assert app not in visiting, f"import cycle: {' -> '.join([*trail, app])}"
        if app in done:
            return
        visiting.add(app)
        for target in graph[app]:
            visit(target, [*trail, app])
        visiting.discard(app)
        done.add(app)

    for app in LAYERS:
        visit(app, [])


def test_the_reader_finds_imports_inside_functions(tmp_path):
    module = tmp_path / "m.py"
    module.write_text("def f():\n    from dashboard.views import x\nimport notes.models\n")
    assert imported_apps(module) == {"dashboard", "notes"}


def test_the_screening_engine_is_pure_python_a_clinician_can_read_alone():
    # No database, no requests, no templates: the rules, medicines and words are read with the
    # answers alone. Only the commands that run it from a shell know Django.
    for path in sorted((ROOT / "screening").rglob("*.py")):
        if "management" in path.parts or path.name == "apps.py":
            continue
        tree = ast.parse(path.read_text(), filename=str(path))
        modules = {
            alias.name
            for node in ast.walk(tree)
            if isinstance(node, ast.Import)
            for alias in node.names
        } | {
            node.module
            for node in ast.walk(tree)
            if isinstance(node, ast.ImportFrom) and node.module and node.level == 0
        }
        assert not {m for m in modules if m.split(".")[0] == "django"}, path
