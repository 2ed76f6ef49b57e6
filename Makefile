# YouSaid: `make run` sets up and starts the app on SQLite with the demo; `make test` runs the tests.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 5000
PYTEST_ARGS ?=
export FLASK_APP := feedback_app

.PHONY: setup run test lint clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.installed: $(BIN)/python pyproject.toml
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@

node_modules/.package-lock.json: package.json
	npm install --no-audit --no-fund --loglevel=error

setup: $(VENV)/.installed node_modules/.package-lock.json

run: setup
	$(BIN)/flask init-db
	$(BIN)/flask load-demo
	@echo
	@echo "YouSaid is starting at http://$(HOST):$(PORT)/  (Ctrl+C to stop)"
	$(BIN)/flask demo-logins --base-url http://$(HOST):$(PORT)
	$(BIN)/flask run --host $(HOST) --port $(PORT)

test: setup
	$(BIN)/python -m pytest $(PYTEST_ARGS)

lint: setup
	$(BIN)/ruff check .

clean:
	rm -rf $(VENV) node_modules instance .pytest_cache
