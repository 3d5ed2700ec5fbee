# The two set-up commands are `make demo` and `make test`; both create .venv on first use.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
PORT ?= 8001
DB ?= archive.db

.PHONY: demo test crawl serve bench clean venv

$(STAMP): requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	touch $(STAMP)

venv: $(STAMP)

## Crawl the bundled demo sites (served on 127.0.0.1) into $(DB) and print a summary.
demo: $(STAMP)
	$(PY) -m crawler demo --db $(DB)

## Run the whole test suite (offline).
test: $(STAMP)
	$(PY) -m pytest -q

## Crawl every registered real site (needs the internet).
crawl: $(STAMP)
	$(PY) -m crawler crawl --all --db $(DB)

## Browse $(DB) with Datasette on http://127.0.0.1:$(PORT)/
serve: $(STAMP)
	$(VENV)/bin/datasette serve $(DB) --metadata datasette/metadata.yaml --port $(PORT)

## Crawl throughput of the full pipeline against a bare spider on a generated demo site.
bench: $(STAMP)
	$(PY) scripts/bench_crawl.py

clean:
	rm -rf $(VENV) .pytest_cache
