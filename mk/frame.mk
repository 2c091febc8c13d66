# Frame encoding: a short fuzz of the wire decoder on every `make test`.
# Counts, not durations: a duration -fuzztime can fail with a spurious
# "context deadline exceeded" on Go 1.26 (golang/go#75804).
FRAME_FUZZTIME ?= 200000x

.PHONY: fuzz-frame
fuzz-frame:
	$(GO) test -run '^$$' -fuzz '^FuzzDecode$$' -fuzztime $(FRAME_FUZZTIME) -fuzzminimizetime 1000x ./core/frame/

test: fuzz-frame
