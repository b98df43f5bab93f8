"""Installs come from the lock: pyproject.toml, uv.lock and the hashed requirements files that
`make install`, CI and the Dockerfile install from all say the same thing. A dependency added to
pyproject.toml without `make lock` fails here, not on the next machine."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
UV = Path(sys.executable).parent / "uv"
# Resolve with the interpreter here, never download one, never reach the network.
UV_ENV = {
    **os.environ,
    "UV_PYTHON": sys.executable,
    "UV_PYTHON_DOWNLOADS": "never",
    "UV_OFFLINE": "1",
}

pytestmark = pytest.mark.skipif(not UV.exists(), reason="uv is installed by `make install`")


def uv(*args, cwd=ROOT):
    return subprocess.run(
        [str(UV), *args], cwd=cwd, env=UV_ENV, capture_output=True, text=True, timeout=120
    )


def test_the_lock_holds_every_dependency_of_pyproject():
    result = uv("lock", "--check")
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize(
    ("path", "extras"),
    [("requirements/test.txt", ["--extra", "test"]), ("requirements/app.txt", [])],
)
def test_the_requirements_files_are_the_lock_exported(path, extras, tmp_path):
    exported = tmp_path / "exported.txt"
    result = uv(
        "export",
        "--frozen",
        "--quiet",
        "--format",
        "requirements-txt",
        "--no-emit-project",
        *extras,
        "-o",
        str(exported),
    )
    assert result.returncode == 0, result.stderr

    def pins(text):
        # The header names the output file; the pins and their hashes are what must agree.
        return [line for line in text.splitlines() if not line.startswith("#")]

    assert pins(exported.read_text()) == pins((ROOT / path).read_text()), (
        f"{path} is not the lock's export: run `make lock`"
    )


def test_every_pin_has_its_hash_and_the_app_installs_no_test_tools():
    app = (ROOT / "requirements/app.txt").read_text()
    pinned = [line.split("==")[0] for line in app.splitlines() if "==" in line]
    assert "django" in [name.lower() for name in pinned]
    assert not {"pytest", "playwright", "ruff", "uv"} & {name.lower() for name in pinned}
    assert app.count("==") <= app.count("--hash=sha256:")
