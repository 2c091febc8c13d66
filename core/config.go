package core

import (
	"github.com/remotemedia/remotemedia/core/internal/executor"
	"github.com/remotemedia/remotemedia/core/node"
)

// Config holds the options of manifest parsing and pipeline runs. It is an
// immutable value: each WithX returns a changed copy, and setters never fail.
// Values are checked where they are used.
type Config struct {
	registry   *node.Registry
	queueSize  int
	skipErrors bool
}

// NewConfig returns the defaults: the global registry, queues of
// executor.DefaultQueueSize items, and runs that stop at the first error.
func NewConfig() Config { return Config{} }

// WithRegistry resolves node types in r instead of node.Default().
func (c Config) WithRegistry(r *node.Registry) Config { c.registry = r; return c }

// WithQueueSize sets the capacity of each node's input queue, counted in
// batches: a batch carries one item, or up to 32 when a stage has a backlog.
// Smaller queues bound memory more tightly; larger ones smooth bursts.
func (c Config) WithQueueSize(n int) Config { c.queueSize = n; return c }

// WithSkipErrors makes an item that fails in a node counted and dropped
// instead of stopping the run (see Result.Skipped and NodeMetrics.Errors).
func (c Config) WithSkipErrors(skip bool) Config { c.skipErrors = skip; return c }

// Registry is the registry node types are resolved in.
func (c Config) Registry() *node.Registry {
	if c.registry == nil {
		return node.Default()
	}
	return c.registry
}

func (c Config) runOptions() executor.Options {
	return executor.Options{QueueSize: c.queueSize, SkipErrors: c.skipErrors}
}
