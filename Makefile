# Entente — the commands a newcomer needs. See README.md.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000

.PHONY: install run test bench lint format system-deps

install: $(VENV)/.installed

$(VENV)/.installed: requirements.txt
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	@touch $@

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

test: install system-deps
	@bash scripts/test.sh

bench: install system-deps
	@bash scripts/bench.sh

lint: install
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .

format: install
	$(PY) -m ruff format .
	$(PY) -m ruff check --fix .
