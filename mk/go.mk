# Go engine: tests, cross-builds, benchmarks and the static checks.
.PHONY: test-go cross-build bench-go fmt-check vet tidy-check

# Packages that need no Python headers or generated code: bindings/ is
# built and tested through the Python package, and build/ holds gopy's
# generated output.
GO_TEST_PKGS = $(shell $(GO) list ./... | grep -v -e '/bindings' -e '/build/')

test: cross-build test-go

test-go: speech-deps
	$(GO) test -race -count=1 $(GO_TEST_PKGS)
	# The executor's suite again with every test node light, so every chain
	# is fused: nothing it checks may depend on fusion (fuse.go).
	REMOTEMEDIA_TEST_FUSE_ALL=1 $(GO) test -race -count=1 ./core/internal/executor/

# core/ is pure Go: it must also build for the browser (js) and WASI.
cross-build:
	GOOS=js GOARCH=wasm $(GO) build ./core/...
	GOOS=wasip1 GOARCH=wasm $(GO) build ./core/...

bench: bench-go

BENCH_COUNT ?= 5
bench-go:
	$(GO) test -run '^$$' -bench . -benchmem -count $(BENCH_COUNT) ./core/internal/executor/ ./core/internal/nodes/
	$(GO) test -run '^$$' -bench SpeechPipeline -cpu 1 -count $(BENCH_COUNT) ./core/

check: fmt-check vet tidy-check cross-build
	@git diff --exit-code || { echo "check: the tree changed: commit the formatted/tidied files"; exit 1; }

fmt-check:
	@out=$$(gofmt -l $$(git ls-files '*.go')); if [ -n "$$out" ]; then echo "gofmt needed:"; echo "$$out"; exit 1; fi

vet:
	$(GO) vet $(GO_TEST_PKGS)

# go.mod must be tidy. go.sum keeps the extra go.mod hashes that building
# the pinned gopy tool records (tidy would drop them and the build would add
# them back), so it is restored after tidying.
tidy-check:
	@cp go.sum go.sum.check-keep
	$(GO) mod tidy
	@mv go.sum.check-keep go.sum
