# Stagegids: `make run` to try the portal, `make test` to run every test.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
INSTALLED := $(VENV)/.installed
MAKEMESSAGES_ARGS := --locale nl --no-location --no-obsolete --ignore 'tests/*' --ignore 'staticfiles/*'

.PHONY: run test check check-translations fmt messages install bench bench-explain bench-pdf bench-import

$(INSTALLED): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Stagegids needs Python 3.11 or newer.")'
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[dev]"
	touch $@

install: $(INSTALLED)

run: $(INSTALLED)
	DEBUG=1 $(PY) manage.py migrate --no-input
	DEBUG=1 $(PY) manage.py seed_demo
	DEBUG=1 $(PY) manage.py runserver 127.0.0.1:8000

# One pytest-xdist worker per CPU; any failure, or no tests at all (pytest's exit code 5),
# fails the target.
test: $(INSTALLED)
	$(PY) -m pytest -n auto

# Times 100 assessment PDFs on a throwaway copy of the demo data (bench.sqlite3).
BENCH_ENV := DEBUG=1 DATABASE_URL=sqlite:///bench.sqlite3 LOG_LEVEL=WARNING
bench-pdf: $(INSTALLED)
	rm -f bench.sqlite3
	$(BENCH_ENV) $(PY) manage.py migrate --no-input --verbosity 0
	$(BENCH_ENV) $(PY) manage.py seed_demo > /dev/null
	$(BENCH_ENV) $(PY) manage.py bench_pdf

# Times a 10,000-pupil import (new, updated, unchanged) on a throwaway SQLite database;
# BENCH_DATABASE_URL=postgres://… times it on PostgreSQL (it cleans up after itself).
BENCH_DATABASE_URL ?= sqlite:///bench.sqlite3
bench-import: $(INSTALLED)
	rm -f bench.sqlite3
	DEBUG=1 DATABASE_URL=$(BENCH_DATABASE_URL) $(PY) manage.py migrate --no-input --verbosity 0
	DEBUG=1 DATABASE_URL=$(BENCH_DATABASE_URL) LOG_LEVEL=WARNING $(PY) manage.py bench_import

# The main pages under load (locust) at each size of BENCH_PLACEMENTS, on scale data
# (seed_scale) served by gunicorn with the production settings; see "Load benchmark" in
# the README. It empties BENCH_DATABASE_URL for each size: give it a database of its own.
# EXPLAIN=1 adds the query plans of the main lists (PostgreSQL); BENCH_REUSE=1 loads a
# database already seeded at that size as it is; BENCH_PAGE_CACHE=0 builds every page for
# every request (the cost of a miss of the page cache).
BENCH_PLACEMENTS ?= 1000 100000
BENCH_USERS ?= 10
BENCH_SECONDS ?= 20
BENCH_REUSE ?=
BENCH_PAGE_CACHE ?= 1
BENCH_INSTALLED := $(VENV)/.installed-bench
BENCH_RUN = BENCH_DATABASE_URL='$(BENCH_DATABASE_URL)' BENCH_PLACEMENTS='$(BENCH_PLACEMENTS)' \
	BENCH_USERS='$(BENCH_USERS)' BENCH_SECONDS='$(BENCH_SECONDS)' BENCH_REUSE='$(BENCH_REUSE)' \
	BENCH_PAGE_CACHE='$(BENCH_PAGE_CACHE)' \
	$(PY) -m stagegids.workspace.bench

$(BENCH_INSTALLED): $(INSTALLED)
	$(PY) -m pip install --quiet -e ".[dev,bench]"
	touch $@

bench: $(BENCH_INSTALLED)
	rm -f bench.sqlite3
	$(BENCH_RUN) $(if $(EXPLAIN),--explain)

# The query plans alone (EXPLAIN ANALYZE) on PostgreSQL, at each size of BENCH_PLACEMENTS;
# a database already seeded at that size (by `make bench`) is used as it is.
bench-explain: $(INSTALLED)
	$(BENCH_RUN) --explain --no-load

check: $(INSTALLED)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports --no-cache
	DEBUG=1 $(PY) manage.py makemigrations --check --dry-run
	$(MAKE) --no-print-directory check-translations

fmt: $(INSTALLED)
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

messages: $(INSTALLED)
	DEBUG=1 $(PY) manage.py makemessages $(MAKEMESSAGES_ARGS)
	msgfmt --check -o locale/nl/LC_MESSAGES/django.mo locale/nl/LC_MESSAGES/django.po

# Fails when a translatable string is missing from, or untranslated in, the Dutch catalogue,
# or when the compiled catalogue is older than its source.
check-translations: $(INSTALLED)
	DEBUG=1 $(PY) manage.py makemessages $(MAKEMESSAGES_ARGS) --verbosity 0
	git diff --exit-code --ignore-matching-lines='^"POT-Creation-Date' -- locale/ \
		|| (echo "The Dutch catalogue is out of date: run 'make messages', translate, commit." && exit 1)
	test -z "$$(msgattrib --untranslated --no-obsolete locale/nl/LC_MESSAGES/django.po)" \
		|| (echo "Untranslated strings in locale/nl/LC_MESSAGES/django.po." && exit 1)
	test -z "$$(msgattrib --only-fuzzy --no-obsolete locale/nl/LC_MESSAGES/django.po)" \
		|| (echo "Fuzzy translations in locale/nl/LC_MESSAGES/django.po." && exit 1)
	msgfmt --check -o /tmp/stagegids-nl.mo locale/nl/LC_MESSAGES/django.po
	cmp -s /tmp/stagegids-nl.mo locale/nl/LC_MESSAGES/django.mo \
		|| (echo "django.mo is stale: run 'make messages' and commit it." && exit 1)
