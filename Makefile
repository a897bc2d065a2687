# One command per chore. `make demo` and `make test` set up whatever is missing first.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
KG := $(BIN)/kg

FRONTEND := frontend
BUNDLE := api/static/explorer/index.html

.PHONY: frontend browser-deps schema docs demo test unit lint typecheck neo4j-start neo4j-stop stop install clean \
	analyze export report serve bench-extract train-typer model model-eval

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

demo: install frontend
	@$(KG) neo4j start
	@$(KG) ingest data/corpus
	@$(KG) analyze --if-changed
	@$(KG) stats
	@echo
	@$(KG) neo4j status
	@echo "Neo4j Browser: user neo4j, password in .env"
	@echo "Explorer and GraphiQL: kg serve, then / and /graphql at the address it prints"

test: install tools/graphql-audit/node_modules browser-deps frontend
	@$(BIN)/lint-imports --no-cache
	@$(BIN)/pytest -q

# The graphql-http conformance audit (npm) the API tests run against a live server.
tools/graphql-audit/node_modules: tools/graphql-audit/package-lock.json
	@npm ci --prefix tools/graphql-audit --no-audit --no-fund --loglevel=error

# Rewrite the example answers of README.md and docs/api.md from the demo graph (the test graph of
# `make test`, built the same way); the same test without UPDATE_DOCS=1 fails when they drift.
docs: install
	@UPDATE_DOCS=1 $(BIN)/pytest -q -s tests/integration/api/test_doc_examples.py

# The explorer page and GraphiQL's bundles (npm, Vite) into api/static/, served by `kg serve`; built when
# missing or older than their sources. `npm ci` runs only when the lock changed.
frontend: $(BUNDLE)

$(FRONTEND)/node_modules/.package-lock.json: $(FRONTEND)/package-lock.json
	@npm ci --prefix $(FRONTEND) --no-audit --no-fund --loglevel=error

$(BUNDLE): $(FRONTEND)/node_modules/.package-lock.json api/schema.graphql $(FRONTEND)/index.html \
		$(FRONTEND)/vite.config.ts $(FRONTEND)/codegen.ts $(FRONTEND)/graphiql-assets.json \
		$(wildcard $(FRONTEND)/src/*.ts $(FRONTEND)/src/*.tsx $(FRONTEND)/src/*.css $(FRONTEND)/src/pages/*.tsx)
	@npm run --prefix $(FRONTEND) --silent build > /dev/null

# Regenerate the committed GraphQL SDL after changing the API types (a test checks for drift).
schema: install
	@$(BIN)/python -m api.graphql.schema > api/schema.graphql

unit: install
	@$(BIN)/pytest -q tests/unit

lint: install
	@$(BIN)/ruff check kg extractors api tests benchmarks
	@$(BIN)/ruff format --check kg extractors api tests benchmarks
	@$(BIN)/lint-imports --no-cache

typecheck: install
	@$(BIN)/mypy

neo4j-start: install
	@$(KG) neo4j start

# Everyday chores on the demo graph (Neo4j started first when it is the local one).
analyze: neo4j-start
	@$(KG) analyze

export: neo4j-start
	@$(KG) export exports

report: neo4j-start
	@$(KG) report

serve: neo4j-start
	@$(KG) serve

# Extraction speed needs no database; the other benchmarks say in their docstrings what they need.
bench-extract: install
	@$(BIN)/python benchmarks/bench_extract.py

# The context typer's weights (extractors/models/typer.npz) from the shared corpus and the dev gold:
# the first TYPER_ABSTRACTS of a shuffled sample of TYPER_SAMPLE abstracts; about an hour on 2 shared
# cores. SHARED points at the shared data folder; TYPER_ARGS="--cache FILE" resumes an interrupted pass.
SHARED ?= ../shared
TYPER_SAMPLE ?= 90000
TYPER_ABSTRACTS ?= 60000
TYPER_ARGS ?=
train-typer: install
	@nice $(BIN)/python tools/train_typer.py --corpus $(SHARED)/corpus-large/ml_abstracts.jsonl.gz \
		--gold $(SHARED)/eval/dev.jsonl --dev-corpus data/corpus --sample $(TYPER_SAMPLE) \
		--abstracts $(TYPER_ABSTRACTS) --parse-features $(TYPER_ARGS)

# The trained English layer (extractors/ud/en_ud_ewt, committed): convert UD English-EWT from
# $(TREEBANK) (never copied in), train on CPU (tens of minutes), write the pipeline and its meta.json.
TREEBANK ?= ../shared/treebanks/UD_English-EWT
MODEL_ARGS ?=  # spacy train overrides, e.g. --training.max_steps 20000
model: install
	@$(BIN)/uv pip install -q -p $(BIN)/python -c requirements.lock -e '.[train]'
	@nice $(BIN)/python -m extractors.ud.build --treebank $(TREEBANK) $(MODEL_ARGS)

# The shipped layer on EWT test: one JSON line (tag_acc, pos_acc, uas, las, sents_f, words_per_s).
model-eval: install
	@$(BIN)/python -m extractors.ud.evaluate --treebank $(TREEBANK)

stop neo4j-stop: install
	@$(KG) neo4j stop

clean:
	rm -rf $(VENV) .kg reports api/static $(FRONTEND)/node_modules $(FRONTEND)/src/gql

# Headless Chromium for the report's browser tests (Debian's package), installed only when missing.
browser-deps:
	@test -x /usr/bin/chromium || { apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium; }
