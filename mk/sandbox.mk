# Sandbox fuzzers: mutated WASM modules through compile, instantiate and
# every call, and mutated .rmpkg bytes through open, validate and inspect.
# `make test` runs each briefly, under an address-space limit, so that a
# regression fails instead of taking the machine's memory. Seed corpora:
# core/internal/wasmhost/testdata/fuzz/FuzzModule and
# core/internal/rmpkg/testdata/fuzz/FuzzPackage; a failing input found here
# is saved there, so add it to the commit as a regression case.
# Counts, not durations: a duration -fuzztime can fail with a spurious
# "context deadline exceeded" on Go 1.26 (golang/go#75804).
FUZZ_WASM_MODULE_TIME ?= 100000x
FUZZ_RMPKG_TIME ?= 10000x
SANDBOX_LIMITS ?= prlimit --as=4294967296 --

.PHONY: fuzz-wasm-module fuzz-rmpkg test-hostile
test: fuzz-wasm-module fuzz-rmpkg test-hostile

fuzz-wasm-module:
	$(SANDBOX_LIMITS) $(GO) test ./core/internal/wasmhost -run '^$$' -fuzz '^FuzzModule$$' -fuzztime $(FUZZ_WASM_MODULE_TIME) -fuzzminimizetime 1000x

fuzz-rmpkg:
	$(SANDBOX_LIMITS) $(GO) test ./core/internal/rmpkg -run '^$$' -fuzz '^FuzzPackage$$' -fuzztime $(FUZZ_RMPKG_TIME) -fuzzminimizetime 1000x

# Hostile tests re-run themselves under prlimit, which -race (test-go)
# cannot, so they run here without it.
test-hostile:
	$(GO) test -count=1 -run 'Hostile' ./core/internal/wasmhost/
