"""The settings refuse bad configuration loudly instead of running with a guess."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from config.env import database_from_url, env_bool, env_secret

REPO = Path(__file__).resolve().parent.parent
STRONG_SECRET = "x7Qm2r9LpVw4Zt8Ks1Nb6Hc3Jd5Fg0Ae-strong-enough-for-deploy-check"


def run_django(args, **env):
    clean = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith("DJANGO_") and key != "DATABASE_URL"
    }
    clean.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=REPO,
        env=clean,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_bad_debug_value_names_the_variable():
    result = run_django(["check"], DJANGO_DEBUG="yes", DJANGO_SECRET_KEY=STRONG_SECRET)
    assert result.returncode != 0
    assert 'DJANGO_DEBUG must be "true" or "false"' in result.stderr
    assert "'yes'" in result.stderr


def test_production_without_a_secret_refuses_to_start():
    result = run_django(["check"], DJANGO_DEBUG="false")
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY" in result.stderr
    assert "must be set" in result.stderr


def test_a_command_without_a_secret_says_to_set_debug_for_development_without_a_traceback():
    result = run_django(["createsuperuser", "--help"])
    assert result.returncode != 0
    assert "DJANGO_DEBUG=true" in result.stderr
    assert "Traceback" not in result.stderr


def test_debug_mode_starts_without_a_secret():
    result = run_django(["check"], DJANGO_DEBUG="true")
    assert result.returncode == 0, result.stderr


def test_deploy_check_is_clean_under_production_settings():
    result = run_django(
        ["check", "--deploy", "--fail-level", "WARNING"],
        DJANGO_SECRET_KEY=STRONG_SECRET,
        DJANGO_ALLOWED_HOSTS="massage.example",
        DJANGO_EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


@pytest.mark.parametrize(("raw", "expected"), [("true", True), ("False", False), ("", None)])
def test_env_bool_accepts_only_true_and_false(monkeypatch, raw, expected):
    monkeypatch.setenv("SOME_FLAG", raw)
    assert env_bool("SOME_FLAG", default=None) is expected


@pytest.mark.parametrize("raw", ["1", "yes", "on", "treu"])
def test_env_bool_rejects_anything_else(monkeypatch, raw):
    monkeypatch.setenv("SOME_FLAG", raw)
    with pytest.raises(ImproperlyConfigured, match="SOME_FLAG"):
        env_bool("SOME_FLAG", default=False)


def test_secret_is_read_from_a_file(monkeypatch, tmp_path):
    secret_file = tmp_path / "secret"
    secret_file.write_text("from-a-docker-secret\n")
    monkeypatch.delenv("APP_SECRET", raising=False)
    monkeypatch.setenv("APP_SECRET_FILE", str(secret_file))
    assert env_secret("APP_SECRET") == "from-a-docker-secret"


def test_unreadable_secret_file_is_an_error(monkeypatch, tmp_path):
    monkeypatch.delenv("APP_SECRET", raising=False)
    monkeypatch.setenv("APP_SECRET_FILE", str(tmp_path / "missing"))
    with pytest.raises(ImproperlyConfigured, match="APP_SECRET_FILE"):
        env_secret("APP_SECRET")


def test_postgres_url_becomes_a_psycopg_database(tmp_path):
    config = database_from_url("postgres://therapy:s%40fe@db.internal:5433/intake", tmp_path)
    assert config["ENGINE"] == "django.db.backends.postgresql"
    assert (config["NAME"], config["USER"], config["PASSWORD"]) == ("intake", "therapy", "s@fe")
    assert (config["HOST"], config["PORT"]) == ("db.internal", "5433")


def test_sqlite_url_is_relative_to_the_project(tmp_path):
    config = database_from_url("sqlite:///var/app.sqlite3", tmp_path)
    assert config["NAME"] == tmp_path / "var" / "app.sqlite3"


def test_unknown_database_scheme_is_refused(tmp_path):
    with pytest.raises(ImproperlyConfigured, match="mysql"):
        database_from_url("mysql://db/intake", tmp_path)


def test_stored_files_are_refused_inside_the_static_files():
    """Whatever is under static/ is downloadable by anyone: the letters' folder never is."""
    result = run_django(
        ["check"], DJANGO_DEBUG="true", DJANGO_MEDIA_ROOT=str(REPO / "static" / "letters")
    )
    assert result.returncode != 0
    assert "DJANGO_MEDIA_ROOT" in result.stderr and "static files" in result.stderr


def test_the_storage_backend_and_its_options_come_from_the_environment(tmp_path):
    """An S3-compatible store is chosen by settings alone (here a folder, to run offline)."""
    result = run_django(
        [
            "shell",
            "-c",
            "from django.core.files.storage import storages; s = storages['default']; "
            "print(type(s).__name__, s.location)",
        ],
        DJANGO_DEBUG="true",
        DJANGO_STORAGE_BACKEND="django.core.files.storage.FileSystemStorage",
        DJANGO_STORAGE_OPTIONS=f'{{"location": "{tmp_path}"}}',
    )
    assert result.returncode == 0, result.stderr
    assert f"FileSystemStorage {tmp_path}" in result.stdout.splitlines()


def test_storage_options_must_be_a_json_object():
    result = run_django(["check"], DJANGO_DEBUG="true", DJANGO_STORAGE_OPTIONS="bucket=x")
    assert result.returncode != 0
    assert "DJANGO_STORAGE_OPTIONS must be a JSON object" in result.stderr
