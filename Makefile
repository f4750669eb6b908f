# Lumbar Guide: `make run` sets up and serves the chat UI, API and widget; `make test` sets up and runs the checks.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PIP := $(BIN)/pip install --constraint constraints.txt
# The CPU build of torch; elsewhere, e.g. TORCH="torch==2.13.0 --index-url https://download.pytorch.org/whl/cpu"
TORCH ?= torch==2.13.0
# The browser tests drive Debian's chromium through Playwright; the server tests share rate limits
# between workers through Debian's Redis.
CHROMIUM := /usr/bin/chromium
REDIS := /usr/bin/redis-server
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: run test eval install dev ingest lint clean

run: ingest
	$(BIN)/assistant serve

test: dev lint $(CHROMIUM) $(REDIS)
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

$(CHROMIUM):
	$(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get update -q
	$(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium

$(REDIS):
	$(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get update -q
	$(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -q redis-server

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.torch: | $(BIN)/python
	$(BIN)/pip install $(TORCH)
	touch $@

$(VENV)/.installed: pyproject.toml constraints.txt $(VENV)/.torch
	$(PIP) -e .
	touch $@

# llama-cpp-python has no wheel on PyPI: pip builds it (about 4 minutes on 2 cores, once; pip
# caches the wheel), for any x86-64 CPU and without tests or examples.
$(VENV)/.dev: pyproject.toml constraints.txt $(VENV)/.installed
	CMAKE_ARGS="-DGGML_NATIVE=OFF -DLLAMA_BUILD_TESTS=OFF -DLLAMA_BUILD_EXAMPLES=OFF" \
	CMAKE_BUILD_PARALLEL_LEVEL=2 $(PIP) -e ".[dev,llm-test,redis]"
	touch $@

clean:
	rm -rf $(VENV) data reports .pytest_cache .mypy_cache .ruff_cache
