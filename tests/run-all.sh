#!/usr/bin/env bash
# The whole suite: lint, migrations check, then pytest on SQLite and on PostgreSQL side by side
# (two processes for the two cores), then the browser tests alone on SQLite (a browser is slow
# work: one database is enough, and a quiet machine keeps them honest).
# Exits non-zero if anything failed; the last line adds up the three runs.
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

mkdir -p var
logs=var/test-logs
rm -rf "$logs" && mkdir -p "$logs"

# pytest exits 5 when a selection holds no test (e.g. `make test` with a browser test's path).
ran() { [ "$1" = 0 ] || [ "$1" = 5 ]; }

echo "== pytest on SQLite and on PostgreSQL, side by side (browser tests after)"
eval "$(bash tests/postgres.sh start)"
trap 'bash tests/postgres.sh stop "$PG_DIR"' EXIT
pg_url=$DATABASE_URL
unset DATABASE_URL
$BIN/pytest -m "not browser" --durations=10 -p no:cacheprovider "$@" >"$logs/sqlite.log" 2>&1 &
sqlite_pid=$!
DATABASE_URL=$pg_url $BIN/pytest -m "not browser" --durations=10 -p no:cacheprovider "$@" \
  >"$logs/postgres.log" 2>&1
pg_status=$?
wait $sqlite_pid
sqlite_status=$?
echo "-- SQLite"; cat "$logs/sqlite.log"
echo "-- PostgreSQL"; cat "$logs/postgres.log"
ran $sqlite_status || status=1
ran $pg_status || status=1

echo "== browser tests (headless Chromium) on SQLite"
$BIN/pytest -m browser --durations=5 -p no:cacheprovider "$@" 2>&1 | tee "$logs/browser.log"
browser_status=${PIPESTATUS[0]}
ran $browser_status || status=1

echo "== all runs"
$BIN/python tests/summarise_runs.py "$logs/sqlite.log" "$logs/postgres.log" "$logs/browser.log" \
  || status=1
exit $status
