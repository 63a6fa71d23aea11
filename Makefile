# moot — `make run` serves the demo; `make test` checks and tests everything.
PYTHON ?= python3.11
TOOLS := .tools
UV := $(TOOLS)/bin/uv
VENV := .venv
BIN := $(VENV)/bin
export UV_PYTHON_DOWNLOADS := never
export UV_PROJECT_ENVIRONMENT := $(VENV)

.PHONY: run serve test check lint format test-core test-app test-browser test-services bench clean install install-dev services-deps browser messages db

$(UV):
	$(PYTHON) -m venv $(TOOLS)
	$(TOOLS)/bin/pip install --quiet uv==0.13.9

install: $(UV)  ## runtime dependencies (keeps dev tools if present)
	$(UV) sync --frozen --no-dev --inexact --python $(PYTHON)

install-dev: $(UV)
	$(UV) sync --frozen --python $(PYTHON)

messages:
	$(BIN)/moot compiletranslations

db: messages
	$(BIN)/moot migrate --no-input
	$(BIN)/moot demo

run: install db  ## set up and serve the demo at http://127.0.0.1:8000
	@echo "moot is at http://127.0.0.1:8000"
	$(BIN)/moot serve --host 127.0.0.1 --port 8000 --tasks

# Debian packages the tests need: PostgreSQL and Redis (the app tests start redis-server
# themselves; the services pass runs on both), chromium and a font for the browser tests.
SERVICE_PACKAGES := postgresql redis-server chromium fonts-dejavu-core

services-deps:  ## install the Debian packages the app, services and browser tests need
	scripts/apt-install --missing $(SERVICE_PACKAGES)

browser: services-deps

check: install-dev messages  ## formatting, lint, types, migrations, import contracts, deploy check
	$(BIN)/ruff format --check --no-cache .
	$(BIN)/ruff check --no-cache .
	$(BIN)/mypy moot
	$(BIN)/mypy --strict moot/core
	$(BIN)/moot makemigrations --check --dry-run
	$(BIN)/lint-imports
	MOOT_ENV=production MOOT_SECRET_KEY=ci-$$(date +%s)-a-long-random-enough-secret-key-for-the-check MOOT_ALLOWED_HOSTS=moot.example $(BIN)/moot check --deploy --fail-level WARNING

test-core: install-dev
	$(BIN)/pytest tests/core -q -p no:django -p no:playwright -p no:base_url -n 2

test-app: install-dev messages services-deps
	$(BIN)/pytest tests/apps -q -n 2

test-services: install-dev messages services-deps  ## the app tests again on PostgreSQL and Redis
	scripts/services run $(BIN)/pytest tests/apps -q -n 2

test-browser: install-dev messages browser
	$(BIN)/moot collectstatic --no-input -v0
	$(BIN)/pytest tests/browser -q -n 2

test: check test-core services-deps test-app test-services test-browser  ## everything CI runs

format: install-dev
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

bench: install-dev
	$(BIN)/python bench/tally.py
	$(BIN)/python bench/stv.py
	$(BIN)/python bench/live_room.py

clean:
	rm -rf $(VENV) $(TOOLS) var
