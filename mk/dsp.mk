# DSP: the resampler and the voice activity detector (core/internal/dsp),
# their nodes, and the resampler's comparison with python-soxr.
# `make test` already runs these packages (mk/go.mk); test-dsp runs just them.
.PHONY: test-dsp bench-audio bench-dsp bench-soxr

DSP_PYTHON ?= python3
DSP_VENV = build/bench-audio-venv

test-dsp:
	$(GO) test -race ./core/internal/dsp/...
	$(GO) test -race -run 'AudioResample|VAD' ./core/internal/nodes/

bench: bench-audio

bench-audio: bench-dsp bench-soxr

# BenchmarkResample (1 s mono per op, per quality) and BenchmarkDetector
# (10 s of 16 kHz speech per op; its rtf metric is the real-time factor).
bench-dsp:
	$(GO) test -run '^$$' -bench . -benchmem -count $(BENCH_COUNT) ./core/internal/dsp/...

# python-soxr is installed into a venv for this benchmark only.
$(DSP_VENV)/.installed: benchmarks/audio/requirements.txt
	$(DSP_PYTHON) -m venv $(DSP_VENV)
	$(DSP_VENV)/bin/pip install -q -r $<
	touch $@

bench-soxr: $(DSP_VENV)/.installed
	$(GO) build -o build/bin/resamplecli ./benchmarks/audio/resamplecli
	$(DSP_VENV)/bin/python benchmarks/audio/resample_vs_soxr.py build/bin/resamplecli
