# Manifest parser: a short fuzz run on every `make test`. The seed corpus is
# core/internal/manifest/testdata/fuzz/FuzzParse; a failing input found here
# is saved there too, so add it to the commit as a regression case.
.PHONY: fuzz-manifest
test: fuzz-manifest

FUZZ_MANIFEST_TIME ?= 10s

fuzz-manifest:
	$(GO) test ./core/internal/manifest -run '^$$' -fuzz FuzzParse -fuzztime $(FUZZ_MANIFEST_TIME)

.PHONY: bench-manifest
bench: bench-manifest

bench-manifest:
	$(GO) test ./core/internal/manifest -run '^$$' -bench BenchmarkParse -count 5
