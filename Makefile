# One command per chore. `make demo` and `make test` set up whatever is missing first.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
KG := $(BIN)/kg

.PHONY: demo test unit lint typecheck neo4j-start neo4j-stop stop install clean bench

install: $(STAMP) .env

$(STAMP): pyproject.toml requirements.lock
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	@$(BIN)/python -m pip install -q --disable-pip-version-check uv
	@$(BIN)/uv pip install -q -p $(BIN)/python -r requirements.lock
	@$(BIN)/uv pip install -q -p $(BIN)/python --no-deps -e .
	@touch $(STAMP)

# A random local password, made once; .env is git-ignored.
.env:
	@echo "KG_NEO4J_PASSWORD=$$($(PYTHON) -c 'import secrets; print(secrets.token_urlsafe(18))')" > .env
	@echo "wrote .env with a fresh random KG_NEO4J_PASSWORD"

demo: install
	@$(KG) neo4j start
	@$(KG) ingest data/corpus
	@$(KG) stats
	@echo
	@echo "Neo4j Browser: http://127.0.0.1:$${KG_NEO4J_HTTP_PORT:-7474}/browser/  (user neo4j, password in .env)"

test: install
	@$(BIN)/pytest -q

unit: install
	@$(BIN)/pytest -q tests/unit

lint: install
	@$(BIN)/ruff check kg extractors api tests benchmarks
	@$(BIN)/ruff format --check kg extractors api tests benchmarks

typecheck: install
	@$(BIN)/mypy

neo4j-start: install
	@$(KG) neo4j start

stop neo4j-stop: install
	@$(KG) neo4j stop

clean:
	rm -rf $(VENV) .kg reports
