# Homeshore: every target sets itself up from a fresh clone.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
OUT ?= out/demo
TIME_LIMIT ?= 30

.PHONY: run test lint typecheck bench serve clean setup

setup: $(STAMP)

$(STAMP): pyproject.toml
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "need $(PYTHON) on PATH (or: make PYTHON=python3)"; exit 1; }
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/homeshore solve fixtures/demo-week/problem.json --out $(OUT) --time-limit $(TIME_LIMIT)

test: $(STAMP)
	$(BIN)/python -m pytest

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy solver

bench: $(STAMP)
	$(BIN)/python -m bench.solver_scale

clean:
	rm -rf $(VENV) out .pytest_cache .mypy_cache .ruff_cache

# From contact history to a verified roster with its expected service level (docs/staffing.md).
.PHONY: run-history
run-history: $(STAMP)
	$(BIN)/homeshore staff fixtures/demo-week/history.csv --problem fixtures/demo-week/problem.json --out $(OUT)/problem.json
	$(BIN)/homeshore solve $(OUT)/problem.json --out $(OUT) --time-limit $(TIME_LIMIT)
