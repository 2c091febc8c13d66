# Frame encoding: a short fuzz of the wire decoder on every `make test`.
FRAME_FUZZTIME ?= 10s

.PHONY: fuzz-frame
fuzz-frame:
	$(GO) test -run '^$$' -fuzz '^FuzzDecode$$' -fuzztime $(FRAME_FUZZTIME) ./core/frame/

test: fuzz-frame
