package core

import (
	"fmt"

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
	runMode    node.RunMode
	marks      bool
}

// NewConfig returns the defaults: the global registry, queues of
// executor.DefaultQueueSize items, and runs that stop at the first error.
func NewConfig() Config { return Config{} }

// WithRegistry resolves node types in r instead of node.Default().
func (c Config) WithRegistry(r *node.Registry) Config { c.registry = r; return c }

// WithQueueSize sets the capacity of each node's input queue, counted in
// batches: a batch carries one item, or up to 32 when a stage has a backlog.
// Smaller queues bound memory more tightly; larger ones smooth bursts. 0
// means the default; NewPipeline rejects values outside 0..MaxQueueSize.
func (c Config) WithQueueSize(n int) Config { c.queueSize = n; return c }

// DefaultQueueSize is the queue size a zero Config uses, in batches.
const DefaultQueueSize = executor.DefaultQueueSize

// MaxQueueSize bounds WithQueueSize. A queue of 4096 batches already holds
// up to 131,072 items per node; a larger one no longer smooths bursts, it
// only hides a slow node and lets memory grow, and a size such as 10^9
// would allocate gigabytes before the first item.
const MaxQueueSize = 4096

// CheckQueueSize is the one range rule for queue sizes, shared by Config
// and the front ends that want to name their own flag in the message.
func CheckQueueSize(n int) error {
	if n < 0 || n > MaxQueueSize {
		return fmt.Errorf("queue size %d is out of range 0..%d (0 means the default, %d)", n, MaxQueueSize, DefaultQueueSize)
	}
	return nil
}

// Check reports a setting out of its stated range as an *InputError.
// NewPipeline calls it, so every front end gets the same rule.
func (c Config) Check() error {
	if err := CheckQueueSize(c.queueSize); err != nil {
		return &InputError{Err: err}
	}
	return nil
}

// WithSkipErrors makes an item that fails in a node counted and dropped
// instead of stopping the run (see Result.Skipped and NodeMetrics.Errors).
func (c Config) WithSkipErrors(skip bool) Config { c.skipErrors = skip; return c }

// WithRunMode sets the run mode nodes see in a Start run (node.RunModeOf):
// node.Batch when the caller streams a whole recording or dataset as fast as
// it can be read and only wants all the outputs, node.Live (the default)
// when inputs come at their own pace and each output is wanted at once. Run
// always runs in node.Batch.
func (c Config) WithRunMode(m node.RunMode) Config { c.runMode = m; return c }

// WithMarks lets Start runs take Stream.Mark calls, which separate the
// outputs of successive batches of inputs (a placed segment's host uses
// them). It costs an atomic add per item and hop, so it is off by default.
func (c Config) WithMarks(on bool) Config { c.marks = on; return c }

// Registry is the registry node types are resolved in.
func (c Config) Registry() *node.Registry {
	if c.registry == nil {
		return node.Default()
	}
	return c.registry
}

func (c Config) runOptions() executor.Options {
	return executor.Options{QueueSize: c.queueSize, SkipErrors: c.skipErrors, Mode: c.runMode, Marks: c.marks}
}
