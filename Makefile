# The report's build. `make` alone lists the targets.
# Data flow: seeds/ --(python -m analysis extract)--> data/ --(notebooks)--> _build/html
SHELL := bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help
MAKEFLAGS += --no-builtin-rules

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
ENV_STAMP := $(VENV)/.installed

# The corpus. `make book` reads seeds/ into data/ and builds _build/html. `make book
# SEEDS=DIR` builds the whole site over another folder of documents into
# _build/corpora/<name>/ (its own data/, execution cache and _build/html; CORPUS=name to
# choose it), leaving data/ and the committed outputs alone. STRICT=1 stops at a warning or
# a failed required check (the default for seeds/); STRICT=0 builds anyway and lists every
# failed required check on the page and at the end of the build (the default for SEEDS=DIR,
# a first look at documents whose sidecars may not be yours to edit).
SEEDS ?= seeds
ifeq ($(abspath $(SEEDS)),$(abspath seeds))
CORPUS_OUT :=
DATA_DIR := data
BUILD_DIR := _build
STRICT ?= 1
else
CORPUS ?= $(notdir $(patsubst %/,%,$(dir $(abspath $(SEEDS)))))-$(notdir $(abspath $(SEEDS)))
CORPUS_OUT := _build/corpora/$(CORPUS)
DATA_DIR := $(CORPUS_OUT)/data
BUILD_DIR := $(CORPUS_OUT)/_build
STRICT ?= 0
endif
HTML_INDEX := $(BUILD_DIR)/html/index.html
DATA_STAMP := $(DATA_DIR)/datapackage.json
EXEC_STAMP := $(BUILD_DIR)/.executed-against
STRICT_STAMP := $(BUILD_DIR)/.strict-$(STRICT)
STRICT_FLAG := $(if $(filter 1,$(STRICT)),--strict)
BOOK_ENV := REPORT_DATA=$(abspath $(DATA_DIR))
PATH_OUTPUT := $(if $(CORPUS_OUT),--path-output $(CORPUS_OUT))

PACKAGE_FILES := $(shell find analysis -name '*.py' -o -name '*.yml' | sort)
# The seeds enter make as one stamp (their names and contents hashed), never as a list of
# file names, so a seed named with a space, ';' or ':' cannot break a rule.
SEEDS_STAMP := $(BUILD_DIR)/.seeds
BOOK_FILES := _config.yml _toc.yml bench/results.csv bench/accuracy.csv $(wildcard book/*) $(wildcard _static/*) $(wildcard _ext/*.py)
NOTEBOOKS = $(shell $(PY) -m analysis notebooks)
JB_FLAGS := --warningiserror --nitpick --keep-going
REMOTE ?= origin
PORT ?= 0
TEST_STAMP := _build/.tested
PDF := _build/pdf/report.pdf
CHROMIUM := /usr/bin/chromium

.PHONY: help book data test lint outputs drift bench evaluate lock clean serve test-stamp publish pdf browser-deps browser-note FORCE

help: ## list the targets, then the layout of the project (from README.md)
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed -E 's/:.*## /\t/' | expand -t 14
	@echo; awk '/^## Layout/ {on = 1} on && /^```/ {n++; next} on && n == 1 {print} n == 2 {exit}' README.md

book: $(HTML_INDEX) ## build the site into _build/html (SEEDS=DIR: another corpus, in _build/corpora/; STRICT=0|1)
	@$(PY) -m analysis.publish checks $(DATA_DIR)
	@echo "The book is at $(HTML_INDEX)"

data: $(DATA_STAMP) ## bring data/ up to date from seeds/ (SEEDS=DIR: _build/corpora/<name>/data)

# nbval compares a fresh run of every notebook with its stored outputs (chart SVG aside, see
# the sanitize file); the nbval_drift plugin words each failed cell's difference as data
# (figures old -> new, table rows) into DRIFT_REPORT, printed last, after the browser note.
DRIFT_REPORT := _build/drift-report.txt
# Tests run on every core (pytest-xdist; TEST_WORKERS=0 runs them in this process).
TEST_WORKERS ?= auto
NBVAL_FLAGS := --nbval --nbval-current-env --nbval-sanitize-with tests/book/nbval_sanitize.cfg \
  -p analysis.publish.nbval_drift --drift-report $(DRIFT_REPORT)

test: lint $(DATA_STAMP) $(HTML_INDEX) ## run every test: lint, pytest over tests/ and nbval over the book's notebooks; ends with the drift report
	@notebooks="$(NOTEBOOKS)"; [ -n "$$notebooks" ] || { echo "no notebooks found in _toc.yml" >&2; exit 1; }
	@rm -f $(DRIFT_REPORT)
	$(PY) -m pytest tests $(NOTEBOOKS) $(NBVAL_FLAGS) -n $(TEST_WORKERS) --dist loadgroup --no-loadscope-reorder || status=$$?; \
	  $(MAKE) --no-print-directory -s browser-note; \
	  if [ -s $(DRIFT_REPORT) ]; then echo; cat $(DRIFT_REPORT); fi; exit $${status:-0}

# Said after the test summary, where a newcomer looks: pytest alone only says "2 skipped".
browser-note:
	@missing="$$([ -x $(CHROMIUM) ] || echo "$(CHROMIUM) (Debian's chromium)")"; \
	$(PY) -c 'import playwright' 2>/dev/null || missing="$${missing:+$$missing and }the playwright package"; \
	if [ -n "$$missing" ]; then \
	  echo "NOTE: the browser and PDF tests did not run (missing: $$missing)."; \
	  echo "NOTE: install them with: make browser-deps   (then run make test again; with CI set, their absence fails the tests)"; \
	fi

browser-deps: $(ENV_STAMP) ## install what the browser and PDF tests need: Debian's chromium (apt-get; sudo when not root)
	$(if $(filter 0,$(shell id -u)),,sudo) apt-get update -qq
	$(if $(filter 0,$(shell id -u)),,sudo) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium

lint: $(ENV_STAMP) ## ruff check and ruff format --check over analysis/, tests/ and bench/
	$(VENV)/bin/ruff check analysis tests bench
	$(VENV)/bin/ruff format --check analysis tests bench

# REASON (from make's command line or the environment, read by the shell so any quote in it
# is safe) is logged with every change to a figure in book/changes.csv; required then.
outputs: $(DATA_STAMP) ## re-extract data/ and re-execute the notebooks in place, after an intended change; REASON="why" is logged with what changed
	@[ -z "$(CORPUS_OUT)" ] || { echo "error: make outputs stores the book's outputs for seeds/ only; SEEDS=$(SEEDS) builds with make book SEEDS=..." >&2; exit 2; }
	$(PY) -m analysis run-notebooks --reason "$${REASON-}" $(NOTEBOOKS)

drift: $(DATA_STAMP) ## execute the notebooks afresh and say, in words, what differs from their stored outputs (fails if anything drifted: python -m analysis drift exits 1, make reports 2; stores nothing)
	$(BOOK_ENV) $(PY) -m analysis drift $(NOTEBOOKS)

DEV ?= ../shared/dev
bench: $(ENV_STAMP) ## benchmark the extractor on synthetic and real-article corpora (../shared/dev), medians of 3; writes bench/results.md and .csv
	$(PY) bench/bench_extract.py --reps 3 --real $(DEV)/docs $(BENCH_ARGS)

evaluate: $(ENV_STAMP) ## score the extraction on an annotated corpus (DEV=path, default ../shared/dev); writes bench/accuracy.csv
	@[ -f "$(DEV)/expected.json" ] || { echo "error: $(DEV)/expected.json: no annotated corpus there (set DEV=path)" >&2; exit 2; }
	mkdir -p _build/evaluate
	$(PY) -m analysis evaluate $(DEV)/docs --expected $(DEV)/expected.json \
	  $(if $(wildcard $(DEV)/justifications.json),--justifications $(DEV)/justifications.json) \
	  --csv bench/accuracy.csv --misses _build/evaluate/misses.md
	@echo "misses: _build/evaluate/misses.md"

lock: ## pin requirements.in into requirements.txt, keeping today's pins (UPGRADE=1: newest versions)
	rm -rf .venv-lock && $(PYTHON) -m venv .venv-lock
	.venv-lock/bin/pip install -r requirements.in $(if $(UPGRADE),,-c requirements.txt)
	{ echo '# Every package pinned for Python 3.11; generated from requirements.in by `make lock`.'; \
	  .venv-lock/bin/pip freeze --exclude-editable | grep -v -E '^(pip|setuptools|wheel)=='; } > requirements.txt
	rm -rf .venv-lock

serve: $(HTML_INDEX) ## preview the site on http://127.0.0.1 (a free port, or PORT=n); Ctrl-C stops
	$(PY) -m analysis.publish serve $(BUILD_DIR)/html --port $(PORT)

test-stamp: ## run `make test`, then record the commit it passed on (what publish checks)
	$(MAKE) test
	$(PY) -m analysis.publish stamp $(TEST_STAMP)

publish: $(ENV_STAMP) ## push _build/html to the gh-pages branch of REMOTE (default origin); needs a clean tree and test-stamp
	$(PY) -m analysis.publish publish _build/html --remote $(REMOTE) --stamp $(TEST_STAMP)

pdf: $(PDF) ## print the book, in table-of-contents order, to _build/pdf/report.pdf with Debian's headless Chromium
	@echo "The PDF is at $(PDF)"

clean: ## remove the built site and the execution cache (keeps .venv and data/)
	rm -rf _build

$(ENV_STAMP): requirements.txt pyproject.toml
	[ -x $(PY) ] || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	$(PY) -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	touch $@

$(SEEDS_STAMP): FORCE
	@mkdir -p $(@D)
	@find '$(SEEDS)' -type f -print0 | LC_ALL=C sort -z | xargs -0 -r sha256sum -- > $@.new
	@if cmp -s $@.new $@; then rm $@.new; else mv $@.new $@; fi

FORCE:

# A change of STRICT re-extracts: the data must have passed the checks the build asks for.
$(STRICT_STAMP):
	mkdir -p $(BUILD_DIR) && rm -f $(BUILD_DIR)/.strict-* && touch $@

$(DATA_STAMP): $(ENV_STAMP) $(PACKAGE_FILES) $(SEEDS_STAMP) $(wildcard reference/*) $(STRICT_STAMP)
	$(PY) -m analysis extract '$(SEEDS)' --out $(DATA_DIR) $(STRICT_FLAG) --cache $(BUILD_DIR)/cache/extract
	@$(PY) -m analysis.publish checks $(DATA_DIR)
	touch $@

# The execution cache keys on code cells, not on the data they read: drop it whenever
# data/ or the package change, so the site never shows outputs older than data/. Sphinx's
# own cache (.doctrees) goes too: it re-reads only pages whose source changed, and a new
# corpus changes no source.
$(EXEC_STAMP): $(DATA_STAMP) $(PACKAGE_FILES) bench/results.csv bench/accuracy.csv
	rm -rf $(BUILD_DIR)/.jupyter_cache $(BUILD_DIR)/.doctrees
	mkdir -p $(BUILD_DIR) && touch $@

# Sphinx copies _static/ and applies the configuration only when a page is out of date, so
# a change to either rewrites every page (--all; the notebooks' execution stays cached).
$(HTML_INDEX): $(ENV_STAMP) $(DATA_STAMP) $(EXEC_STAMP) $(BOOK_FILES)
	$(BOOK_ENV) $(VENV)/bin/jupyter-book build . $(PATH_OUTPUT) $(JB_FLAGS) $(if $(filter _static/% _ext/% _config.yml _toc.yml,$?),--all)
	touch $@

# The PDF edition: the same sources and execution cache as the site, built as one HTML page
# (Sphinx's singlehtml, chapters in _toc.yml order), then printed.
$(PDF): $(ENV_STAMP) $(DATA_STAMP) $(EXEC_STAMP) $(BOOK_FILES)
	$(VENV)/bin/jupyter-book build . $(JB_FLAGS) --builder custom --custom-builder singlehtml
	$(PY) -m analysis.publish pdf _build/singlehtml $@
