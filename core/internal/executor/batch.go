package executor

import (
	"context"
	"fmt"
	"sort"

	"github.com/remotemedia/remotemedia/core/frame"
	"github.com/remotemedia/remotemedia/core/node"
)

// Result is what a batch run produced: each sink's outputs in input order.
type Result struct {
	Sinks   []string
	Outputs map[string][]*frame.Frame
	Skipped []error
	Metrics []NodeMetrics
}

// RunBatch feeds every input, waits for the end, and returns each sink's
// outputs sorted by the input they derive from (then by fan-in route), so
// results are identical on every run.
func RunBatch(ctx context.Context, plan *Plan, opts Options, inputs []*frame.Frame) (*Result, error) {
	opts.Mode = node.Batch
	r, err := start(ctx, plan, opts, true)
	if err != nil {
		return nil, err
	}
	// Most sinks emit about one output per input: size for that up front.
	for _, s := range plan.Sinks() {
		r.workers[s].collected = make([]item, 0, len(inputs))
	}
	go func() {
		defer r.CloseInput()
		if err := r.sendAll(ctx, inputs); err != nil && ctx.Err() != nil {
			// The input was cut short: the run must not look complete.
			// (ctx's Done can close before the run's own context sees it.)
			r.fail(fmt.Errorf("%w: %w", ErrCancelled, ctx.Err()))
		}
	}()
	if err := r.Wait(); err != nil {
		return nil, err
	}
	res := &Result{Outputs: map[string][]*frame.Frame{}, Skipped: r.Skipped(), Metrics: r.Metrics()}
	for _, s := range plan.Sinks() {
		id := plan.Nodes[s].ID
		res.Sinks = append(res.Sinks, id)
		outs := r.workers[s].collected
		less := func(i, j int) bool { return before(&outs[i].position, &outs[j].position) }
		// Linear paths deliver in order already; only fan-ins need the sort.
		if !sort.SliceIsSorted(outs, less) {
			sort.SliceStable(outs, less)
		}
		frames := make([]*frame.Frame, len(outs))
		for i := range outs {
			frames[i] = outs[i].f
		}
		r.workers[s].collected = nil // let it go before the next sink's frames
		res.Outputs[id] = frames
	}
	return res, nil
}
