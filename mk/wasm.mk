# WASM nodes: the checked-in guest modules, their freshness check, the
# host's benchmarks and the packaged demo. wat2wasm comes from Debian's wabt.
.PHONY: wasm-fixtures wasm-fixtures-check bench-wasm test-wasm run-wasm

GUEST_BUILD = GOOS=wasip1 GOARCH=wasm $(GO) build -buildmode=c-shared -trimpath -ldflags=-s
# Go guests: examples/wasm/<name>/<name>.wasm built from examples/wasm/<name>.
WASM_GO_GUESTS := gain uppercase fir
# Hand-written modules: each .wasm sits next to its .wat.
WASM_WAT := $(wildcard core/internal/wasmhost/testdata/*.wat) core/internal/wasmhost/driver.wat examples/wasm/gain_wat/gain.wat
WAT2WASM ?= wat2wasm

# Rebuild every checked-in module.
wasm-fixtures:
	@set -e; for g in $(WASM_GO_GUESTS); do \
		echo "$(GUEST_BUILD) -o examples/wasm/$$g/$$g.wasm ./examples/wasm/$$g"; \
		$(GUEST_BUILD) -o examples/wasm/$$g/$$g.wasm ./examples/wasm/$$g; \
	done
	@set -e; for w in $(WASM_WAT); do echo "$(WAT2WASM) $$w -o $${w%.wat}.wasm"; $(WAT2WASM) $$w -o $${w%.wat}.wasm; done

# Fail when a checked-in module differs from a fresh build of its source.
# The .wat check needs wat2wasm and is skipped, with a note, without it.
wasm-fixtures-check:
	@set -e; tmp=$$(mktemp -d); trap 'rm -rf $$tmp' EXIT; stale=0; \
	for g in $(WASM_GO_GUESTS); do \
		$(GUEST_BUILD) -o $$tmp/$$g.wasm ./examples/wasm/$$g; \
		cmp -s $$tmp/$$g.wasm examples/wasm/$$g/$$g.wasm || { echo "stale: examples/wasm/$$g/$$g.wasm (run make wasm-fixtures)"; stale=1; }; \
	done; \
	if command -v $(WAT2WASM) >/dev/null; then \
		for w in $(WASM_WAT); do \
			$(WAT2WASM) $$w -o $$tmp/out.wasm; \
			cmp -s $$tmp/out.wasm $${w%.wat}.wasm || { echo "stale: $${w%.wat}.wasm (run make wasm-fixtures)"; stale=1; }; \
		done; \
	else echo "wasm-fixtures-check: $(WAT2WASM) not found (apt-get install wabt); .wat modules not checked"; fi; \
	exit $$stale

check: wasm-fixtures-check

# The WASM packages alone (make test runs them with the rest).
test-wasm:
	$(GO) test -race -count=1 ./core/internal/wasmhost/... ./core/internal/rmpkg/... ./guest/...

bench: bench-wasm

BENCH_COUNT ?= 5
bench-wasm:
	$(GO) test -run '^$$' -bench . -benchmem -count $(BENCH_COUNT) ./core/internal/wasmhost/

# Packs examples/wasm/uppercase.json with its WASM node, checks and shows
# the package, then runs it.
WASM_DEMO_PKG := build/wasm-uppercase.rmpkg
run-wasm: bin/remotemedia
	@mkdir -p build
	bin/remotemedia package create --manifest examples/wasm/uppercase.json --output $(WASM_DEMO_PKG) \
		--wasm uppercase=examples/wasm/uppercase/uppercase.wasm
	bin/remotemedia package validate $(WASM_DEMO_PKG)
	bin/remotemedia package inspect $(WASM_DEMO_PKG)
	bin/remotemedia run $(WASM_DEMO_PKG) --input-file examples/wasm/uppercase.input.json
run: run-wasm
