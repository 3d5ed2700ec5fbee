# The two set-up commands are `make demo` and `make test`; both create .venv on first use.
# `make demo` installs the runtime only; `make test` adds the test and benchmark packages, so
# `make demo` then `make test` installs just that second part.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
# pip prints errors only: the echo lines say what is going on.
PIP := $(PY) -m pip --quiet --quiet
RUNTIME := $(VENV)/.installed-runtime
DEV := $(VENV)/.installed-dev
# pywb, the replay tool the WACZ test serves an export with, pins redis 2.x, which the crawler's
# distributed mode cannot use: it gets a venv of its own, as a separately installed tool would.
PYWB_VENV := .venv-pywb
PYWB := $(PYWB_VENV)/.installed
PORT ?= 8001
DB ?= archive.db

.PHONY: demo test test-quick crawl serve bench clean venv

# A half-made .venv (pip could not be upgraded) is removed, so the next run starts over.
$(PY):
	@echo "setting up .venv (first run: about a minute)..."
	@$(PYTHON) -m venv $(VENV) && $(PIP) install --upgrade pip || { rm -rf $(VENV); exit 1; }

# The project itself goes in editable and without dependencies: requirements.txt pins them.
$(RUNTIME): requirements.txt pyproject.toml | $(PY)
	@echo "installing the runtime packages (requirements.txt) and the project into .venv..."
	@$(PIP) install -r requirements.txt
	@$(PIP) install --no-deps -e .
	@touch $@

$(DEV): requirements-dev.txt $(RUNTIME) $(PYWB)
	@echo "installing the test and benchmark packages (requirements-dev.txt) into .venv..."
	@$(PIP) install -r requirements-dev.txt
	@touch $@

$(PYWB): requirements-pywb.txt
	@echo "installing pywb (the replay tool of the WACZ test) into $(PYWB_VENV)..."
	@$(PYTHON) -m venv $(PYWB_VENV) && $(PYWB_VENV)/bin/python -m pip --quiet --quiet install -r requirements-pywb.txt \
		|| { rm -rf $(PYWB_VENV); exit 1; }
	@touch $@

venv: $(RUNTIME)

## Crawl the bundled demo sites (served on 127.0.0.1) into $(DB) and print a summary.
demo: $(RUNTIME)
	$(PY) -m crawler demo --db $(DB)

## Run the whole test suite (offline).
test: $(DEV)
	$(PY) -m pytest -q

## The test suite without the slow end-to-end tests (crawls, servers, worker processes).
test-quick: $(DEV)
	$(PY) -m pytest -q -m "not e2e"

## Crawl every registered real site (needs the internet).
crawl: $(RUNTIME)
	$(PY) -m crawler crawl --all --db $(DB)

## Browse $(DB) with Datasette on http://127.0.0.1:$(PORT)/
serve: $(RUNTIME)
	$(VENV)/bin/datasette serve $(DB) --metadata datasette/metadata.yaml --template-dir datasette/templates \
		--plugins-dir datasette/plugins --port $(PORT)

## Crawl throughput of the full pipeline against a bare spider on a generated demo site.
bench: $(RUNTIME)
	$(PY) scripts/bench_crawl.py

clean:
	rm -rf $(VENV) $(PYWB_VENV) .pytest_cache
