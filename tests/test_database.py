"""The suite runs twice; this proves the second run really is on PostgreSQL."""

import os

from django.db import connection


def test_tests_run_on_the_database_named_by_database_url(db):
    expected = (
        "postgresql" if os.environ.get("DATABASE_URL", "").startswith("postgres") else "sqlite"
    )
    assert connection.vendor == expected
