# The remotemedia CLI and the example pipelines it runs.
.PHONY: run-examples
build: bin/remotemedia
run: run-examples

# Rebuild when any Go source the binary may link changes.
CLI_SOURCES := $(shell find cmd core internal remote speech -name '*.go' -not -name '*_test.go' 2>/dev/null) go.mod go.sum

bin/remotemedia: $(CLI_SOURCES)
	$(GO) build -o $@ ./cmd/remotemedia

# Each top-level examples/<name>.json runs on examples/<name>.input.json.
EXAMPLES := $(filter-out %.input.json %.expected.json,$(wildcard examples/*.json))

run-examples: bin/remotemedia
	@set -e; for manifest in $(EXAMPLES); do \
		input=$${manifest%.json}.input.json; \
		echo "$$ remotemedia run $$manifest --input-file $$input"; \
		bin/remotemedia run $$manifest --input-file $$input; \
	done

# test-cli runs just the CLI's tests (`make test` runs them with the rest).
.PHONY: test-cli
test-cli:
	$(GO) test -race ./cmd/... ./internal/cli/... ./core/rmpkg/...
