package executor

import (
	"context"
	"errors"
	"sync/atomic"
)

// liveItems counts the items of a Start run with Options.Marks that are
// queued, in a node's hands or in flight in a Deferring node. An item is
// counted before it is queued and uncounted only after its node handed its
// outputs on (each counted in turn), so the count reaches zero only when
// every input sent so far has been fully processed.
type liveItems struct {
	n    atomic.Int64
	idle chan struct{} // capacity 1: the count reached zero
}

func (l *liveItems) add(n int) { l.n.Add(int64(n)) }

func (l *liveItems) done() {
	if l.n.Add(-1) == 0 {
		select {
		case l.idle <- struct{}{}:
		default:
		}
	}
}

// Mark waits until every input sent before it has been fully processed,
// then puts a marker (Output.Mark) on Outputs: every output of those inputs
// comes before it. A caller that sends a batch of inputs, marks, and reads
// outputs up to the marker thus gets exactly that batch's outputs, as a
// remote segment's host does. Inputs sent while Mark waits may delay it.
// The run must have been started with Options.Marks.
func (r *Run) Mark(ctx context.Context) error {
	if !r.opts.Marks {
		return errors.New("mark: the run was not started with marks")
	}
	r.sendMu.RLock() // while held, CloseInput waits, so Outputs stays open
	defer r.sendMu.RUnlock()
	if r.closed {
		return errors.New("mark: input already closed")
	}
	for r.live.n.Load() != 0 {
		select {
		case <-r.live.idle:
		case <-r.ctx.Done():
			return r.stopError()
		case <-ctx.Done():
			return ctx.Err()
		}
	}
	select {
	case r.outputs <- Output{Mark: true, Input: EndOfStream}:
		return nil
	case <-r.ctx.Done():
		return r.stopError()
	case <-ctx.Done():
		return ctx.Err()
	}
}
