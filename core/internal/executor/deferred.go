package executor

import (
	"errors"
	"sync"
	"time"

	"github.com/remotemedia/remotemedia/core/frame"
	"github.com/remotemedia/remotemedia/core/node"
)

var errEmitAfterDone = errors.New("emit after the input was finished")

// deferral is the worker-side state of a node.Deferring node: its inputs in
// flight, oldest first. Other goroutines only append outputs and finish
// slots, under mu; the worker alone passes outputs on, so the rest of the
// worker (pending batches, counters, the collected outputs) stays
// single-threaded, and a node's goroutine never blocks on downstream, which
// could deadlock against the worker.
type deferral struct {
	w     *worker
	limit int
	wake  chan struct{} // capacity 1: a slot changed since the worker last looked

	mu      sync.Mutex
	slots   []*slot // oldest first
	failed  int     // finished with an error the worker has not reported yet
	stopped bool    // the worker has exited
}

// slot is one input of a Deferring node (or its end of stream), from the
// start of its Process call until its outputs have all been passed on. As
// *slot it is the node.Pending; as *slotEmitter, the Emitter of its call.
type slot struct {
	d     *deferral
	it    item // position and entry time, without the frame
	phase Phase
	start time.Duration

	// Guarded by d.mu.
	inCall   bool // its Process or Flush call is running
	deferred bool
	finished bool
	reported bool // its error has been counted
	timed    bool // a deferred input whose call succeeded: latency to Done
	err      error
	doneAt   time.Duration
	outs     []*frame.Frame // waiting to be passed on
}

func newDeferral(w *worker, dn node.Deferring) *deferral {
	return &deferral{w: w, limit: max(dn.MaxInFlight(), 1), wake: make(chan struct{}, 1)}
}

func (d *deferral) signal() {
	select {
	case d.wake <- struct{}{}:
	default:
	}
}

// open adds the slot of a call about to start.
func (d *deferral) open(it *item, phase Phase, start time.Duration) *slot {
	s := &slot{d: d, it: item{position: it.position, entered: it.entered}, phase: phase, start: start, inCall: true}
	d.mu.Lock()
	d.slots = append(d.slots, s)
	d.mu.Unlock()
	return s
}

// closeCall records how the call of s ended and reports whether s goes on
// in flight (deferred, and the call did not fail).
func (d *deferral) closeCall(s *slot, err error) bool {
	d.mu.Lock()
	defer d.mu.Unlock()
	s.inCall = false
	if !s.deferred {
		s.finished = true
	}
	if err != nil {
		// The caller reports a failed call itself.
		if s.finished && s.err != nil && !s.reported {
			d.failed--
		}
		s.finished, s.err, s.reported = true, err, true
		return false
	}
	s.timed = s.deferred && s.phase == PhaseProcess
	return s.deferred
}

// waitBelow passes outputs on as their turn comes until fewer than n slots
// are open; false means the worker must stop.
func (d *deferral) waitBelow(n int) bool {
	for {
		if !d.pump() {
			return false
		}
		d.mu.Lock()
		open := len(d.slots)
		d.mu.Unlock()
		if open < n {
			return true
		}
		// Hand on what is ready before sleeping, so waiting never delays it.
		if d.w.sendPending() != nil {
			return false
		}
		select {
		case <-d.wake:
		case <-d.w.run.ctx.Done():
			return false
		}
	}
}

// admit waits for room for one more input.
func (d *deferral) admit() bool { return d.waitBelow(d.limit) }

// pump reports failures, then passes on the outputs whose turn has come,
// oldest input first; false means the worker must stop.
func (d *deferral) pump() bool {
	if !d.reportFailures() {
		return false
	}
	w := d.w
	for {
		d.mu.Lock()
		if len(d.slots) == 0 {
			d.mu.Unlock()
			return true
		}
		s := d.slots[0]
		if s.finished && s.err != nil && !s.reported {
			// Failed since reportFailures looked: report it before it
			// leaves the queue, or its error would be lost and a later
			// input's named instead.
			d.mu.Unlock()
			if !d.reportFailures() {
				return false
			}
			continue
		}
		outs, done := s.outs, s.finished
		s.outs = nil
		if done {
			d.slots[0] = nil
			d.slots = d.slots[1:]
		}
		d.mu.Unlock()
		if len(outs) > 0 && !d.deliver(s, outs) {
			return false
		}
		if !done {
			return true
		}
		if s.phase == PhaseProcess && w.run.opts.Marks {
			w.run.live.done()
		}
		if s.timed {
			// A deferred input's latency runs from its Process call to Done.
			w.counters.latency[bucketOf(uint64(max(s.doneAt-s.start, 0)))].Add(1)
		}
	}
}

// deliver passes outputs of s on, as if emitted by its own call.
func (d *deferral) deliver(s *slot, outs []*frame.Frame) bool {
	w := d.w
	w.cur = &s.it
	for _, f := range outs {
		if w.Emit(f) != nil {
			return false
		}
	}
	w.observeSinkEmits(w.run.now(), s.it.entered)
	return true
}

// reportFailures counts (or stops the run on) inputs finished with an
// error, in input order.
func (d *deferral) reportFailures() bool {
	d.mu.Lock()
	if d.failed == 0 {
		d.mu.Unlock()
		return true
	}
	var failed []*slot
	for _, s := range d.slots {
		if s.finished && s.err != nil && !s.reported {
			s.reported = true
			failed = append(failed, s)
		}
	}
	d.failed = 0
	d.mu.Unlock()
	for _, s := range failed {
		if !d.w.failInput(s.phase, s.it.inputIndex(), s.err) {
			return false
		}
	}
	return true
}

// flush runs the node's Flush (when it has one), then waits until every
// input in flight is finished and passed on.
func (d *deferral) flush() {
	w := d.w
	if fl, ok := w.impl.(node.Flusher); ok {
		w.flushing.entered = time.Duration(w.run.closeAt.Load())
		w.cur = &w.flushing
		s := d.open(&w.flushing, PhaseFlush, w.run.now())
		err := func() (err error) {
			defer recoverInto(&err)
			return fl.Flush(w.run.ctx, (*slotEmitter)(s))
		}()
		d.closeCall(s, err)
		w.observeSinkEmits(w.run.now(), w.flushing.entered)
		if err != nil {
			w.failInput(PhaseFlush, EndOfStream, err)
			return
		}
	}
	d.waitBelow(1)
}

// stop makes later calls on the node's Pendings fail or do nothing.
func (d *deferral) stop() {
	d.mu.Lock()
	d.stopped = true
	d.slots = nil
	d.mu.Unlock()
}

func (d *deferral) stoppedError() error {
	if err := d.w.run.stopError(); err != nil {
		return err
	}
	return errFinished
}

// Emit implements node.Pending: it queues f for the worker.
func (s *slot) Emit(f *frame.Frame) error {
	if f == nil {
		return errors.New("emit: nil frame")
	}
	d := s.d
	d.mu.Lock()
	switch {
	case d.stopped:
		d.mu.Unlock()
		return d.stoppedError()
	case s.finished:
		d.mu.Unlock()
		return errEmitAfterDone
	}
	s.outs = append(s.outs, f)
	d.mu.Unlock()
	d.signal()
	return nil
}

// Done implements node.Pending.
func (s *slot) Done(err error) {
	d := s.d
	now := d.w.run.now()
	d.mu.Lock()
	if d.stopped || s.finished {
		d.mu.Unlock()
		return
	}
	s.finished, s.err, s.doneAt = true, err, now
	if err != nil {
		d.failed++
	}
	d.mu.Unlock()
	d.signal()
}

// slotEmitter is the Emitter a Deferring node's call receives.
type slotEmitter slot

// Emit passes f on at once when its input is the oldest in flight and the
// call is running on the worker; otherwise it queues f like Pending.Emit.
func (e *slotEmitter) Emit(f *frame.Frame) error {
	s := (*slot)(e)
	if f == nil {
		return errors.New("emit: nil frame")
	}
	d := s.d
	d.mu.Lock()
	direct := s.inCall && !(s.deferred && s.finished) && len(d.slots) > 0 && d.slots[0] == s && len(s.outs) == 0
	d.mu.Unlock()
	if direct {
		return d.w.Emit(f) // w.cur is this slot's item during its call
	}
	return s.Emit(f)
}

// Defer implements node.Deferrer.
func (e *slotEmitter) Defer() node.Pending {
	s := (*slot)(e)
	s.d.mu.Lock()
	if s.inCall {
		s.deferred = true
	}
	s.d.mu.Unlock()
	return s
}
