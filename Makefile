# Homeshore: every target sets itself up from a fresh clone.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
OUT ?= out/demo
TIME_LIMIT ?= 30

.PHONY: run test lint typecheck bench bench-tuned bench-api bench-celery serve clean setup

setup: $(STAMP)

$(STAMP): pyproject.toml
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "need $(PYTHON) on PATH (or: make PYTHON=python3)"; exit 1; }
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/homeshore solve fixtures/demo-week/problem.json --out $(OUT) --time-limit $(TIME_LIMIT)

# The suite runs on SQLite, then, when HOMESHORE_TEST_DATABASE_URL is set, its tests that open
# a database run again on PostgreSQL (`-m database`, marked by tests/conftest.py: the solver,
# verifier and forecast tests never touch a database, and running them twice doubled CI).
# The browser tests (about 15 s) run in both passes: they start their own server and database;
# the demo-week screenshots (a minute of solving) run only under `make screenshots`.
test: $(STAMP) browser
	env -u HOMESHORE_TEST_DATABASE_URL $(BIN)/python -m pytest
	@if [ -n "$$HOMESHORE_TEST_DATABASE_URL" ]; then \
		echo "the database tests again on $$HOMESHORE_TEST_DATABASE_URL"; \
		$(BIN)/python -m pytest -m database; \
	fi

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy solver api scheduler

# The solver on honest weeks (bench/honest_bench.py, instances from bench/honest_weeks.py):
# 300, 1,000 and 3,000 agents x seeds 1,2,3 at 60 s, the naive model beside them up to 1,000,
# then 1,000 agents x 28 days at 120 s; about an hour on 2 shared cores. Override with
# BENCH_ARGS (make variable or environment), e.g.
# BENCH_ARGS="--sizes 300 --seeds 1 --time-limit 20 --month-sizes ''". CI never runs it.
BENCH_ARGS ?=
bench: $(STAMP)
	$(BIN)/python -m bench.honest_bench $(BENCH_ARGS)

# The tuned-on benchmark (bench/generator.py, seed 1): the solver against the naive model.
bench-tuned: $(STAMP)
	$(BIN)/python -m bench.solver_scale

bench-api: $(STAMP)
	$(BIN)/python -m bench.api_load

# 8 solves of the demo week (150 agents, 20 s each) on 1, then 2 solve workers; needs RabbitMQ.
bench-celery: $(STAMP)
	$(BIN)/python -m bench.celery_makespan

# Set up, migrate, load the demo week into an empty database, serve on 127.0.0.1:8000.
# The database is HOMESHORE_DATABASE_URL (default: ./homeshore.sqlite3).
serve: $(STAMP)
	$(BIN)/homeshore db upgrade
	@if [ -f fixtures/demo-week/problem.json ]; then \
		$(BIN)/homeshore db load-problem fixtures/demo-week/problem.json --if-empty --demo; \
	else \
		echo "fixtures/demo-week/problem.json is absent: serving an empty database"; \
	fi
	@echo "mint a key with: $(BIN)/homeshore users create-key --role manager"
	$(BIN)/homeshore serve

clean:
	rm -rf $(VENV) out .pytest_cache .mypy_cache .ruff_cache

# From contact history to a verified roster with its expected service level (docs/staffing.md).
.PHONY: run-history
run-history: $(STAMP)
	$(BIN)/homeshore staff fixtures/demo-week/history.csv --problem fixtures/demo-week/problem.json --out $(OUT)/problem.json
	$(BIN)/homeshore solve $(OUT)/problem.json --out $(OUT) --time-limit $(TIME_LIMIT)

# Debian's Chromium for the browser tests (tests/web/e2e): installed with apt-get when absent
# and possible (root or passwordless sudo); otherwise says why, and those tests skip unless
# HOMESHORE_REQUIRE_BROWSER=1 (CI), where they fail. Playwright's own browsers are never used.
.PHONY: browser screenshots
browser:
	@if [ -x /usr/bin/chromium ]; then \
		echo "browser: /usr/bin/chromium present"; \
	elif [ "$$(id -u)" = 0 ]; then \
		apt-get install -y --no-install-recommends chromium chromium-driver; \
	elif sudo -n true 2>/dev/null; then \
		sudo -n apt-get install -y --no-install-recommends chromium chromium-driver; \
	else \
		echo "browser: /usr/bin/chromium is absent and apt-get needs root; browser tests will skip"; \
	fi

# The README's screenshots, from the demo week (150 agents): tests/web/e2e/test_demo_screenshots.py
# solves twice for 15 s through the pages (about a minute, SQLite), writes out/screenshots/demo-*.png,
# and they replace docs/screenshots/demo-*.png. `make test` skips that module (HOMESHORE_SCREENSHOTS unset).
screenshots: $(STAMP) browser
	rm -f out/screenshots/demo-*.png
	env -u HOMESHORE_TEST_DATABASE_URL HOMESHORE_SCREENSHOTS=1 HOMESHORE_REQUIRE_BROWSER=1 \
		$(BIN)/python -m pytest tests/web/e2e/test_demo_screenshots.py -q
	mkdir -p docs/screenshots
	rm -f docs/screenshots/demo-*.png
	cp out/screenshots/demo-*.png docs/screenshots/
