package executor

import (
	"context"
	"errors"
	"fmt"
	"runtime/debug"
	"sync"
	"sync/atomic"
	"time"

	"github.com/remotemedia/remotemedia/core/frame"
	"github.com/remotemedia/remotemedia/core/node"
)

// DefaultQueueSize is the capacity of each node's input channel, in batches
// of 1 to maxBatch items: enough to smooth jitter, small enough that memory
// stays flat when a slow node backs the pipeline up.
const DefaultQueueSize = 16

// maxSkipped bounds how many skipped errors a run keeps, so a run that fails
// on every item of an endless stream does not grow without bound.
const maxSkipped = 1000

// ErrCancelled is the cause of runs stopped by Cancel or by their context.
var ErrCancelled = errors.New("pipeline cancelled")

// Options tune one run.
type Options struct {
	// QueueSize is each node's input channel capacity in batches
	// (DefaultQueueSize if 0). A node holds at most QueueSize*32 items queued.
	QueueSize int
	// SkipErrors makes a failing item (error or panic in Process) counted and
	// dropped instead of stopping the run. Init, flush and close errors still
	// stop it.
	SkipErrors bool
	// Mode is the run mode nodes see (node.RunModeOf). RunBatch always runs
	// in node.Batch; Start uses Mode, node.Live unless set.
	Mode node.RunMode
	// Marks lets a Start run take Mark calls. It costs one atomic add per
	// item and hop, so it is off unless asked for.
	Marks bool

	// clock replaces the run's monotonic clock in tests.
	clock func() time.Duration
}

// Output is one frame emitted by a sink node.
type Output struct {
	Sink  string
	Input int // index of the input it derives from, or EndOfStream
	Frame *frame.Frame
	// Mark is set on the marker Run.Mark puts among the outputs; it has
	// no Sink or Frame.
	Mark bool

	position
}

// Run is one execution of a Plan. Feed it with Send, end the input with
// CloseInput, read Outputs until it is closed, then call Wait.
type Run struct {
	plan    *Plan
	sources []int
	opts    Options
	ctx     context.Context
	cancel  context.CancelCauseFunc
	workers []*worker
	inboxes []chan *batch
	queued  []atomic.Int64 // items waiting in each inbox
	pending []atomic.Int32 // predecessors still running, per node
	outputs chan Output
	sinks   atomic.Int32 // sink workers still running
	wg      sync.WaitGroup
	sendMu  sync.RWMutex // Send holds it shared, CloseInput exclusively
	closed  bool
	next    atomic.Int64 // next input index
	errMu   sync.Mutex
	err     error
	skipped []error
	epoch   time.Time    // monotonic base for latency measurements
	closeAt atomic.Int64 // when CloseInput ran, on the run's clock
	collect bool         // batch mode: sinks keep outputs instead of sending them
	live    liveItems    // with Options.Marks: items not yet fully processed
}

// Start builds every node (New) and starts one worker goroutine per node.
// Init, Process, Flush and Close of a node all run on that node's own
// goroutine, which matters to thread-affine runtimes such as CPython.
func Start(ctx context.Context, plan *Plan, opts Options) (*Run, error) {
	return start(ctx, plan, opts, false)
}

func start(ctx context.Context, plan *Plan, opts Options, collect bool) (*Run, error) {
	if err := plan.Check(); err != nil {
		return nil, err
	}
	if opts.QueueSize <= 0 {
		opts.QueueSize = DefaultQueueSize
	}
	n := len(plan.Nodes)
	r := &Run{
		plan:    plan,
		sources: plan.Sources(),
		opts:    opts,
		workers: make([]*worker, n),
		inboxes: make([]chan *batch, n),
		queued:  make([]atomic.Int64, n),
		pending: make([]atomic.Int32, n),
		outputs: make(chan Output, opts.QueueSize),
		epoch:   time.Now(),
		collect: collect,
		live:    liveItems{idle: make(chan struct{}, 1)},
	}
	r.ctx, r.cancel = context.WithCancelCause(node.WithRunMode(ctx, opts.Mode))
	for i := range plan.Nodes {
		impl, err := build(&plan.Nodes[i])
		if err != nil {
			r.closeBuilt()
			r.cancel(err)
			return nil, err
		}
		r.workers[i] = newWorker(r, i, impl)
		r.inboxes[i] = make(chan *batch, opts.QueueSize)
		r.pending[i].Store(int32(len(plan.Nodes[i].Preds)))
		if len(plan.Nodes[i].Succs) == 0 {
			r.sinks.Add(1)
		}
	}
	r.fuse()
	for _, w := range r.workers {
		if !w.inlined {
			r.wg.Add(1)
			go w.loop()
		}
	}
	return r, nil
}

func build(pn *PlanNode) (impl node.Node, err error) {
	defer func() {
		if v := recover(); v != nil {
			err = &NodeError{Node: pn.ID, Type: pn.Spec.Type, Phase: PhaseNew, Input: EndOfStream,
				Err: &PanicError{Value: v, Stack: string(debug.Stack())}}
		}
	}()
	impl, err = pn.Spec.New(pn.Params)
	if err != nil {
		return nil, &NodeError{Node: pn.ID, Type: pn.Spec.Type, Phase: PhaseNew, Input: EndOfStream, Err: err}
	}
	if impl == nil {
		return nil, &NodeError{Node: pn.ID, Type: pn.Spec.Type, Phase: PhaseNew, Input: EndOfStream,
			Err: errors.New("New returned a nil node")}
	}
	return impl, nil
}

// closeBuilt closes the nodes built before Start failed.
func (r *Run) closeBuilt() {
	for _, w := range r.workers {
		if w != nil {
			w.close()
		}
	}
}

// Send feeds one input item to every source node. It blocks while the
// pipeline is full and fails once the run has stopped or ctx is done.
func (r *Run) Send(ctx context.Context, f *frame.Frame) error {
	one := [1]*frame.Frame{f}
	return r.sendAll(ctx, one[:])
}

// SendBatch feeds consecutive input items to every source, up to 32 per
// channel message: cheaper than one Send each when the items are at hand.
func (r *Run) SendBatch(ctx context.Context, frames []*frame.Frame) error {
	return r.sendAll(ctx, frames)
}

// sendAll feeds consecutive input items to every source.
func (r *Run) sendAll(ctx context.Context, frames []*frame.Frame) error {
	return r.sendTo(ctx, r.sources, frames)
}

// sendTo feeds consecutive input items to the given sources, up to maxBatch
// per channel message. Every item takes the next input index, whichever
// sources it goes to.
func (r *Run) sendTo(ctx context.Context, sources []int, frames []*frame.Frame) error {
	for _, f := range frames {
		if f == nil {
			return errors.New("send: nil frame")
		}
	}
	r.sendMu.RLock()
	defer r.sendMu.RUnlock()
	if r.closed {
		return errors.New("send: input already closed")
	}
	if r.ctx.Err() != nil {
		return r.stopError()
	}
	for len(frames) > 0 {
		n := min(len(frames), maxBatch)
		first := int(r.next.Add(int64(n)) - int64(n))
		entered := r.now() // one read per batch of up to maxBatch items
		for _, s := range sources {
			b := getBatch()
			if r.opts.Marks {
				r.live.add(n)
			}
			for i, f := range frames[:n] {
				b.items = append(b.items, item{f: f, position: position{order: first + i}, entered: entered})
			}
			select {
			case r.inboxes[s] <- b:
				r.queued[s].Add(int64(n))
			case <-r.ctx.Done():
				return r.stopError()
			case <-ctx.Done():
				return ctx.Err()
			}
		}
		frames = frames[n:]
	}
	return nil
}

// CloseInput ends the input stream: nodes flush and the run completes. It is
// safe to call more than once.
func (r *Run) CloseInput() {
	r.sendMu.Lock()
	defer r.sendMu.Unlock()
	if r.closed {
		return
	}
	r.closed = true
	r.closeAt.Store(int64(r.now()))
	for _, s := range r.sources {
		close(r.inboxes[s])
	}
}

// Outputs delivers sink outputs as they are produced; it is closed when
// every sink has finished.
func (r *Run) Outputs() <-chan Output { return r.outputs }

// Cancel stops the run promptly; Wait then returns an error wrapping
// ErrCancelled.
func (r *Run) Cancel() { r.cancel(ErrCancelled) }

// Wait blocks until every worker has exited (each node closed) and returns
// the error that stopped the run, or nil.
func (r *Run) Wait() error {
	r.wg.Wait()
	err := r.stopError()
	r.cancel(errFinished)
	return err
}

// errFinished is the cause recorded once a run has completed, so late calls
// to Send fail instead of queueing into a run nobody drains.
var errFinished = errors.New("run already finished")

// Skipped returns the errors of items dropped under Options.SkipErrors
// (at most the first 1000).
func (r *Run) Skipped() []error {
	r.errMu.Lock()
	defer r.errMu.Unlock()
	return append([]error(nil), r.skipped...)
}

// fail records the first error and stops the run.
func (r *Run) fail(err error) {
	r.errMu.Lock()
	if r.err == nil {
		r.err = err
	}
	r.errMu.Unlock()
	r.cancel(err)
}

func (r *Run) skip(err error) {
	r.errMu.Lock()
	if len(r.skipped) < maxSkipped {
		r.skipped = append(r.skipped, err)
	}
	r.errMu.Unlock()
}

// stopError is why the run stopped: the first node error, or cancellation.
func (r *Run) stopError() error {
	r.errMu.Lock()
	err := r.err
	r.errMu.Unlock()
	if err != nil {
		return err
	}
	cause := context.Cause(r.ctx)
	switch {
	case cause == nil:
		return nil
	case errors.Is(cause, ErrCancelled), cause == errFinished:
		return cause
	default:
		return fmt.Errorf("%w: %w", ErrCancelled, cause)
	}
}

// now reads the run's clock: time since epoch, monotonic only (time.Now
// would also read the wall clock, which costs more).
func (r *Run) now() time.Duration {
	if r.opts.clock != nil {
		return r.opts.clock()
	}
	return time.Since(r.epoch)
}

// Metrics returns a snapshot of every node's counters, in manifest order.
// It is safe to call during and after the run.
func (r *Run) Metrics() []NodeMetrics {
	out := make([]NodeMetrics, len(r.workers))
	for i, w := range r.workers {
		pn := &r.plan.Nodes[i]
		c := &w.counters
		p := c.latency.percentiles(0.50, 0.95, 0.99)
		out[i] = NodeMetrics{
			ID: pn.ID, Type: pn.Spec.Type,
			In: c.in.Load(), Out: c.out.Load(), Errors: c.errors.Load(),
			Busy: c.busy(),
			P50:  p[0], P95: p[1], P99: p[2],
			QueueDepth: int(r.queued[i].Load()), QueueCap: cap(r.inboxes[i]) * maxBatch,
			Latency: c.latency.buckets(),
		}
		if w.inlined {
			out[i].QueueCap = 0 // fused: its items come straight from its predecessor
		}
		if len(pn.Succs) == 0 {
			fp := w.fromInput.percentiles(0.50, 0.95, 0.99)
			out[i].FromInput = &FromInputMetrics{Count: w.fromInput.count(), P50: fp[0], P95: fp[1], P99: fp[2]}
		}
	}
	return out
}
