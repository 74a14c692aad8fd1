# The README's two commands: `make run` and `make test`. Both set up .venv first
# and are quick when it is already set up (a stamp file tracks pyproject.toml).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
TEST_STAMP := $(VENV)/.installed-test
CONSTRAINTS := .ci/constraints.txt
PIP := $(BIN)/python -m pip install -q --disable-pip-version-check -c $(CONSTRAINTS)

.PHONY: run test check soak lint setup setup-test screenshot bench clean lock

run: $(STAMP)
	$(BIN)/quotelens $(ARGS)

# Three test processes: part of the suite's time is spent waiting on real subprocesses
# (kill -9, two writers, ingest resume, a Dask cluster), so three overlap well even on two cores.
# --dist loadgroup hands the tests out one at a time to whichever process is free, the `slow` ones
# first (tests/conftest.py sorts them so), and keeps an `xdist_group` (the Dask cluster's module) on
# one process. xdist's default (`load`) gave the first process a chunk of ~85 tests to start with,
# nearly all the slow ones: it ran minutes after the other two had finished (measured side by side at
# load ~20 on 2 cores, 2026-12-07: CPU-s per process 72/179/73, the last one alone from 1,090 to 1,635 s;
# with loadgroup 111/96/91, the three ending within 13 s). All tests: ~300 CPU-s.
PYTEST_WORKERS ?= 3
PYTEST_DIST := --dist loadgroup

test: lint
	$(BIN)/python -m pytest -q -n $(PYTEST_WORKERS) $(PYTEST_DIST) $(PYTEST_ARGS)

# Layering contracts, ruff (lint + format) and mypy: what `make test` checks before the tests.
lint: $(TEST_STAMP)
	$(BIN)/lint-imports --config pyproject.toml
	$(BIN)/ruff check corpus store tui tests bench
	$(BIN)/ruff format --check corpus store tui tests bench
	$(BIN)/mypy

# The local loop (under a minute): lint, types (mypy's cache makes a re-check ~1 s) and the tests
# that are neither slow, soaks nor pixel snapshots (tests/conftest.py marks every test that takes
# `snap_compare`); `make test` runs all.
# Three processes, as for `make test`: each pays its own start (collection ~4.5 CPU-s, spaCy ~2, the
# sample corpus ingested), but the Pilot tests wait on frames often enough that a third one
# fills the gaps (measured on 2 cores: 75 s of tests with two, 52 s with three).
CHECK_WORKERS ?= 3

check: lint
	$(BIN)/python -m pytest -q -n $(CHECK_WORKERS) $(PYTEST_DIST) -m "not slow and not snapshot and not soak" $(PYTEST_ARGS)

# The reliability soaks at full length (100 kill -9s at random moments, two writers x 500, kill -9
# during folds): the counts the reliability notes quote. `make test` runs a share of the kill -9s.
soak: $(TEST_STAMP)
	$(BIN)/python -m pytest -q -n $(PYTEST_WORKERS) $(PYTEST_DIST) -m soak --soak $(PYTEST_ARGS)

setup: $(STAMP)
setup-test: $(TEST_STAMP)

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(STAMP): pyproject.toml $(CONSTRAINTS) | $(BIN)/python
	$(PIP) -e .
	touch $@

$(TEST_STAMP): pyproject.toml $(CONSTRAINTS) $(STAMP)
	$(PIP) -e '.[test]'
	touch $@

# Regenerates the README screenshot (docs/screenshot.svg) with Textual itself.
screenshot: $(STAMP)
	$(BIN)/python -m tui.screenshot docs/screenshot.svg

bench: $(TEST_STAMP)
	$(BIN)/python bench/accuracy.py
	$(BIN)/python bench/ingest.py
	$(BIN)/python bench/open.py
	$(BIN)/python bench/store.py
	$(BIN)/python bench/tui.py

# Re-pins .ci/constraints.txt from a fresh environment (after changing pyproject.toml).
lock:
	rm -rf .venv-lock && $(PYTHON) -m venv .venv-lock
	.venv-lock/bin/python -m pip install -q --disable-pip-version-check -e '.[test]'
	{ sed -n '1,4p' $(CONSTRAINTS); .venv-lock/bin/python -m pip freeze --exclude-editable | grep -v '^-e'; } > $(CONSTRAINTS).new
	mv $(CONSTRAINTS).new $(CONSTRAINTS) && rm -rf .venv-lock

clean:
	rm -rf $(VENV) build *.egg-info
