# vigie — the two commands a new user needs are `make demo` and `make test`.
# Both start from a fresh clone: they create .venv, install vigie with its dependencies and,
# for tests, the Debian packages the browser tests need (when run as root and missing).

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
DB     ?= vigie.db
HOST   ?= 127.0.0.1
PORT   ?= 8000

.PHONY: demo test lint format bench install system-deps clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

# Debian's chromium for the Playwright browser tests (Playwright's own download is not used).
system-deps:
	@if [ ! -x /usr/bin/chromium ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    echo "installing chromium (Debian) for the browser tests"; \
	    DEBIAN_FRONTEND=noninteractive apt-get update -q && \
	    DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends chromium fonts-dejavu-core; \
	  else \
	    echo "warning: /usr/bin/chromium missing and not root: browser tests will be skipped"; \
	  fi; \
	fi

demo: install
	$(BIN)/vigie --db $(DB) demo --host $(HOST) --port $(PORT)

test: install system-deps
	$(BIN)/python -m pytest -q -p no:cacheprovider

lint: install
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks
	$(BIN)/mypy

format: install
	$(BIN)/ruff format src tests benchmarks
	$(BIN)/ruff check --fix src tests benchmarks

bench: install
	$(BIN)/python benchmarks/ingest.py --limit 20000
	$(BIN)/python benchmarks/search.py

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache .mypy_cache .ruff_cache
