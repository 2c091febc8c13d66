package bindings

import (
	"context"
	"runtime/debug"
	"sync"

	"github.com/remotemedia/remotemedia/core"
	"github.com/remotemedia/remotemedia/core/frame"
)

// Stream is a streaming run. Python emits inputs to Token (each is a Send,
// which blocks while the pipeline is full), calls CloseInput at the end, and
// polls Deliver for outputs. A goroutine drains the engine's outputs into a
// queue so a slow reader never deadlocks a blocked Send.
type Stream struct {
	p      *Pipeline
	run    *core.Stream
	ctx    context.Context
	cancel context.CancelFunc
	token  int64

	mu       sync.Mutex
	queue    []core.Output
	ready    chan struct{} // signalled when queue grows or the run ends
	ended    bool
	err      error
	closeIn  sync.Once
	finished bool
}

type streamInput struct{ s *Stream }

func (t streamInput) put(f *frame.Frame) error { return t.s.run.Send(t.s.ctx, f) }

// Start begins a streaming run.
func (p *Pipeline) Start() (s *Stream, err error) {
	defer guard(&err)
	ctx, cancel := context.WithCancel(context.Background())
	run, err := p.p.Start(ctx)
	if err != nil {
		cancel()
		return nil, err
	}
	s = &Stream{p: p, run: run, ctx: ctx, cancel: cancel, ready: make(chan struct{}, 1)}
	s.token = addTarget(streamInput{s})
	go s.pump()
	return s, nil
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

// CloseInput ends the input; outputs of flushes follow.
func (s *Stream) CloseInput() {
	s.closeIn.Do(func() {
		dropTarget(s.token)
		s.run.CloseInput()
	})
}

// Cancel stops the run.
func (s *Stream) Cancel() {
	s.cancel()
	s.run.Cancel()
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
	return batch, s.ended, s.err
}
