# The README's two commands: `make run` and `make test`. Both set up .venv first
# and are quick when it is already set up (a stamp file tracks pyproject.toml).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
TEST_STAMP := $(VENV)/.installed-test

.PHONY: run test setup setup-test screenshot bench clean

run: $(STAMP)
	$(BIN)/quotelens $(ARGS)

test: $(TEST_STAMP)
	$(BIN)/lint-imports --config pyproject.toml
	$(BIN)/python -m pytest -q $(PYTEST_ARGS)

setup: $(STAMP)
setup-test: $(TEST_STAMP)

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install -q --disable-pip-version-check -e .
	touch $@

$(TEST_STAMP): pyproject.toml $(STAMP)
	$(BIN)/python -m pip install -q --disable-pip-version-check -e '.[test]'
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

clean:
	rm -rf $(VENV) build *.egg-info
