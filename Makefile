# The two commands a newcomer needs: `make run` and `make test`. See README.md.

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
HOST ?= 127.0.0.1
PORT ?= 8000

.DEFAULT_GOAL := help
.PHONY: help setup run test lint check pytest bench clean sign-in-code

help:
	@echo "make run    set up everything and serve the site with demo content at http://$(HOST):$(PORT)"
	@echo "make setup  everything but the server (virtualenv, packages, database, demo content)"
	@echo "make test   ruff, the import contracts, manage.py check, makemigrations --check and every test"
	@echo "make bench  the answering pages under load beside a Wagtail form page, and results at 100,000 responses (docs/performance.md)"
	@echo "make sign-in-code   the demo administrator's current 2-step verification code"

# Reinstalled only when the declared dependencies change, so a second run is quick.
$(BIN)/.installed: pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet ".[dev]"
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund
	touch $@

var:
	mkdir -p var

setup: $(BIN)/.installed node_modules/.installed var
	$(MANAGE) migrate --noinput
	$(MANAGE) setup_site  # what every site needs, production too (docs/deployment.md)
	$(MANAGE) load_demo_content  # development only: refused under production settings

run: setup
	$(MANAGE) runserver $(HOST):$(PORT)

sign-in-code: $(BIN)/.installed
	@$(MANAGE) demo_sign_in_code

lint: $(BIN)/.installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports  # the contracts in pyproject.toml: imports go one way, no cycles

check: $(BIN)/.installed var
	$(MANAGE) check
	$(MANAGE) makemigrations --check --dry-run

pytest: $(BIN)/.installed node_modules/.installed
	$(BIN)/pytest

test: lint check pytest

# Speed is measured here, never in timed unit tests. The answering pages under load (wrk, gunicorn,
# SQLite then PostgreSQL and Redis) beside a Wagtail form page; writes docs/performance.md.
# Options: make bench BENCH_ARGS="--duration 3 --concurrency 10 --databases sqlite"
bench: $(BIN)/.installed
	$(BIN)/python bench/answering_speed.py $(BENCH_ARGS)
	$(BIN)/python bench/results_scale.py  # results at 1,000 to 100,000 responses (SQLite)
	$(BIN)/python bench/exports.py        # the raw export's time and memory

clean:
	rm -rf $(VENV) node_modules staticfiles var .pytest_cache .ruff_cache
