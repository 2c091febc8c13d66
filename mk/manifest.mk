# Manifest parser: a short fuzz run on every `make test`. The seed corpus is
# core/internal/manifest/testdata/fuzz/FuzzParse; a failing input found here
# is saved there too, so add it to the commit as a regression case.
.PHONY: fuzz-manifest
test: fuzz-manifest

# Counts, not durations: a duration -fuzztime can fail with a spurious
# "context deadline exceeded" on Go 1.26 (golang/go#75804).
FUZZ_MANIFEST_TIME ?= 100000x

fuzz-manifest:
	$(GO) test ./core/internal/manifest -run '^$$' -fuzz FuzzParse -fuzztime $(FUZZ_MANIFEST_TIME) -fuzzminimizetime 1000x

.PHONY: bench-manifest
bench: bench-manifest

bench-manifest:
	$(GO) test ./core/internal/manifest -run '^$$' -bench BenchmarkParse -count 5
