# Two commands set everything up: `make run` and `make test`.
.DEFAULT_GOAL := help
.PHONY: help run serve seed test lint bench messages

VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
# `make serve`: granian worker processes, and threads per worker running Django. Each thread holds
# at most one PostgreSQL connection (CONN_MAX_AGE keeps it open), so one server uses up to
# WORKERS x THREADS connections: keep (app servers x WORKERS x THREADS) below PostgreSQL's
# max_connections (100 by default) minus its superuser_reserved_connections (3) and room for
# migrations, backups and admin shells (say 10): with 2x4 = 8 per server, up to 10 servers fit.
WORKERS ?= 2
THREADS ?= 4

# Django 6.1 needs Python 3.12 or newer; the first such interpreter found builds the venv.
PYTHON ?= $(shell for candidate in python3.14 python3.13 python3.12 python3 \
	$(wildcard $(HOME)/.pyenv/versions/3.1[2-9]*/bin/python3) $(wildcard /usr/bin/python3.1[2-9]); do \
	"$$candidate" -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null && { echo "$$candidate"; break; }; \
	done)

help:
	@echo "make run    set up .venv and a local SQLite database (seeded with the real directory only when empty), then serve it"
	@echo "make serve  production: migrate, seed an empty database, collect static files, serve with granian (DEBUG off; see README)"
	@echo "make seed   import fixtures/directory/ into the database, updating what differs (curators' edits too)"
	@echo "make test   set up .venv if needed and run the whole test suite"
	@echo "make lint   ruff, mypy, migrations check, OpenAPI schema validation"
	@echo "make messages  update locale/*/django.po from the code and templates, then compile them"
	@echo "make bench  print the speed of the hours engine and of triage"
	@echo "make bench-http  HTTP load test with granian and wrk: each endpoint as a ratio to a trivial view"

$(BIN)/.installed: requirements.txt
	@test -n "$(PYTHON)" || { echo "No Python 3.12 or newer found. Install one (e.g. python3.13) or run: make PYTHON=/path/to/python3.12" >&2; exit 1; }
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.txt
	@touch $@

run: $(BIN)/.installed
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py seed_directory
	@echo
	@echo "  Referral page:  http://$(HOST):$(PORT)/"
	@echo "  API docs:       http://$(HOST):$(PORT)/api/docs/"
	@echo "  API:            http://$(HOST):$(PORT)/api/v1/services/"
	@echo "  Admin:          http://$(HOST):$(PORT)/admin/  (create a user: $(BIN)/python manage.py createsuperuser)"
	@echo
	DEBUG=1 $(BIN)/python manage.py runserver $(HOST):$(PORT)

serve: $(BIN)/.installed
	DEBUG=0 $(BIN)/python manage.py migrate --noinput
	DEBUG=0 $(BIN)/python manage.py seed_directory
	DEBUG=0 $(BIN)/python manage.py collectstatic --noinput --verbosity 0
	DEBUG=0 $(BIN)/granian --interface wsgi --host $(HOST) --port $(PORT) \
		--workers $(WORKERS) --blocking-threads $(THREADS) --respawn-failed-workers config.wsgi:application

seed: $(BIN)/.installed
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py import_directory fixtures/directory

# One pytest worker per core (pytest-xdist), each with its own test database (pytest-django adds
# the worker to its name); whole files go to one worker, so a module's shared fixtures (the triage
# grid, a browser, a private PostgreSQL cluster) are built once. TEST_WORKERS=0 runs in one process.
# PYTHONDONTWRITEBYTECODE is emptied for the run (an environment may set it): pytest then keeps the
# test modules it rewrote for its asserts in __pycache__, instead of every worker of every run
# rewriting all of them again (about a second of each worker's start).
TEST_WORKERS ?= auto
test: $(BIN)/.installed
	PYTHONDONTWRITEBYTECODE= $(BIN)/python -m pytest -n $(TEST_WORKERS) --dist loadfile

lint: $(BIN)/.installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/python manage.py makemigrations --check --dry-run
	$(BIN)/python manage.py spectacular --validate --fail-on-warn --file /dev/null

# Every translated string of the project (pages, admin, API errors); --no-location keeps the .po
# files stable under edits, so two branches rarely conflict in them.
LOCALES := $(patsubst locale/%/LC_MESSAGES,-l %,$(wildcard locale/*/LC_MESSAGES))
messages: $(BIN)/.installed
	$(BIN)/python manage.py makemessages $(LOCALES) -i ".venv/*" -i "tests/*" -i "bench/*" -i "docs/*" --no-location --no-obsolete
	$(BIN)/python manage.py compilemessages $(LOCALES) -i .venv

bench: $(BIN)/.installed
	$(BIN)/python bench/bench_hours.py
	$(BIN)/python bench/bench_ranking.py
	$(BIN)/python bench/bench_triage.py

# Needs wrk (apt-get install wrk). Uses databases of its own: DATABASE_URL's name + _bench and _bench_large.
bench-http: $(BIN)/.installed
	$(BIN)/python bench/bench_http.py $(BENCH_ARGS)
