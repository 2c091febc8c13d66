# Remote execution (remote/): a short fuzz of the DataBuffer decoder on every
# `make test`, as for the other decoders of untrusted bytes. Counts, not
# durations: a duration -fuzztime can fail with a spurious "context deadline
# exceeded" on a loaded machine.
REMOTE_FUZZTIME ?= 100000x

.PHONY: fuzz-remote
fuzz-remote:
	$(GO) test -run '^$$' -fuzz '^FuzzDataBuffer$$' -fuzztime $(REMOTE_FUZZTIME) -fuzzminimizetime 1000x ./remote/wire/

test: fuzz-remote

# The placed-segment batch decoders (remote/segment) read what a Ray actor
# or the local node sent: fuzzed the same way.
.PHONY: fuzz-segment
fuzz-segment:
	$(GO) test -run '^$$' -fuzz '^FuzzDecode$$' -fuzztime $(REMOTE_FUZZTIME) -fuzzminimizetime 1000x ./remote/segment/

test: fuzz-segment
