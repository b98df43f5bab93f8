"""The docker compose file is valid: PostgreSQL, a one-shot migrate step, two app servers and
a worker that wait for it.

There is no Docker engine on the test machines; Debian's docker-compose validates the file
without one.
"""

import fnmatch
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


def service(config, name):
    """One service's block of `docker-compose config` (which prints every service in a fixed
    form, two spaces per level), without its first line."""
    block = config.split(f"\n  {name}:\n", 1)[1]
    lines = []
    for line in block.splitlines():
        if not line.startswith("    "):
            break
        lines.append(line)
    return "\n".join(lines) + "\n"


@pytest.fixture(scope="module")
def config():
    result = run_compose("config", DJANGO_SECRET_KEY="compose-check")
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_two_app_servers_and_a_worker_wait_for_the_release_s_migrations(config):
    migrate = service(config, "migrate")
    assert "- massage-intake\n    - migrate\n" in migrate
    assert "depends_on:\n      db:\n        condition: service_healthy" in migrate
    assert 'restart: "no"' in migrate
    for name in ("web1", "web2", "worker"):
        block = service(config, name)
        assert "      migrate:\n        condition: service_completed_successfully" in block, name
        assert "image: massage-intake:local" in block, name
        assert "DJANGO_SECRET_KEY: compose-check" in block, name  # one secret for all
    assert "pg_isready -U intake -d intake" in service(config, "db")


def test_every_app_container_shares_the_stored_files_volume(config):
    """A letter finalised through web1 is read by web2: both mount the same media volume at
    DJANGO_MEDIA_ROOT (and the migrate step, whose data migrations may move files)."""
    for name in ("migrate", "web1", "web2", "worker"):
        block = service(config, name)
        assert "DJANGO_MEDIA_ROOT: /app/var/media" in block, name
        assert "volumes:\n    - media:/app/var/media:rw\n" in block, name
    assert "mkdir -p /app/var/media" in (REPO / "Dockerfile").read_text()


def test_the_app_servers_are_health_checked_and_published_on_their_own_ports(config):
    for name, port in (("web1", 8000), ("web2", 8001)):
        block = service(config, name)
        assert "http://127.0.0.1:8000/health/" in block, name
        assert f"published: {port}\n      target: 8000" in block, name
    assert "- worker" in service(config, "worker")
    assert "- --health" in service(config, "worker")  # unhealthy when emails wait too long


def test_the_image_serves_and_does_not_migrate_at_start():
    """Migrations are the release's step (the compose file's migrate service), not every
    server's start: two servers starting together would run them twice at once."""
    dockerfile = (REPO / "Dockerfile").read_text()
    command = next(line for line in dockerfile.splitlines() if line.startswith("CMD "))
    assert "gunicorn -c python:config.gunicorn config.wsgi" in command
    assert "migrate" not in command


def test_compose_refuses_to_start_without_a_secret():
    result = run_compose("config", "-q")
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY" in result.stderr


def dockerfile_instructions():
    """The Dockerfile's instructions, continuation lines joined, comments left out."""
    text = (REPO / "Dockerfile").read_text().replace("\\\n", " ")
    return [
        " ".join(line.split()) for line in text.splitlines() if line and not line.startswith("#")
    ]


def test_the_image_installs_the_project_as_a_package_with_no_app_named():
    """A new app reaches the image through the wheel (setup.py finds it), not a COPY line."""
    from config.layers import LAYERS

    instructions = dockerfile_instructions()
    copies = [line for line in instructions if line.startswith("COPY ")]
    named = [line for line in copies for app in LAYERS if app in line.split()[1:-1]]
    assert named == []
    assert "RUN pip wheel --no-cache-dir --no-deps --wheel-dir /wheels ." in instructions
    assert any(
        line.startswith("RUN pip install --no-cache-dir --require-hashes -r ")
        for line in instructions
    )
    assert "RUN pip install --no-cache-dir --no-deps /tmp/wheels/*.whl && rm -rf /tmp/wheels" in (
        instructions
    )


def ignored(path, patterns):
    """Whether .dockerignore keeps a path (relative to the context) out of the build."""
    parts = path.split("/")
    prefixes = ["/".join(parts[: i + 1]) for i in range(len(parts))]
    return any(
        fnmatch.fnmatch(prefix, pattern) or fnmatch.fnmatch(prefix, pattern.removeprefix("**/"))
        for pattern in patterns
        for prefix in prefixes
    )


def test_the_build_context_holds_what_the_wheel_needs_and_nothing_private():
    from config.layers import LAYERS

    lines = (REPO / ".dockerignore").read_text().splitlines()
    patterns = [line.strip() for line in lines if line.strip() and not line.startswith("#")]
    assert not [p for p in patterns if p.startswith("!")], "exceptions make this test unsure"
    needed = [
        *LAYERS, "config", "templates", "static", "setup.py", "pyproject.toml", "README.md",
        "requirements/app.txt", "screening/drug_brands.json", "static/vendor/bootstrap",
    ]  # fmt: skip
    assert [path for path in needed if ignored(path, patterns)] == []
    # The secret of docker compose's .env, the developer's venv and database, and what the
    # app does not run.
    kept_out = [".env", ".venv", "var", "var/db.sqlite3", ".git", "tests", "bench", "tools"]
    kept_out += ["docs", "clients/__pycache__"]
    assert [path for path in kept_out if not ignored(path, patterns)] == []
