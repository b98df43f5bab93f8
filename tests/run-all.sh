#!/usr/bin/env bash
# The whole suite: lint, migrations check, then pytest on SQLite and on PostgreSQL.
# Exits non-zero if anything failed; the last line is pytest's summary of the PostgreSQL run.
set -uo pipefail
cd "$(dirname "$0")/.."

BIN=.venv/bin
export DJANGO_SECRET_KEY=insecure-key-for-the-test-suite-only
export DJANGO_DEBUG=false
# Tests talk plain http to the test client and the live server; production keeps HTTPS on.
export DJANGO_HTTPS=false
# Playwright's sync API runs an event loop in the test thread; Django's ORM must still be allowed.
export DJANGO_ALLOW_ASYNC_UNSAFE=true
# Production refuses the console email backend (it prints private links); tests keep mail in memory.
export DJANGO_EMAIL_BACKEND=django.core.mail.backends.locmem.EmailBackend
unset DATABASE_URL

status=0
echo "== ruff"
$BIN/ruff check . || status=1
echo "== migrations are up to date"
$BIN/python manage.py makemigrations --check --dry-run || status=1

echo "== pytest on SQLite"
$BIN/pytest "$@" || status=1

echo "== pytest on PostgreSQL"
eval "$(bash tests/postgres.sh start)"
trap 'bash tests/postgres.sh stop "$PG_DIR"' EXIT
$BIN/pytest "$@" || status=1
exit $status
