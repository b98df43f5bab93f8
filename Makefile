# The two commands: `make run` (app on SQLite with demo data) and `make test` (every test,
# on SQLite and on a throwaway PostgreSQL). Both install what they need into .venv/.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000
DB ?= postgres

.PHONY: run test install lock system-deps lint format bench bench-search mutation clean

# Installs come from the lock (requirements/*.txt, exported from uv.lock with every file's
# hash): two installs a month apart get the same packages. `make lock` after editing the
# dependencies in pyproject.toml.
$(INSTALLED): pyproject.toml requirements/test.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements/test.txt
	$(BIN)/python -m pip install --quiet --no-deps --editable .
	touch $(INSTALLED)

install: $(INSTALLED)

# uv resolves with the interpreter here and must not try to download one.
lock: export UV_PYTHON = python3
lock: export UV_PYTHON_DOWNLOADS = never
lock: $(INSTALLED)
	$(BIN)/uv lock
	$(BIN)/uv export --quiet --format requirements-txt --no-emit-project --extra test -o requirements/test.txt
	$(BIN)/uv export --quiet --format requirements-txt --no-emit-project -o requirements/app.txt

system-deps:
	bash tests/system-deps.sh

# DJANGO_DEBUG=true gives the development secret and plain-http cookies: for this machine only.
run: export DJANGO_DEBUG = true
run: export SITE_URL = http://$(HOST):$(PORT)
run: $(INSTALLED)
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py seed_demo $(if $(DEMO_PASSWORD),--password $(DEMO_PASSWORD))
	@echo "Open http://$(HOST):$(PORT)/ and log in with the demo account printed above."
	@# The worker sends the emails when due (printed here: DEBUG uses the console backend);
	@# it stops with the web server.
	$(BIN)/python manage.py worker & worker=$$!; \
	trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	$(BIN)/python manage.py runserver $(HOST):$(PORT)

test: $(INSTALLED) system-deps
	bash tests/run-all.sh

lint: $(INSTALLED)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(INSTALLED)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# The whole app at a practice's size behind gunicorn and wrk (bench/run.py); DB=sqlite too.
bench: $(INSTALLED) system-deps
	bash bench/system-deps.sh
	$(BIN)/python bench/run.py --db $(DB)

bench-search: $(INSTALLED)
	DJANGO_DEBUG=true $(BIN)/python tests/benchmarks/bench_client_search.py

clean:
	rm -rf $(VENV) var/test-* .pytest_cache .ruff_cache

# Mutation testing of the safety modules (tools/mutation/run.py, docs/mutation.md): slow, on
# demand, never part of `make test`. MODULE=<group or file> picks one; JOBS=2 runs two workers.
mutation: $(INSTALLED)
	nice -n 10 $(BIN)/python tools/mutation/run.py $(if $(MODULE),--module $(MODULE)) $(if $(JOBS),--jobs $(JOBS)) $(if $(REV),--rev $(REV)) $(if $(AGAIN),--again $(AGAIN)) $(if $(CONFIRM),--confirm)
