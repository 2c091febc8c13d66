package node

import "context"

// RunMode tells nodes how a run's input arrives, so that a node which can
// trade latency for throughput (a model that is cheaper per item when it
// sees several items at once) knows which one the caller wants. It is a
// hint: a node that ignores it is always correct.
type RunMode int

const (
	// Live: inputs arrive at their own pace (a microphone, a paced file, a
	// caller streaming items) and each output is wanted as soon as it can be
	// made. The default.
	Live RunMode = iota
	// Batch: the whole input is at hand and is read as fast as the pipeline
	// takes it, and the caller wants the outputs of all of it. A node may
	// gather inputs and emit their outputs later, at the latest in Flush,
	// as long as it emits them in input order.
	Batch
)

func (m RunMode) String() string {
	if m == Batch {
		return "batch"
	}
	return "live"
}

type runModeKey struct{}

// WithRunMode returns ctx carrying m. The executor calls it; nodes read the
// mode with RunModeOf.
func WithRunMode(ctx context.Context, m RunMode) context.Context {
	return context.WithValue(ctx, runModeKey{}, m)
}

// RunModeOf is the run mode of the run whose context ctx is (the one passed
// to Init, Process and Flush): Live when none was set.
func RunModeOf(ctx context.Context) RunMode {
	m, _ := ctx.Value(runModeKey{}).(RunMode)
	return m
}
