# Python SDK: build the Go engine into remotemedia._core with gopy, install
# the package into .venv, test the installed wheel, run the Python examples.
.PHONY: python-install test-python run-python bench-python pipecat-venv

VENV ?= .venv
VENV_PY := $(VENV)/bin/python
PYTHON3 ?= python3

# Everything the installed package is built from.
PY_PKG_SOURCES := $(shell find python/remotemedia python/stubs bindings core internal remote speech -type f \
	-not -path '*/__pycache__/*' -not -name '*_test.go' 2>/dev/null) \
	setup.py pyproject.toml go.mod go.sum

python-install: $(VENV)/.remotemedia-installed

$(VENV)/.deps-installed: python/requirements-dev.txt proto/requirements.txt
	test -x $(VENV_PY) || $(PYTHON3) -m venv $(VENV)
	$(VENV_PY) -m pip install --quiet --disable-pip-version-check -r python/requirements-dev.txt
	touch $@

# No build isolation: the pinned build requirements are already in the venv,
# and setup.py skips the gopy build when no Go input changed.
$(VENV)/.remotemedia-installed: $(VENV)/.deps-installed $(PY_PKG_SOURCES)
	$(VENV_PY) -m pip install --quiet --disable-pip-version-check --no-build-isolation --no-deps .
	touch $@

# Run from outside the checkout so `import remotemedia` is the installed
# wheel, never python/remotemedia.
test-python: python-install bin/remotemedia
	cd /tmp && $(abspath $(VENV_PY)) -m pytest -q -c $(CURDIR)/pyproject.toml \
		--rootdir $(CURDIR) $(CURDIR)/python/tests

run-python: python-install
	@set -e; for ex in examples/python/*.py; do \
		echo "$$ python $$ex"; \
		(cd examples/python && $(abspath $(VENV_PY)) $$(basename $$ex)); \
	done

bench-python: python-install pipecat-venv
	cd /tmp && $(abspath $(VENV_PY)) $(CURDIR)/python/benchmarks/bench_bridge.py
	cd /tmp && $(abspath $(VENV_PY)) $(CURDIR)/python/benchmarks/bench_chain.py

# Pipecat in a venv of its own, for bench_chain.py's comparison only.
PIPECAT_VENV := build/pipecat-venv
pipecat-venv: $(PIPECAT_VENV)/.installed
$(PIPECAT_VENV)/.installed: benchmarks/pipecat/requirements.txt
	test -x $(PIPECAT_VENV)/bin/python || $(PYTHON3) -m venv $(PIPECAT_VENV)
	$(PIPECAT_VENV)/bin/python -m pip install --quiet --disable-pip-version-check --require-hashes -r $<
	touch $@

test: test-python
run: run-python
bench: bench-python
