# Every target bootstraps what it needs: uv (through pip when missing; into the user's site
# when the system Python is externally managed, PEP 668), .venv, the lock.
SHELL := /bin/bash
PYTHON ?= python3
UV := $(PYTHON) -m uv
RUN := $(UV) run --frozen
SCALE ?= 0.2
DEMO_DIR ?= demo-workspace
# Every Python process (each test worker, each CLI call, each served app) imports from
# bytecode: the dependencies are compiled once when .venv is made (--compile-bytecode),
# the project's own modules on first import. An environment that forbids writing
# bytecode would make every process compile pandas, SciPy, Ibis ... from source again.
unexport PYTHONDONTWRITEBYTECODE

.PHONY: help env demo serve test check bench fmt clean

help: ## list targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  %-8s %s\n", $$1, $$2}'

.venv/.synced: pyproject.toml uv.lock
	@$(UV) --version >/dev/null 2>&1 || $(PYTHON) -m pip install --quiet uv 2>/dev/null \
	  || $(PYTHON) -m pip install --quiet --user --break-system-packages uv
	$(UV) sync --frozen --all-extras --compile-bytecode
	@touch $@

env: .venv/.synced ## create .venv from uv.lock

demo: env ## generate the demo scenario, run all of Fairshore on it, serve the web app
	$(RUN) fairshore demo --dir $(DEMO_DIR) --scale $(SCALE) --fresh --serve

# The demo's passwords are shown once; a lost one: fairshore --home DIR user set-password EMAIL
serve: env ## serve the workspace make demo built, without building it again
	$(RUN) fairshore --home $(DEMO_DIR) serve

# What the tests need from Debian is installed when missing (as root), else those tests
# are skipped; PostgreSQL tests run on a throwaway server removed on exit. One xdist
# worker more than there are cores: the browser, server and Spark tests spend part of
# their time waiting on another process, and the spare worker keeps the cores busy
# meanwhile (12 min 28 s -> 10 min 34 s on the 2-core machine).
WORKERS ?= $(shell echo $$(( $$(nproc) + 1 )))
test: env ## run the test suite (installs Chromium, Java, Pango, PostgreSQL when root)
	@bash scripts/test-deps.sh
	@bash scripts/with-postgres.sh $(RUN) pytest -q -n $(WORKERS) --dist loadgroup $(PYTEST_ARGS)

check: env ## ruff format + lint, mypy --strict, import contracts, module sizes and public APIs
	$(RUN) ruff format --check src tests benchmarks scripts
	$(RUN) ruff check src tests benchmarks scripts
	$(RUN) mypy
	$(RUN) lint-imports
	$(RUN) python scripts/check_house.py

fmt: env ## format and auto-fix
	$(RUN) ruff format src tests benchmarks scripts
	$(RUN) ruff check --fix src tests benchmarks scripts

bench: env ## benchmarks, each printing its ratio against a baseline measured in the same run
	@command -v ab >/dev/null || { [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null && \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq apache2-utils \
	  >/dev/null; } || echo "no ab (apache2-utils): the web benchmark falls back to Python clients"
	$(RUN) python -m benchmarks

clean: ## remove the environment and generated workspaces
	rm -rf .venv $(DEMO_DIR) .mypy_cache .pytest_cache .ruff_cache
