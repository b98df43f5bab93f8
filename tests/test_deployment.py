"""The docker compose file is valid and the web service waits for a healthy database.

There is no Docker engine on the test machines; Debian's docker-compose validates the file
without one.
"""

import shutil
import subprocess
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent


def run_compose(*args, **env):
    tool = shutil.which("docker-compose")
    if tool is None:
        pytest.fail("docker-compose is not installed; tests/system-deps.sh installs it")
    return subprocess.run(
        [tool, "-f", "docker-compose.yml", *args],
        cwd=REPO,
        env={"PATH": "/usr/bin:/bin", **env},
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_web_waits_for_a_healthy_database():
    result = run_compose("config", DJANGO_SECRET_KEY="compose-check")
    assert result.returncode == 0, result.stderr
    web = result.stdout.split("\n  web:\n", 1)[1]
    assert "depends_on:\n      db:\n        condition: service_healthy" in web
    assert "pg_isready -U intake -d intake" in result.stdout


def test_compose_refuses_to_start_without_a_secret():
    result = run_compose("config", "-q")
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY" in result.stderr
