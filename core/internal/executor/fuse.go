package executor

import (
	"time"

	"github.com/remotemedia/remotemedia/core/frame"
	"github.com/remotemedia/remotemedia/core/node"
)

// Fusion: a node.Spec.Light node that is the only successor of its only
// predecessor runs on that predecessor's worker, and so does a Python node
// after a Python node when neither releases the GIL (node.Spec.ReleasesGIL):
// they could not run in parallel, and one worker saves a GIL hand-off
// between OS threads per item. The predecessor's Emit
// calls its Process directly, with no batch, channel or goroutine switch
// between them, so a chain of such nodes costs one worker. Each fused node
// keeps its own worker value (counters, error attribution, flush, close),
// and every order the executor promises holds unchanged, because one
// goroutine calling the nodes in turn is FIFO too.

// fuse links every fusable node into its predecessor's worker.
func (r *Run) fuse() {
	if r.plan.NoFusion {
		return
	}
	for _, w := range r.workers {
		if len(w.pn.Succs) != 1 || w.def != nil {
			continue
		}
		next := r.workers[w.pn.Succs[0]]
		if fusable(w.pn.Spec, next.pn.Spec) && len(next.pn.Preds) == 1 && next.def == nil {
			w.next, next.inlined = next, true
			w.sampler.x = uint64(w.index+1) * 0x9E3779B97F4A7C15 // any nonzero seed
		}
	}
}

// fusable reports whether next may run on the worker of prev, its only
// predecessor.
func fusable(prev, next *node.Spec) bool {
	if next.Runtime == node.RuntimeGo {
		return next.Light
	}
	return next.Runtime == node.RuntimePython && prev.Runtime == node.RuntimePython &&
		!next.ReleasesGIL && !prev.ReleasesGIL
}

// chain yields w and the workers fused after it, in order.
func (w *worker) chain(yield func(*worker) bool) {
	for c := w; c != nil; c = c.next {
		if !yield(c) {
			return
		}
	}
}

// sampleEvery: after its first sampleEvery items, a fused chain times 1 in
// sampleEvery of its items, picked at random, all its nodes on the same
// items; a node's busy time is its timed items' mean times its item count.
// Timing every item would take two clock reads per node (28 ns each on
// this machine's TSC), more than a light node's own work. Counts stay
// exact, and a sink still times every call that emitted, for its latency
// from input.
const sampleEvery = 8

// sampler picks the timed items of a chain (xorshift64: cheap, and
// random, so a node whose cost repeats with a period is not aliased).
type sampler struct{ x, items uint64 }

func (s *sampler) hit() bool {
	s.x ^= s.x << 13
	s.x ^= s.x >> 7
	s.x ^= s.x << 17
	s.items++
	return s.items <= sampleEvery || s.x%sampleEvery == 0
}

// observeSample records one timed item of a fused node.
func (c *counters) observeSample(d time.Duration) {
	ns := uint64(max(d, 0))
	c.sampledNS.Add(ns)
	c.sampled.Add(1)
	c.latency[bucketOf(ns)].Add(1)
}

// busy is the node's processing time: measured, plus the estimate from
// its timed samples when it is fused.
func (c *counters) busy() time.Duration {
	d := time.Duration(c.busyNS.Load())
	if n := c.sampled.Load(); n > 0 {
		d += time.Duration(float64(c.sampledNS.Load()) * float64(c.in.Load()) / float64(n))
	}
	return d
}

// processHead is process for the first worker of a chain.
func (w *worker) processHead(it *item) bool {
	w.timed = w.sampler.hit()
	var start time.Duration
	if w.timed {
		start = w.run.now()
	}
	err := w.call(it.f, w)
	if w.timed {
		w.counters.observeSample(w.run.now() - start - w.nested)
	}
	w.nested = 0
	if err == nil {
		return true
	}
	return w.failInput(PhaseProcess, it.inputIndex(), err)
}

// emitInline passes f to the fused successor at once. On a timed item the
// successor's time is kept out of w's own, so each node's latency is its
// own, as unfused.
func (w *worker) emitInline(f *frame.Frame) error {
	var start time.Duration
	if w.timed {
		start = w.run.now()
	}
	end, ok := w.next.processInline(f, w.cur, start, w.timed)
	if w.timed {
		w.nested += end - start
	}
	if !ok {
		return w.run.stopError()
	}
	return nil
}

// processInline is process for a fused node: from is the item of the
// predecessor's call, start when that call handed f on (if timed).
func (w *worker) processInline(f *frame.Frame, from *item, start time.Duration, timed bool) (time.Duration, bool) {
	w.inline = item{f: f, position: from.position, entered: from.entered}
	it := &w.inline
	w.counters.in.Add(1)
	w.cur, w.timed = it, timed
	err := w.call(f, w)
	var end time.Duration
	if timed || w.sinkEmits > 0 {
		end = w.run.now()
	}
	if timed {
		w.counters.observeSample(end - start - w.nested)
	}
	w.nested = 0
	w.observeSinkEmits(end, it.entered)
	if err == nil {
		return end, true
	}
	return end, w.failInput(PhaseProcess, it.inputIndex(), err)
}

// sendChainPending passes on what every worker of the chain has pending.
func (w *worker) sendChainPending() error {
	for c := range w.chain {
		if err := c.sendPending(); err != nil {
			return err
		}
	}
	return nil
}

// flushChain flushes the chain's nodes in order, each one's flush outputs
// going through the rest, until the run stops.
func (w *worker) flushChain() {
	for c := range w.chain {
		if w.run.ctx.Err() != nil {
			return
		}
		c.timed = false // flush calls are not sampled
		c.flush()
		c.nested = 0
	}
}
