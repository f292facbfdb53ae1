# E-İmza Rehberi: every set-up step is scripted here; see README.md.
SHELL := /bin/bash
.SHELLFLAGS := -euo pipefail -c
.DEFAULT_GOAL := serve

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000
CHROMIUM := /usr/bin/chromium
JAVA := /usr/bin/java
# the other two engines of tests/test_engines.py: Firefox ESR, WebKitGTK (+ Xvfb for its window)
FIREFOX := /usr/bin/firefox-esr
WEBKIT_DRIVER := /usr/bin/WebKitWebDriver
XVFB := /usr/bin/Xvfb

export NO_MKDOCS_2_WARNING := 1
export PYTHONDONTWRITEBYTECODE := 1
# the directorate every target works on (make serve IL=mersin): its data, editions, branch, tags
IL ?= tekirdag
export EIMZA_IL := $(IL)

.PHONY: serve build test test-engine test-pyodide test-site test-browser lint bench audit check diff publish push withdraw rollback undo-correction clean setup-docs setup-test

# --- set-up (idempotent: each stamp is redone only when its inputs change) ---
$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.stamp-docs: pyproject.toml | $(VENV)/bin/python
	$(PY) -m pip install -q -e '.[docs]'
	touch $@

$(VENV)/.stamp-test: pyproject.toml $(VENV)/.stamp-docs
	$(PY) -m pip install -q -e '.[docs,test]'
	touch $@

node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund --ignore-scripts
	touch $@

$(CHROMIUM):
	apt-get update -qq
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium

setup-docs: $(VENV)/.stamp-docs node_modules/.package-lock.json
# the Nu HTML Checker (vnu-jar, from npm) runs on Java
$(JAVA):
	apt-get update -qq
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq default-jre-headless

$(FIREFOX) $(WEBKIT_DRIVER) $(XVFB) &:
	apt-get update -qq
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq firefox-esr webkit2gtk-driver xvfb

setup-test: setup-docs $(VENV)/.stamp-test $(CHROMIUM) $(JAVA) $(FIREFOX) $(WEBKIT_DRIVER) $(XVFB)

# --- site ---
build: setup-docs
	$(VENV)/bin/mkdocs build --strict

serve: setup-docs
	@$(PY) -m eimza_site.preview.serve --watch --host $(HOST) --port $(PORT)

# --- tests ---
lint: setup-test
	$(VENV)/bin/ruff check calculator sitebuild tests
	$(VENV)/bin/ruff format --check calculator sitebuild tests
	$(VENV)/bin/mypy

test: setup-test lint
	$(VENV)/bin/pytest

# partial runs for developers; together they are `make test`'s tests (markers from pyproject.toml):
# test-engine: pure Python, no build, browser or node (seconds); test-site: builds, server, checks;
# test-pyodide: the shipped Pyodide under Node; test-browser: the browsers (and the editors' e2e)
ENGINE_TESTS := $(wildcard tests/test_engine_*.py) tests/test_editor_slips.py tests/test_editor_schema.py \
	tests/test_bench_report.py
test-engine: setup-test
	$(VENV)/bin/pytest -m "not browser and not node" $(ENGINE_TESTS)

test-site: setup-test
	$(VENV)/bin/pytest -m "not browser and not node" $(addprefix --ignore=,$(ENGINE_TESTS))

test-pyodide: setup-test
	$(VENV)/bin/pytest -m "node and not browser"

test-browser: setup-test
	$(VENV)/bin/pytest -m browser

# --- editors (docs/editor/kilavuz.md): check, compare, publish, send, withdraw, roll back, undo ---
check: setup-docs
	@$(PY) -m eimza check

# compare the data file with REV (default: the directorate's newest published edition's tag,
# else HEAD; a withdrawn edition's tags are retired and not matched)
REV ?= $(shell git describe --tags --abbrev=0 --match '$(IL)/baski-*' 2>/dev/null || echo HEAD)
diff: setup-docs
	@$(PY) -m eimza diff --rev "$(REV)"

EDITION ?=
DUZELTME ?=
# PUBLISH_ARGS: for the tests only (--no-site-checks on set-up editions)
PUBLISH_ARGS ?=
publish: setup-docs
	@$(PY) -m eimza_site.publish.publish --il "$(IL)" --edition "$(EDITION)" $(if $(filter 1,$(DUZELTME)),--correction,) $(PUBLISH_ARGS)

push: setup-docs
	@$(PY) -m eimza_site.publish.release push --il "$(IL)"

withdraw: setup-docs
	@$(PY) -m eimza_site.publish.release withdraw --il "$(IL)" --edition "$(EDITION)"

# without EDITION: the edition before the current one; with it: that edition (undoes a rollback)
rollback: setup-docs
	@$(PY) -m eimza_site.publish.release rollback --il "$(IL)" --edition "$(EDITION)"

undo-correction: setup-docs
	@$(PY) -m eimza_site.publish.release undo-correction --il "$(IL)" --edition "$(EDITION)" $(PUBLISH_ARGS)

bench: setup-test
	$(PY) -m eimza_site.bench $(BENCH_ARGS)

# the shipped npm and PyPI packages against their registries' advisories (exit 1 on one; an
# unreachable source is said, not failed). Not part of `make test`: see docs/dev/tests.md, "Advisories".
audit: setup-docs
	$(PY) -m eimza_site.audit

clean:
	rm -rf site build dist .pytest_cache .mypy_cache .ruff_cache
