# Stagegids: `make run` to try the portal, `make test` to run every test.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
INSTALLED := $(VENV)/.installed

.PHONY: run test check fmt messages bench install

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

test: $(INSTALLED)
	$(PY) -m pytest

check: $(INSTALLED)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	DEBUG=1 $(PY) manage.py makemigrations --check --dry-run
	$(MAKE) --no-print-directory check-translations

fmt: $(INSTALLED)
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

messages: $(INSTALLED)
	DEBUG=1 $(PY) manage.py makemessages --locale nl --no-location --no-obsolete --ignore 'tests/*'
	DEBUG=1 $(PY) manage.py compilemessages --locale nl --ignore '.venv'
