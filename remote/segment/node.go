package segment

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"sync"
	"time"

	"github.com/remotemedia/remotemedia/core/frame"
	"github.com/remotemedia/remotemedia/core/node"
)

// Transport carries one stream's batches to where the segment runs. Send
// and End return once the batch is handed over; its result comes back
// later through Node.Deliver, from any goroutine. Calls come from one
// goroutine, in order, and a transport keeps that order.
type Transport interface {
	Send(batch int64, request []byte) error
	// End ends the stream; its result holds the segment's flush outputs.
	End(batch int64) error
	// Close releases the stream once the node is done with it; aborted
	// says the local run stopped before the stream's end, so the remote
	// side should drop it.
	Close(aborted bool)
}

// Options shape a Node's batches.
type Options struct {
	// Name is how errors name the segment ("placed segment [vad stt]").
	Name string
	// BatchFrames is the most inputs one batch carries.
	BatchFrames int
	// BatchWait is how long an input may wait for its batch to fill: the
	// latency batching may add to a live stream. 0: no limit (a batch run,
	// where only throughput matters; Flush sends the last batch).
	BatchWait time.Duration
	// BatchesInFlight is how many full batches may be unanswered at once;
	// past that the node stops taking input, so backpressure holds.
	BatchesInFlight int
}

// Node is a placed segment as one node of the local pipeline.
type Node struct {
	opts Options
	tr   Transport

	mu       sync.Mutex
	cur      []*frame.Frame
	curP     []node.Pending
	gen      int64 // the id the open batch will take
	timer    *time.Timer
	inFlight map[int64][]node.Pending // sent, unanswered; the end's has one Pending
	endID    int64                    // the batch id of the end of stream, once sent
	broken   error                    // the segment failed: later inputs fail at once
	closed   bool

	queue  chan sealed
	sender sync.WaitGroup
}

type sealed struct {
	id     int64
	frames []*frame.Frame // nil for the end of stream
}

var (
	_ node.Deferring = (*Node)(nil)
	_ node.Flusher   = (*Node)(nil)
	_ node.Closer    = (*Node)(nil)
)

// NewNode makes the local node of a segment; call SetTransport before the
// run starts (the transport usually needs the node, for Deliver).
func NewNode(opts Options) *Node {
	opts.BatchFrames = max(opts.BatchFrames, 1)
	opts.BatchesInFlight = max(opts.BatchesInFlight, 1)
	n := &Node{opts: opts, inFlight: map[int64][]node.Pending{}, gen: 1,
		queue: nil}
	// Each batch holds at least one input: MaxInFlight bounds the batches.
	n.queue = make(chan sealed, n.MaxInFlight()+2)
	return n
}

// SetTransport sets the transport and starts the goroutine that calls it.
func (n *Node) SetTransport(tr Transport) {
	n.tr = tr
	n.sender.Add(1)
	go n.send()
}

// MaxInFlight bounds the inputs held: full batches in flight and the one
// filling.
func (n *Node) MaxInFlight() int { return n.opts.BatchFrames * (n.opts.BatchesInFlight + 1) }

func (n *Node) Process(_ context.Context, in *frame.Frame, out node.Emitter) error {
	d, ok := out.(node.Deferrer)
	if !ok {
		return errors.New("segment: the executor did not offer deferred inputs")
	}
	n.mu.Lock()
	defer n.mu.Unlock()
	if n.broken != nil {
		return n.broken
	}
	n.cur = append(n.cur, in)
	n.curP = append(n.curP, d.Defer())
	switch {
	case len(n.cur) >= n.opts.BatchFrames:
		n.seal()
	case len(n.cur) == 1 && n.opts.BatchWait > 0:
		gen := n.gen
		n.timer = time.AfterFunc(n.opts.BatchWait, func() {
			n.mu.Lock()
			defer n.mu.Unlock()
			if n.gen == gen && len(n.cur) > 0 && !n.closed {
				n.seal()
			}
		})
	}
	return nil
}

// seal queues the open batch for the sender; n.mu is held. The queue
// never blocks: MaxInFlight bounds the batches to its capacity.
func (n *Node) seal() {
	if n.timer != nil {
		n.timer.Stop()
		n.timer = nil
	}
	id := n.gen
	n.gen++
	n.inFlight[id] = n.curP
	n.queue <- sealed{id: id, frames: n.cur}
	n.cur, n.curP = nil, nil
}

// Flush sends what is left and ends the stream; the end's outputs come
// back through a deferred end of stream.
func (n *Node) Flush(_ context.Context, out node.Emitter) error {
	n.mu.Lock()
	defer n.mu.Unlock()
	if n.broken != nil {
		return n.broken
	}
	if len(n.cur) > 0 {
		n.seal()
	}
	id := n.gen
	n.gen++
	n.endID = id
	n.inFlight[id] = []node.Pending{out.(node.Deferrer).Defer()}
	n.queue <- sealed{id: id}
	return nil
}

// send runs the transport's calls, in order, on one locked thread (a
// Python transport keeps its thread state there).
func (n *Node) send() {
	defer n.sender.Done()
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	for b := range n.queue {
		var err error
		if b.frames == nil {
			err = n.tr.End(b.id)
		} else {
			var req []byte
			if req, err = EncodeRequest(b.frames); err == nil {
				err = n.tr.Send(b.id, req)
			}
		}
		if err != nil {
			n.Deliver(b.id, nil, err)
		}
	}
}

// Deliver hands a batch's result (or why there is none) to its inputs.
func (n *Node) Deliver(batch int64, result []byte, err error) {
	n.mu.Lock()
	ps, ok := n.inFlight[batch]
	delete(n.inFlight, batch)
	end := batch == n.endID
	n.mu.Unlock()
	if !ok {
		return // a late answer for a stream that already failed
	}
	var res *Result
	if err == nil {
		inputs := len(ps)
		if end {
			inputs = 0 // only flush outputs
		}
		res, err = DecodeResult(result, inputs)
	}
	if err != nil {
		n.fail(ps, fmt.Errorf("%s: %w", n.opts.Name, err))
		return
	}
	n.finish(ps, res, end)
}

// finish emits a result's outputs on their inputs and completes them.
func (n *Node) finish(ps []node.Pending, res *Result, end bool) {
	at := func(input int) node.Pending {
		if end {
			return ps[0]
		}
		return ps[input]
	}
	errs := make([]error, len(ps))
	stopAt := len(ps)
	for _, f := range res.Failures {
		i := f.Input
		if end || i == EndOfStream {
			i = 0 // not tied to one input: the first affected is the batch's first
		}
		errs[i] = fmt.Errorf("%s: %s", n.opts.Name, f.Message)
		if !f.Skipped {
			stopAt = min(stopAt, i)
		}
	}
	for _, o := range res.Outputs {
		if o.Input == EndOfStream && !end {
			continue // not expected before the end; dropped rather than misattributed
		}
		if errs[max(o.Input, 0)] == nil || end {
			_ = at(o.Input).Emit(o.Frame)
		}
	}
	if stopAt < len(ps) {
		n.mu.Lock()
		n.broken = errs[stopAt]
		n.mu.Unlock()
		for i := stopAt + 1; i < len(ps); i++ {
			if errs[i] == nil {
				errs[i] = fmt.Errorf("%s: not processed: the segment stopped at an earlier input", n.opts.Name)
			}
		}
	}
	for i, p := range ps {
		p.Done(errs[i])
	}
}

// fail completes every input of a batch with err, and later ones at once.
func (n *Node) fail(ps []node.Pending, err error) {
	n.mu.Lock()
	if n.broken == nil {
		n.broken = err
	}
	n.mu.Unlock()
	for _, p := range ps {
		p.Done(err)
	}
}

// Close stops the sender and closes the transport, aborting a stream that
// did not end cleanly.
func (n *Node) Close() error {
	n.mu.Lock()
	if n.closed {
		n.mu.Unlock()
		return nil
	}
	n.closed = true
	if n.timer != nil {
		n.timer.Stop()
	}
	clean := n.endID != 0 && len(n.inFlight) == 0 && n.broken == nil
	close(n.queue)
	n.mu.Unlock()
	n.sender.Wait()
	if n.tr != nil {
		n.tr.Close(!clean)
	}
	return nil
}
