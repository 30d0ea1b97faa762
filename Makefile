# Entente — the commands a newcomer needs. See README.md.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000

.PHONY: install install-dev lock run test bench lint format system-deps

# Runtime dependencies only (what a server needs), pinned with hashes in requirements.txt.
install: $(VENV)/.installed

# Runtime plus tests, browser and linters (requirements-dev.txt pins both, at the same versions).
install-dev: $(VENV)/.installed-dev

$(VENV)/.installed: requirements.txt
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements.txt
	@touch $@

$(VENV)/.installed-dev: requirements-dev.txt
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements-dev.txt
	@touch $@ $(VENV)/.installed

# Recompiles the two lock files from requirements.in and requirements-dev.in, keeping every pin
# that still fits; `make lock UPGRADE=--upgrade` moves everything to the newest releases.
LOCK = CUSTOM_COMPILE_COMMAND="make lock" $(PY) -m piptools compile --quiet --generate-hashes --allow-unsafe \
	--strip-extras --no-emit-index-url --no-emit-find-links $(UPGRADE)
lock: install-dev
	$(LOCK) --output-file requirements.txt requirements.in
	$(LOCK) --output-file requirements-dev.txt requirements-dev.in

# Debian packages some features need: Chromium for browser tests, Pango for PDF documents.
system-deps:
	@bash scripts/system-deps.sh

run: install
	$(PY) manage.py migrate --no-input
	$(PY) manage.py import_territories --if-needed
	$(PY) manage.py load_demo
	$(PY) manage.py collectstatic --no-input -v0
	@echo "Entente est servie sur http://127.0.0.1:$(PORT)/ avec son travailleur de tâches de fond (Ctrl+C pour arrêter)."
	@$(PY) manage.py run_worker --verbosity 0 & worker=$$!; \
	  trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	  $(PY) manage.py runserver 127.0.0.1:$(PORT) --noreload --insecure

test: install-dev system-deps
	@bash scripts/test.sh

bench: install-dev system-deps
	@bash scripts/bench.sh

lint: install-dev
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .

format: install-dev
	$(PY) -m ruff format .
	$(PY) -m ruff check --fix .
