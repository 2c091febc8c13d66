package bindings

import (
	"context"
	"errors"
	"runtime/debug"
	"sync"
	"time"

	"github.com/remotemedia/remotemedia/core"
	"github.com/remotemedia/remotemedia/core/frame"
)

// Stream is a streaming run. One Python thread emits inputs to Token, calls
// CloseInput at the end, and polls Deliver for outputs. Two goroutines keep
// that thread from blocking for long: a feeder sends inputs into the engine,
// and a pump moves the engine's outputs into a bounded queue. When the queue
// is full the pump stops taking outputs, so the engine blocks, as it does
// under the Go CLI's --jsonl: memory stays flat however slow the consumer.
// An input offered meanwhile is refused as busy, and Python delivers outputs
// (that is, waits for its consumer) before offering it again.
type Stream struct {
	p      *Pipeline
	run    *core.Stream
	ctx    context.Context
	cancel context.CancelFunc
	token  int64

	in      chan *frame.Frame // inputs the feeder has yet to send
	endIn   chan struct{}     // closed by CloseInput
	fed     chan struct{}     // closed when the feeder stops
	feedErr error             // why it stopped early; read after fed is closed

	mu        sync.Mutex
	shrunk    *sync.Cond // the queue was taken, or its bound lifted
	queue     []core.Output
	ready     chan struct{} // signalled when queue grows or the run ends
	full      chan struct{} // signalled when the pump waits on a full queue
	cancelled bool
	ended     bool
	err       error
	closeIn   sync.Once
}

const (
	// maxQueuedOutputs bounds the outputs waiting for Deliver.
	maxQueuedOutputs = 256
	// feedQueue is how many inputs may wait for the feeder.
	feedQueue = 32
	// busyAfter is how long an Emit waits for room before answering busy,
	// so Python regains control (and sees Ctrl-C) while the engine is slow.
	busyAfter = 50 * time.Millisecond
)

// errStopped is what an input offered to a stopped run gets. It is not the
// run's own error: Deliver reports that, exactly once (with the Python
// exception that caused it).
var errStopped = errors.New("send: the run has stopped")

type streamInput struct{ s *Stream }

func (t streamInput) put(f *frame.Frame) (bool, error) {
	s := t.s
	select {
	case <-s.fed:
		return false, s.stopped()
	default:
	}
	select {
	case s.in <- f:
		return true, nil
	default:
	}
	if s.outputsFull() {
		return false, nil
	}
	timer := time.NewTimer(busyAfter)
	defer timer.Stop()
	select {
	case s.in <- f:
		return true, nil
	case <-s.full:
		return false, nil
	case <-timer.C:
		return false, nil
	case <-s.fed:
		return false, s.stopped()
	}
}

func (s *Stream) stopped() error {
	var gp *goPanic
	if errors.As(s.feedErr, &gp) {
		return s.feedErr
	}
	return errStopped
}

func (s *Stream) outputsFull() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.queue) >= maxQueuedOutputs
}

// Start begins a streaming run.
func (p *Pipeline) Start() (s *Stream, err error) {
	defer guard(&err)
	ctx, cancel := context.WithCancel(context.Background())
	run, err := p.p.Start(ctx)
	if err != nil {
		cancel()
		return nil, err
	}
	s = &Stream{p: p, run: run, ctx: ctx, cancel: cancel,
		in: make(chan *frame.Frame, feedQueue), endIn: make(chan struct{}), fed: make(chan struct{}),
		ready: make(chan struct{}, 1), full: make(chan struct{}, 1)}
	s.shrunk = sync.NewCond(&s.mu)
	s.token = addTarget(streamInput{s})
	go s.feed()
	go s.pump()
	return s, nil
}

// feed sends inputs into the engine, in order, until CloseInput (then it
// closes the engine's input) or until the run stops.
func (s *Stream) feed() {
	defer close(s.fed)
	defer func() {
		if v := recover(); v != nil { // never let a panic abort the interpreter
			s.feedErr = &goPanic{value: v, stack: string(debug.Stack())}
			s.run.Cancel()
		}
	}()
	send := func(f *frame.Frame) bool {
		if err := s.run.Send(s.ctx, f); err != nil {
			s.feedErr = err
			return false
		}
		return true
	}
	for {
		select {
		case f := <-s.in:
			if !send(f) {
				return
			}
		case <-s.endIn:
			for {
				select {
				case f := <-s.in: // offered before CloseInput
					if !send(f) {
						return
					}
				default:
					s.run.CloseInput()
					return
				}
			}
		}
	}
}

func (s *Stream) pump() {
	defer func() {
		if v := recover(); v != nil { // never let a panic abort the interpreter
			s.mu.Lock()
			s.ended, s.err = true, &goPanic{value: v, stack: string(debug.Stack())}
			s.mu.Unlock()
			s.signal()
		}
	}()
	for out := range s.run.Outputs() {
		s.mu.Lock()
		for len(s.queue) >= maxQueuedOutputs && !s.cancelled {
			select {
			case s.full <- struct{}{}:
			default:
			}
			s.shrunk.Wait()
		}
		s.queue = append(s.queue, out)
		s.mu.Unlock()
		s.signal()
	}
	err := s.run.Wait()
	s.mu.Lock()
	s.ended, s.err = true, err
	s.mu.Unlock()
	s.signal()
}

func (s *Stream) signal() {
	select {
	case s.ready <- struct{}{}:
	default:
	}
}

// Token names this stream's input for the Emit functions.
func (s *Stream) Token() int64 { return s.token }

// CloseInput ends the input; inputs already accepted are still sent, and
// outputs of flushes follow.
func (s *Stream) CloseInput() {
	s.closeIn.Do(func() {
		dropTarget(s.token)
		close(s.endIn)
	})
}

// Cancel stops the run.
func (s *Stream) Cancel() {
	s.cancel()
	s.run.Cancel()
	s.mu.Lock()
	s.cancelled = true // nobody will take the queue: let the pump drain
	s.shrunk.Broadcast()
	s.mu.Unlock()
	s.CloseInput()
}

// Deliver waits up to timeoutMs (forever when negative) for outputs, then
// hands every queued one to the Python receiver at address receiver:
// receiver(sink index, kind, ..., input index). It reports whether the run
// has ended with everything delivered, and the run's error then.
func (s *Stream) Deliver(receiver uintptr, timeoutMs int) (finished bool, err error) {
	defer guard(&err)
	batch, ended, runErr := s.take(timeoutMs)
	rcv := borrowed(receiver)
	for i, out := range batch {
		if err := deliver(rcv, s.p.sinkIndex(out.Sink), out.Input, out.Frame); err != nil {
			s.mu.Lock()
			s.queue = append(batch[i+1:], s.queue...)
			s.mu.Unlock()
			return false, err
		}
	}
	if ended {
		s.signal() // let a later Deliver return at once too
		return true, runErr
	}
	return false, nil
}

// MetricsJSON is the run's per-node metrics so far, as JSON.
func (s *Stream) MetricsJSON() string { return metricsJSON(s.run.Metrics()) }

// Ended reports whether the run has ended, without taking any output.
func (s *Stream) Ended() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.ended
}

// take waits up to timeoutMs (forever when negative) for outputs, then
// removes and returns every queued one, with whether the run has ended and
// its error.
func (s *Stream) take(timeoutMs int) (batch []core.Output, ended bool, runErr error) {
	s.mu.Lock()
	empty := len(s.queue) == 0 && !s.ended
	s.mu.Unlock()
	if empty {
		wait(s.ready, timeoutMs)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	batch, s.queue = s.queue, nil
	s.shrunk.Broadcast()
	return batch, s.ended, s.err
}
