# Lumbar Guide: `make run` sets up and starts the chat UI; `make test` sets up and runs the checks.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PIP := $(BIN)/pip install --constraint constraints.txt
# The CPU build of torch; elsewhere, e.g. TORCH="torch==2.13.0 --index-url https://download.pytorch.org/whl/cpu"
TORCH ?= torch==2.13.0

.PHONY: run test eval install dev ingest lint clean

run: ingest
	$(BIN)/assistant chat

test: dev lint
	$(BIN)/pytest
	$(MAKE) --no-print-directory eval

# The eval gate: exits non-zero, naming the figure, when a threshold in evals/thresholds.yaml is missed.
eval: ingest
	$(BIN)/assistant eval --report reports/eval.json --markdown reports/eval.md --junit reports/eval.xml

install: $(VENV)/.installed

dev: $(VENV)/.dev

ingest: install
	$(BIN)/assistant ingest

lint: dev
	$(BIN)/ruff check assistant tests bench
	$(BIN)/ruff format --check assistant tests bench
	$(BIN)/mypy

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.torch: | $(BIN)/python
	$(BIN)/pip install $(TORCH)
	touch $@

$(VENV)/.installed: pyproject.toml constraints.txt $(VENV)/.torch
	$(PIP) -e .
	touch $@

$(VENV)/.dev: pyproject.toml constraints.txt $(VENV)/.installed
	$(PIP) -e ".[dev]"
	touch $@

clean:
	rm -rf $(VENV) data reports .pytest_cache .mypy_cache .ruff_cache
