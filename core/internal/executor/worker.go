package executor

import (
	"errors"
	"runtime/debug"
	"time"

	"github.com/remotemedia/remotemedia/core/frame"
	"github.com/remotemedia/remotemedia/core/node"
)

// worker drives one node: it owns the node's goroutine and is the node's
// Emitter, so emitting allocates nothing on linear paths.
type worker struct {
	run      *Run
	index    int
	pn       *PlanNode
	impl     node.Node
	counters counters
	// fanInSlot[k] is this node's position among Succs[k]'s predecessors
	// when that successor merges several inputs, else -1.
	fanInSlot []int
	cur       *item // the item being processed, whose order outputs inherit
	received  item  // storage for the item in hand, so cur never escapes
	flushing  item
}

func newWorker(r *Run, i int, impl node.Node) *worker {
	pn := &r.plan.Nodes[i]
	w := &worker{run: r, index: i, pn: pn, impl: impl, fanInSlot: make([]int, len(pn.Succs))}
	for k, s := range pn.Succs {
		w.fanInSlot[k] = -1
		if preds := r.plan.Nodes[s].Preds; len(preds) > 1 {
			for slot, p := range preds {
				if p == i {
					w.fanInSlot[k] = slot
				}
			}
		}
	}
	w.flushing = item{position: position{order: flushOrder}}
	return w
}

func (w *worker) loop() {
	r := w.run
	defer r.wg.Done()
	defer w.finishEdges()
	defer func() {
		if err := w.close(); err != nil {
			r.fail(err)
		}
	}()
	if err := w.init(); err != nil {
		r.fail(err)
		return
	}
	in, done := r.inboxes[w.index], r.ctx.Done()
	for {
		select {
		case it, ok := <-in:
			if !ok {
				w.flush()
				return
			}
			w.received = it
			if !w.process(&w.received) {
				return
			}
		case <-done:
			return
		}
	}
}

// process runs one item and reports whether the worker should go on.
func (w *worker) process(it *item) bool {
	w.counters.in.Add(1)
	w.cur = it
	start := time.Now()
	err := w.call(it.f)
	w.counters.observe(time.Since(start))
	if err == nil {
		return true
	}
	r := w.run
	if r.ctx.Err() != nil {
		return false // stopping already; the cause is recorded
	}
	w.counters.errors.Add(1)
	nerr := &NodeError{Node: w.pn.ID, Type: w.pn.Spec.Type, Phase: PhaseProcess, Input: it.inputIndex(), Err: err}
	if r.opts.SkipErrors {
		r.skip(nerr)
		return true
	}
	r.fail(nerr)
	return false
}

func (w *worker) call(f *frame.Frame) (err error) {
	defer recoverInto(&err)
	return w.impl.Process(w.run.ctx, f, w)
}

func (w *worker) init() (err error) {
	in, ok := w.impl.(node.Initializer)
	if !ok {
		return nil
	}
	defer recoverInto(&err)
	if err = in.Init(w.run.ctx); err != nil {
		return w.phaseError(PhaseInit, err)
	}
	return nil
}

func (w *worker) flush() {
	fl, ok := w.impl.(node.Flusher)
	if !ok {
		return
	}
	w.cur = &w.flushing
	err := func() (err error) {
		defer recoverInto(&err)
		return fl.Flush(w.run.ctx, w)
	}()
	if err != nil && w.run.ctx.Err() == nil {
		w.counters.errors.Add(1)
		w.run.fail(w.phaseError(PhaseFlush, err))
	}
}

// close runs the node's Close, whatever happened before.
func (w *worker) close() (err error) {
	c, ok := w.impl.(node.Closer)
	if !ok {
		return nil
	}
	defer recoverInto(&err)
	if err = c.Close(); err != nil {
		return w.phaseError(PhaseClose, err)
	}
	return nil
}

func (w *worker) phaseError(p Phase, err error) error {
	var ne *NodeError
	if errors.As(err, &ne) {
		return err
	}
	return &NodeError{Node: w.pn.ID, Type: w.pn.Spec.Type, Phase: p, Input: EndOfStream, Err: err}
}

// finishEdges tells each successor this predecessor is done; the last one
// to finish closes the successor's inbox. Sinks close the run's outputs.
func (w *worker) finishEdges() {
	r := w.run
	for _, s := range w.pn.Succs {
		if r.pending[s].Add(-1) == 0 {
			close(r.inboxes[s])
		}
	}
	if len(w.pn.Succs) == 0 && r.sinks.Add(-1) == 0 {
		close(r.outputs)
	}
}

// Emit sends f to every successor, or to the run's outputs for a sink.
func (w *worker) Emit(f *frame.Frame) error {
	if f == nil {
		return errors.New("emit: nil frame")
	}
	r, cur, done := w.run, w.cur, w.run.ctx.Done()
	w.counters.out.Add(1)
	if len(w.pn.Succs) == 0 {
		out := Output{Sink: w.pn.ID, Input: cur.inputIndex(), Frame: f, position: cur.position}
		select {
		case r.outputs <- out:
			return nil
		case <-done:
			return r.stopError()
		}
	}
	for k, s := range w.pn.Succs {
		it := item{f: f, position: cur.position}
		if slot := w.fanInSlot[k]; slot >= 0 {
			it.route = cur.via(uint16(slot))
		}
		select {
		case r.inboxes[s] <- it:
		case <-done:
			return r.stopError()
		}
	}
	return nil
}

func recoverInto(err *error) {
	if v := recover(); v != nil {
		*err = &PanicError{Value: v, Stack: string(debug.Stack())}
	}
}

func durationOf(ns uint64) time.Duration { return time.Duration(ns) }
