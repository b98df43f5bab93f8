"""A practice that upgrades keeps every note, clearance and letter reply, and its letters'
PDFs (moved from the database to the storage, and back if the migration is reversed).

Session notes and clearances moved to apps of their own without touching their tables; the
link from a physician's reply to its letter moved to the letter's side. tests/upgrade_scenario.py
builds a database as it was before, with rows, and migrates it to today's models; it runs in
a fresh process on an empty database of the engine under test, as a real upgrade would.
"""

import os
import subprocess
import sys
import uuid
from pathlib import Path

import psycopg
import pytest
from django.conf import settings

SCENARIO = Path(__file__).with_name("upgrade_scenario.py")


def _run(database_url):
    env = {**os.environ, "DATABASE_URL": database_url}
    return subprocess.run(
        [sys.executable, str(SCENARIO)], env=env, capture_output=True, text=True, timeout=300
    )


@pytest.mark.slow  # old migrations, then the new ones, in fresh processes
def test_notes_clearances_and_replies_survive_the_upgrade(tmp_path):
    database = settings.DATABASES["default"]
    if database["ENGINE"].endswith("sqlite3"):
        result = _run(f"sqlite:///{tmp_path / 'upgrade.sqlite3'}")
    else:
        name = f"upgrade_{uuid.uuid4().hex[:8]}"
        server = dict(
            host=database["HOST"],
            port=database["PORT"],
            user=database["USER"],
            password=database["PASSWORD"],
            dbname="postgres",
            autocommit=True,
        )
        with psycopg.connect(**server) as admin:
            admin.execute(f'CREATE DATABASE "{name}"')
        try:
            auth = database["USER"] + (f":{database['PASSWORD']}" if database["PASSWORD"] else "")
            result = _run(f"postgres://{auth}@{database['HOST']}:{database['PORT']}/{name}")
        finally:
            with psycopg.connect(**server) as admin:
                admin.execute(f'DROP DATABASE "{name}"')
    assert result.returncode == 0, result.stdout + result.stderr
    assert "upgrade kept every note, clearance and reply" in result.stdout
