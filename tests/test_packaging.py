"""The project installs as a package: an installed wheel runs the app, not the source tree.

The wheel is built offline with this venv's own setuptools and installed without its
dependencies into a scratch venv that borrows this venv's (a .pth line: the packages are the
locked ones, nothing is downloaded). Every command runs from a directory outside the source
tree, with a clean environment, so nothing can fall back on the checkout.
"""

import importlib.metadata
import os
import shutil
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

from config.layers import LAYERS

ROOT = Path(__file__).resolve().parent.parent
TIMEOUT = 120  # seconds for any one step: a hung build or command fails instead of waiting

pytestmark = [
    pytest.mark.slow,
    # The install does not depend on the database: once, on the SQLite pass, is enough.
    pytest.mark.skipif(
        bool(os.environ.get("DATABASE_URL")), reason="runs once, on the SQLite pass"
    ),
]

# What a build must not copy from a working tree: the venv, databases, caches, build output.
NOT_SOURCE = shutil.ignore_patterns(
    ".venv", "var", ".git", "__pycache__", "*.pyc", "build", "*.egg-info", "dist",
    ".pytest_cache", ".ruff_cache", "test-results",
)  # fmt: skip


def run(args, cwd, env=None, timeout=TIMEOUT):
    result = subprocess.run(
        [str(arg) for arg in args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    assert result.returncode == 0, f"{args}\n{result.stdout}\n{result.stderr}"
    return result.stdout


@pytest.fixture(scope="module")
def wheel(tmp_path_factory):
    version = importlib.metadata.version("setuptools")
    assert int(version.split(".")[0]) >= 77, (
        f"setuptools {version} in this venv cannot build the project (pyproject's license "
        "needs 77): the test extra asks for it, so `make install` brings it"
    )
    tmp = tmp_path_factory.mktemp("wheel")
    # A copy, because building in place leaves build/ and an egg-info in the checkout.
    source = tmp / "source"
    shutil.copytree(ROOT, source, ignore=NOT_SOURCE)
    run(
        [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation"]
        + ["--no-index", "--wheel-dir", tmp / "dist", source],
        cwd=tmp,
    )
    (built,) = (tmp / "dist").glob("massage_intake-*.whl")
    yield built
    shutil.rmtree(tmp, ignore_errors=True)


@pytest.fixture(scope="module")
def installed(wheel, tmp_path_factory):
    """A scratch venv holding the wheel, a working directory outside the source tree, and the
    environment that runs the installed app there."""
    tmp = tmp_path_factory.mktemp("installed")
    venv = tmp / "venv"
    run([sys.executable, "-m", "venv", "--without-pip", venv], cwd=tmp)
    python = venv / "bin" / "python"
    scratch_site = Path(
        run(
            [python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"], tmp
        ).strip()
    )
    # The dependencies, from this venv. A path in a .pth file is only added to sys.path: the
    # editable install's own .pth in there (the source tree) is not read.
    (scratch_site / "project-dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    run(
        [sys.executable, "-m", "pip", "--python", python, "install", "--quiet", "--no-deps"]
        + ["--no-index", wheel],
        cwd=tmp,
    )
    workdir = tmp / "practice"
    workdir.mkdir()
    # No DATABASE_URL: the installed app's default, an SQLite file under ./var.
    env = {
        "PATH": os.environ["PATH"],
        "HOME": str(tmp),
        "LANG": "C.UTF-8",
        "DJANGO_SECRET_KEY": "insecure-key-for-the-test-suite-only",
        "DJANGO_DEBUG": "false",
        "DJANGO_HTTPS": "false",
        "DJANGO_ALLOWED_HOSTS": "testserver",
        "DJANGO_EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
    }
    yield {
        "python": python,
        "command": venv / "bin" / "massage-intake",
        "site": scratch_site,
        "cwd": workdir,
        "env": env,
    }
    shutil.rmtree(tmp, ignore_errors=True)


def wheel_files(wheel):
    with zipfile.ZipFile(wheel) as archive:
        return set(archive.namelist())


def source_files(directory):
    return {
        path.relative_to(ROOT).as_posix()
        for path in (ROOT / directory).rglob("*")
        if path.is_file() and "__pycache__" not in path.parts
    }


def test_the_wheel_carries_every_app_with_its_migrations_and_data_files(wheel):
    files = wheel_files(wheel)
    for package in ["config", *LAYERS]:
        missing = {name for name in source_files(package) if not name.endswith(".pyc")} - files
        assert not missing, f"{package}: {sorted(missing)[:5]}"
    assert "screening/drug_brands.json" in files
    assert not {name for name in files if name.split("/")[0] in ("tests", "bench", "tools")}


def test_the_wheel_carries_the_templates_and_static_files_inside_the_config_package(wheel):
    files = wheel_files(wheel)
    for directory in ("templates", "static"):
        expected = {f"config/{name}" for name in source_files(directory)}
        assert expected, directory
        assert expected - files == set(), directory
    assert "config/static/vendor/bootstrap/bootstrap.min.css" in files  # vendored, no CDN


WHERE = "import config, clients; print(config.__file__, clients.__file__)"


def test_the_installed_app_is_the_wheel_not_the_source_tree(installed):
    where = run(
        [installed["python"], "-c", WHERE],
        installed["cwd"],
        installed["env"],
    )
    for module in where.split():
        assert Path(module).is_relative_to(installed["site"]), where
        assert not Path(module).is_relative_to(ROOT), where


RENDER = """
import django
django.setup()
from django.test import Client
from printing.pdf import static_dir, stylesheet
from screening.medications import BRANDS_FILE

response = Client().get("/login/")
assert response.status_code == 200, response.status_code
page = response.content.decode()
assert "<form" in page and 'name="password"' in page, page[:500]
print("static:", static_dir())
print("brands:", BRANDS_FILE)
stylesheet("css/letter.css")  # the letters' stylesheet, read by WeasyPrint from static/
print("rendered")
"""


def test_the_installed_app_migrates_collects_its_static_files_and_serves_the_sign_in_page(
    installed,
):
    command, cwd, env = installed["command"], installed["cwd"], installed["env"]
    assert "System check identified no issues" in run([command, "check"], cwd, env)
    run([command, "migrate", "--noinput", "-v", "0"], cwd, env)
    # The default database is the working directory's, never a file inside site-packages.
    assert (cwd / "var" / "db.sqlite3").is_file()
    assert not (installed["site"] / "var").exists()
    run([command, "collectstatic", "--noinput", "-v", "0"], cwd, env)
    collected = cwd / "var" / "staticfiles"
    assert (collected / "css" / "app.css").is_file()
    assert (collected / "staticfiles.json").is_file()  # the manifest pages are served from
    # The sign-in page through Django's test client, in a process of the installed app: its
    # templates and the collected static files are found; so are the files printing/ and
    # screening/ read from beside their code.
    output = run(
        [installed["python"], "-c", RENDER],
        cwd,
        {**env, "DJANGO_SETTINGS_MODULE": "config.settings"},
    )
    assert output.splitlines()[-1] == "rendered"
    for line in output.splitlines()[:-1]:
        path = Path(line.split(": ", 1)[1])
        assert path.is_relative_to(installed["site"]), line


def test_the_image_s_build_step_and_server_command_run_on_the_installed_app(installed, tmp_path):
    """No Docker engine here: the Dockerfile's commands run against the installed wheel with
    the environment the Dockerfile gives them, outside the source tree."""
    from tests.test_deployment import dockerfile_instructions

    instructions = dockerfile_instructions()
    (collect,) = [line for line in instructions if "collectstatic" in line]
    words = collect.removeprefix("RUN ").split()
    env = dict(word.split("=", 1) for word in words if "=" in word and not word.startswith("-"))
    command = [word for word in words if "=" not in word or word.startswith("-")]
    assert command[0] == "massage-intake"
    bin_dir = installed["command"].parent
    path = f"{bin_dir}:{os.environ['PATH']}"
    run(command, tmp_path, {"PATH": path, "HOME": str(tmp_path), **env})
    assert (tmp_path / "var" / "staticfiles" / "staticfiles.json").is_file()

    (cmd,) = [line for line in instructions if line.startswith("CMD ")]
    server = cmd.split("exec ", 1)[1].split('"]')[0].split()
    assert server[0] == "gunicorn"
    run(
        [installed["python"], "-m", *server, "--check-config"],
        tmp_path,
        {**installed["env"], "HOME": str(tmp_path)},
    )
