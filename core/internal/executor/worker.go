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
	flushing  item
	// pending[k] collects outputs for Succs[k] until the worker runs out of
	// queued input or the batch is full.
	pending []*batch
	// collected holds a sink's outputs in batch mode, read after Wait.
	collected []item
	// clock is when the item in hand started, on the run's monotonic clock.
	clock time.Duration
	// sinkEmits counts a sink's outputs from the call in progress; each is
	// observed in fromInput when the call returns.
	sinkEmits uint64
	fromInput histogram
	// def is set for node.Deferring nodes: their inputs in flight.
	def *deferral
	// next is the successor fused into this worker (fuse.go); inlined is
	// set on that successor, which has no goroutine of its own.
	next    *worker
	inlined bool
	inline  item          // the item of an inlined node's call
	nested  time.Duration // time the call in progress spent in next
	timed   bool          // the chain's item in hand is a timed sample
	sampler sampler       // a chain head's choice of timed items
}

func newWorker(r *Run, i int, impl node.Node) *worker {
	pn := &r.plan.Nodes[i]
	w := &worker{run: r, index: i, pn: pn, impl: impl,
		fanInSlot: make([]int, len(pn.Succs)), pending: make([]*batch, len(pn.Succs))}
	for k, s := range pn.Succs {
		w.pending[k] = getBatch()
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
	if dn, ok := impl.(node.Deferring); ok {
		w.def = newDeferral(w, dn)
	}
	return w
}

func (w *worker) loop() {
	r := w.run
	defer r.wg.Done()
	defer func() {
		for c := range w.chain {
			c.finishEdges()
		}
	}()
	defer func() {
		for c := range w.chain {
			if err := c.close(); err != nil {
				r.fail(err)
			}
		}
	}()
	for c := range w.chain {
		if err := c.init(); err != nil {
			r.fail(err)
			return
		}
	}
	in, done := r.inboxes[w.index], r.ctx.Done()
	var wake chan struct{} // set when the node defers
	if w.def != nil {
		defer w.def.stop()
		wake = w.def.wake
	}
	idle := true // whether everything emitted so far has been sent on
	for {
		var b *batch
		var ok bool
		switch {
		case idle && wake == nil:
			select {
			case b, ok = <-in:
			case <-done:
				return
			}
		case idle:
			select {
			case b, ok = <-in:
			case <-done:
				return
			case <-wake:
				// Outputs of inputs in flight are ready to go on.
				if !w.def.pump() {
					return
				}
				idle = false
				continue
			}
		default:
			select {
			case b, ok = <-in:
			default:
				// Nothing more is queued: pass on what this round produced
				// before blocking, so batching never delays an item.
				if w.sendChainPending() != nil {
					return
				}
				idle = true
				continue
			}
		}
		if !ok {
			if w.sendChainPending() == nil {
				w.flushChain()
				_ = w.sendChainPending()
			}
			return
		}
		r.queued[w.index].Add(-int64(len(b.items)))
		// One clock read per item: each item's end is the next one's start.
		w.clock = r.now()
		for i := range b.items {
			// Cancellation must not wait for a whole batch of slow items.
			if i > 0 && isDone(done) {
				putBatch(b)
				return
			}
			it := &b.items[i]
			var goOn bool
			if w.def == nil {
				goOn = w.process(it)
				if r.opts.Marks {
					r.live.done()
				}
			} else {
				goOn = w.processDeferring(it)
			}
			if !goOn {
				putBatch(b)
				return
			}
		}
		putBatch(b)
		idle = false
	}
}

// process runs one item of a node that finishes each input in its call.
func (w *worker) process(it *item) bool {
	w.counters.in.Add(1)
	w.cur = it
	if w.next != nil {
		return w.processHead(it)
	}
	err := w.call(it.f, w)
	end := w.run.now()
	w.counters.observe(end - w.clock)
	w.clock = end
	w.observeSinkEmits(end, it.entered)
	if err == nil {
		return true
	}
	return w.failInput(PhaseProcess, it.inputIndex(), err)
}

// processDeferring runs one item of a node.Deferring node, once it has
// room for one more input.
func (w *worker) processDeferring(it *item) bool {
	if !w.def.admit() {
		return false
	}
	w.clock = w.run.now() // the wait is not this item's processing time
	w.counters.in.Add(1)
	w.cur = it
	s := w.def.open(it, PhaseProcess, w.clock)
	err := w.call(it.f, (*slotEmitter)(s))
	end := w.run.now()
	if w.def.closeCall(s, err) {
		// Still in flight: its latency is observed when it is done.
		w.counters.busyNS.Add(uint64(max(end-w.clock, 0)))
	} else {
		w.counters.observe(end - w.clock)
	}
	w.clock = end
	w.observeSinkEmits(end, it.entered)
	if err == nil {
		return true
	}
	return w.failInput(PhaseProcess, it.inputIndex(), err)
}

// observeSinkEmits records a sink's outputs handed on since the last call,
// at end, as latency from the entry of the input they derive from.
func (w *worker) observeSinkEmits(end, entered time.Duration) {
	if w.sinkEmits > 0 {
		w.fromInput.observeN(end-entered, w.sinkEmits)
		w.sinkEmits = 0
	}
}

// failInput counts a failed input and, unless it is a Process failure
// skipped under SkipErrors, stops the run; it reports whether the worker
// should go on.
func (w *worker) failInput(phase Phase, input int, err error) bool {
	r := w.run
	if r.ctx.Err() != nil {
		return false // stopping already; the cause is recorded
	}
	w.counters.errors.Add(1)
	if phase != PhaseProcess {
		r.fail(w.phaseError(phase, err))
		return false
	}
	nerr := &NodeError{Node: w.pn.ID, Type: w.pn.Spec.Type, Phase: phase, Input: input, Err: err}
	if r.opts.SkipErrors {
		r.skip(nerr)
		return true
	}
	r.fail(nerr)
	return false
}

func (w *worker) call(f *frame.Frame, out node.Emitter) (err error) {
	defer recoverInto(&err)
	return w.impl.Process(w.run.ctx, f, out)
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
	if w.def != nil {
		w.def.flush()
		return
	}
	fl, ok := w.impl.(node.Flusher)
	if !ok {
		return
	}
	w.flushing.entered = time.Duration(w.run.closeAt.Load())
	w.cur = &w.flushing
	err := func() (err error) {
		defer recoverInto(&err)
		return fl.Flush(w.run.ctx, w)
	}()
	w.observeSinkEmits(w.run.now(), w.flushing.entered)
	if err != nil {
		w.failInput(PhaseFlush, EndOfStream, err)
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
	r, cur := w.run, w.cur
	w.counters.out.Add(1)
	if len(w.pn.Succs) == 0 {
		w.sinkEmits++
		if r.collect {
			// An item, not an Output: the sink and index are implied, and
			// a batch holds one of these per output (48 bytes, not 64).
			w.collected = append(w.collected, item{f: f, position: cur.position})
			return nil
		}
		out := Output{Sink: w.pn.ID, Input: cur.inputIndex(), Frame: f, position: cur.position}
		select {
		case r.outputs <- out:
			return nil
		case <-r.ctx.Done():
			return r.stopError()
		}
	}
	if w.next != nil {
		return w.emitInline(f)
	}
	if r.opts.Marks {
		r.live.add(len(w.pn.Succs))
	}
	for k := range w.pn.Succs {
		it := item{f: f, position: cur.position, entered: cur.entered}
		if slot := w.fanInSlot[k]; slot >= 0 {
			it.route = cur.via(uint16(slot))
		}
		p := w.pending[k]
		p.items = append(p.items, it)
		if len(p.items) == maxBatch {
			if err := w.send(k); err != nil {
				return err
			}
		}
	}
	return nil
}

// send passes pending[k] to successor k, blocking while its queue is full.
func (w *worker) send(k int) error {
	r, s, b := w.run, w.pn.Succs[k], w.pending[k]
	n := int64(len(b.items))
	select {
	case r.inboxes[s] <- b:
		r.queued[s].Add(n)
		w.pending[k] = getBatch()
		return nil
	case <-r.ctx.Done():
		return r.stopError()
	}
}

// sendPending passes on every non-empty pending batch.
func (w *worker) sendPending() error {
	for k, b := range w.pending {
		if len(b.items) == 0 {
			continue
		}
		if err := w.send(k); err != nil {
			return err
		}
	}
	return nil
}

func recoverInto(err *error) {
	if v := recover(); v != nil {
		*err = &PanicError{Value: v, Stack: string(debug.Stack())}
	}
}

func isDone(done <-chan struct{}) bool {
	select {
	case <-done:
		return true
	default:
		return false
	}
}
