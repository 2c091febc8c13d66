# Built-in Go nodes and their generated reference, docs/NODES.md.
# `make test` and `make bench` already cover these packages (mk/go.mk);
# the targets below run just this area.
.PHONY: docs test-nodes bench-nodes

# docs regenerates docs/NODES.md from the node specs (written atomically,
# so a failed run leaves the old file in place).
docs:
	$(GO) run ./cmd/gendocs -o docs/NODES.md

test-nodes:
	$(GO) test -race ./core/internal/nodes/... ./core/nodedoc/... ./core/internal/num/...

bench-nodes:
	$(GO) test -run '^$$' -bench . -benchmem -count 5 ./core/internal/nodes/... ./core/internal/num/...
