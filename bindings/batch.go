package bindings

import (
	"context"
	"errors"
	"runtime/debug"
	"time"

	"github.com/remotemedia/remotemedia/core"
	"github.com/remotemedia/remotemedia/core/frame"
)

// Batch is one batch run: Python emits the inputs to Token, calls Start,
// polls Wait (so Ctrl-C stays responsive), then Deliver.
type Batch struct {
	p       *Pipeline
	token   int64
	inputs  []*frame.Frame
	ctx     context.Context
	cancel  context.CancelFunc
	started bool
	done    chan struct{}
	res     *core.Result
	err     error
}

type batchInputs struct{ b *Batch }

func (t batchInputs) put(f *frame.Frame) (bool, error) {
	if t.b.started {
		return false, errors.New("the batch has started; inputs are closed")
	}
	t.b.inputs = append(t.b.inputs, f)
	return true, nil
}

// NewBatch prepares a batch run.
func (p *Pipeline) NewBatch() *Batch {
	b := &Batch{p: p, done: make(chan struct{})}
	b.ctx, b.cancel = context.WithCancel(context.Background())
	b.token = addTarget(batchInputs{b})
	return b
}

// Token names this batch's input list for the Emit functions.
func (b *Batch) Token() int64 { return b.token }

// Start runs the pipeline over the inputs in the background.
func (b *Batch) Start() (err error) {
	defer guard(&err)
	if b.started {
		return errors.New("the batch has already started")
	}
	b.started = true
	dropTarget(b.token)
	go func() {
		defer close(b.done)
		defer func() {
			if v := recover(); v != nil {
				b.err = &goPanic{value: v, stack: string(debug.Stack())}
			}
		}()
		b.res, b.err = b.p.p.Run(b.ctx, b.inputs)
		b.inputs = nil
	}()
	return nil
}

// Wait waits up to timeoutMs (forever when negative) and reports whether
// the run has finished, with its error.
func (b *Batch) Wait(timeoutMs int) (done bool, err error) {
	defer guard(&err)
	if !b.started {
		return false, errors.New("the batch has not started")
	}
	if !wait(b.done, timeoutMs) {
		return false, nil
	}
	return true, b.err
}

// Cancel stops the run; Wait then reports a cancelled error.
func (b *Batch) Cancel() { b.cancel() }

// Deliver calls the Python receiver at address receiver (kept alive by the
// caller) for every output, sink by sink, each in input order.
func (b *Batch) Deliver(receiver uintptr) (err error) {
	defer guard(&err)
	if err := b.delivering(); err != nil {
		return err
	}
	rcv := borrowed(receiver)
	for _, sink := range b.res.Sinks {
		idx := b.p.sinkIndex(sink)
		for _, f := range b.res.Outputs[sink] {
			if err := deliver(rcv, idx, -1, f); err != nil {
				return err
			}
		}
	}
	return nil
}

// delivering reports why the outputs cannot be delivered yet, if so.
func (b *Batch) delivering() error {
	select {
	case <-b.done:
	default:
		return errors.New("the batch has not finished")
	}
	if b.res == nil {
		return errors.New("the batch failed; there are no outputs")
	}
	return nil
}

// MetricsJSON is the finished run's per-node metrics as JSON ("[]" before).
func (b *Batch) MetricsJSON() string {
	select {
	case <-b.done:
		if b.res != nil {
			return metricsJSON(b.res.Metrics)
		}
	default:
	}
	return "[]"
}

func wait(done <-chan struct{}, timeoutMs int) bool {
	if timeoutMs < 0 {
		<-done
		return true
	}
	t := time.NewTimer(time.Duration(timeoutMs) * time.Millisecond)
	defer t.Stop()
	select {
	case <-done:
		return true
	case <-t.C:
		return false
	}
}

// Discard drops a batch that will never start (its inputs failed to
// convert), so its input list does not stay reachable.
func (b *Batch) Discard() {
	if !b.started {
		b.started = true
		dropTarget(b.token)
		b.inputs = nil
		b.cancel()
	}
}
