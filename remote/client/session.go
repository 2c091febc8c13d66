package client

import (
	"context"
	"errors"
	"fmt"
	"io"
	"sort"
	"sync"
	"time"

	"google.golang.org/grpc"

	"github.com/remotemedia/remotemedia/core/frame"
	"github.com/remotemedia/remotemedia/core/node"
	"github.com/remotemedia/remotemedia/remote/pb"
	"github.com/remotemedia/remotemedia/remote/wire"
)

// session is one StreamPipeline call: the node's worker sends chunks, a
// receive loop hands each result to the Pending of the chunk it belongs to.
//
// The protocol has no "chunk done" message, so a chunk is finished when a
// result for a later chunk arrives (the server sends results in chunk
// order), when a result without outputs names it (an acknowledgement), or
// when the server sends StreamClosed. When the stream breaks, or the oldest
// chunk has waited longer than timeout_ms, the chunks that got outputs are
// finished and the rest fail, so the error names the first input whose
// output never came.
type session struct {
	endpoint string
	timeout  time.Duration
	stream   grpc.BidiStreamingClient[pb.StreamRequest, pb.StreamResponse]
	cancel   context.CancelFunc
	started  time.Time
	done     sync.WaitGroup // the receive loop and the watchdog

	mu       sync.Mutex
	inFlight []chunk // oldest first
	next     uint64  // sequence of the next chunk
	flushing node.Pending
	failed   error // set once: every later input fails with it
	ended    chan struct{}
	heard    time.Time // when the last result came
}

type chunk struct {
	seq       uint64
	p         node.Pending
	since     time.Time // sent, or last heard of: what the watchdog times
	gotOutput bool
}

func newSession(endpoint string, timeout time.Duration, stream grpc.BidiStreamingClient[pb.StreamRequest, pb.StreamResponse], cancel context.CancelFunc) *session {
	s := &session{endpoint: endpoint, timeout: timeout, stream: stream, cancel: cancel, started: time.Now(), ended: make(chan struct{})}
	s.done.Add(2)
	go s.receive()
	go s.watch()
	return s
}

// send passes one input on as the next chunk; its outputs come back through p.
func (s *session) send(in *frame.Frame, p node.Pending) error {
	buf, err := wire.FromFrame(in)
	if err != nil {
		return err // this input cannot travel: its own error
	}
	s.mu.Lock()
	if s.failed != nil {
		// Failed through p, not returned: the executor reports failures in
		// input order, so the inputs in flight before this one come first.
		err := s.failed
		s.mu.Unlock()
		p.Done(err)
		return nil
	}
	seq := s.next
	s.next++
	s.inFlight = append(s.inFlight, chunk{seq: seq, p: p, since: time.Now()})
	s.mu.Unlock()
	req := &pb.StreamRequest{Request: &pb.StreamRequest_DataChunk{DataChunk: &pb.DataChunk{
		Buffer: buf, Sequence: seq, TimestampMs: uint64(time.Since(s.started).Milliseconds()),
	}}}
	// A failed Send means the stream is over; it says only io.EOF. The
	// receive loop gets the reason (an ErrorResponse, or the stream's
	// status) and finishes or fails every chunk in flight, this one too.
	_ = s.stream.Send(req)
	return nil
}

// close asks the server to flush and end the stream; end receives the
// server's flush outputs and finishes with StreamClosed.
func (s *session) close(end node.Pending) {
	s.mu.Lock()
	if s.failed != nil {
		err := s.failed
		s.mu.Unlock()
		end.Done(err)
		return
	}
	s.flushing = end
	s.mu.Unlock()
	req := &pb.StreamRequest{Request: &pb.StreamRequest_Control{Control: &pb.StreamControl{Command: pb.StreamControl_COMMAND_CLOSE}}}
	if s.stream.Send(req) == nil { // else the receive loop learns why
		_ = s.stream.CloseSend()
	}
}

func (s *session) receive() {
	defer s.done.Done()
	for {
		resp, err := s.stream.Recv()
		if err != nil {
			if errors.Is(err, io.EOF) {
				err = errors.New("the server ended the stream without StreamClosed")
			}
			s.fail(s.lostError(err))
			return
		}
		switch r := resp.GetResponse().(type) {
		case *pb.StreamResponse_Result:
			if err := s.result(r.Result); err != nil {
				s.fail(err)
				s.cancel()
				return
			}
		case *pb.StreamResponse_Error:
			s.remoteError(r.Error)
			s.cancel()
			return
		case *pb.StreamResponse_Closed:
			s.closed()
			return
		}
	}
}

// result emits a ChunkResult's outputs through its chunk's Pending, after
// finishing every earlier chunk.
func (s *session) result(r *pb.ChunkResult) error {
	frames, err := outputsOf(r)
	if err != nil {
		return fmt.Errorf("%s: the server sent an output this engine cannot read (input sequence %d): %w", s.endpoint, r.GetSequence(), err)
	}
	seq := r.GetSequence()
	s.mu.Lock()
	s.heard = time.Now()
	var finished []node.Pending
	for len(s.inFlight) > 0 && s.inFlight[0].seq < seq {
		finished = append(finished, s.inFlight[0].p)
		s.inFlight = s.inFlight[1:]
	}
	var target node.Pending
	switch {
	case len(s.inFlight) > 0 && s.inFlight[0].seq == seq && len(frames) == 0:
		// An acknowledgement: the chunk is complete.
		finished = append(finished, s.inFlight[0].p)
		s.inFlight = s.inFlight[1:]
	case len(s.inFlight) > 0 && s.inFlight[0].seq == seq:
		target = s.inFlight[0].p
		s.inFlight[0].since = time.Now() // progress: the watchdog waits again
		s.inFlight[0].gotOutput = true
	case seq >= s.next && s.flushing != nil:
		target = s.flushing // an output of the server's end of stream
	}
	s.mu.Unlock()
	for _, p := range finished {
		p.Done(nil)
	}
	if target == nil && len(frames) > 0 {
		return fmt.Errorf("%s: the server sent an output for input sequence %d, which is not in flight (outputs out of order?)", s.endpoint, seq)
	}
	for _, f := range frames {
		if err := target.Emit(f); err != nil {
			return err
		}
	}
	return nil
}

// outputsOf converts a result's outputs, in the order of their sinks' ids
// (a result normally carries one).
func outputsOf(r *pb.ChunkResult) ([]*frame.Frame, error) {
	outs := r.GetDataOutputs()
	sinks := make([]string, 0, len(outs))
	for id := range outs {
		sinks = append(sinks, id)
	}
	sort.Strings(sinks)
	frames := make([]*frame.Frame, 0, len(outs))
	for _, id := range sinks {
		f, err := wire.ToFrame(outs[id])
		if err != nil {
			return nil, fmt.Errorf("output of %q: %w", id, err)
		}
		frames = append(frames, f)
	}
	return frames, nil
}

// closed finishes everything: the server has flushed.
func (s *session) closed() {
	s.mu.Lock()
	if s.failed != nil {
		s.mu.Unlock()
		return
	}
	pending := s.takeAll()
	s.failed = errors.New("the stream is closed")
	s.mu.Unlock()
	for _, p := range pending {
		p.Done(nil)
	}
	close(s.ended)
}

// remoteError fails the chunk the server names (every earlier one is
// finished: results come in order) and the chunks after it.
func (s *session) remoteError(e *pb.ErrorResponse) {
	err := &RemoteError{Endpoint: s.endpoint, Type: e.GetErrorType(), Node: e.GetFailingNodeId(), Message: e.GetMessage(), Context: e.GetContext()}
	if seq, ok := err.sequence(); ok {
		s.mu.Lock()
		var finished []node.Pending
		for len(s.inFlight) > 0 && s.inFlight[0].seq < seq {
			finished = append(finished, s.inFlight[0].p)
			s.inFlight = s.inFlight[1:]
		}
		s.mu.Unlock()
		for _, p := range finished {
			p.Done(nil)
		}
	}
	s.fail(err)
}

// fail ends every chunk in flight with err, oldest first, and every later
// input too; the first failure wins. The Pendings are finished under s.mu,
// so a later input (which send fails at once) cannot be reported before
// the ones in flight.
func (s *session) fail(err error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.failed != nil {
		return
	}
	s.failed = err
	// Inputs that got outputs are taken as complete: the error belongs to
	// the first one whose output never came.
	var complete []node.Pending
	for len(s.inFlight) > 0 && s.inFlight[0].gotOutput {
		complete = append(complete, s.inFlight[0].p)
		s.inFlight = s.inFlight[1:]
	}
	for _, p := range complete {
		p.Done(nil)
	}
	for _, p := range s.takeAll() {
		p.Done(err)
	}
	close(s.ended)
}

// takeAll empties the session's Pendings, chunks in order then the end of
// stream; s.mu is held.
func (s *session) takeAll() []node.Pending {
	out := make([]node.Pending, 0, len(s.inFlight)+1)
	for _, c := range s.inFlight {
		out = append(out, c.p)
	}
	s.inFlight = nil
	if s.flushing != nil {
		out = append(out, s.flushing)
		s.flushing = nil
	}
	return out
}

func (s *session) lostError(err error) error {
	return fmt.Errorf("connection to %s lost before this input's output came back: %w", s.endpoint, err)
}

func (s *session) timeoutError() error {
	return fmt.Errorf("no output from %s for this input within timeout_ms (%d ms)", s.endpoint, s.timeout.Milliseconds())
}

// watch fails the session when the server owes an output and has sent
// nothing for longer than the timeout: a server that hangs, or a network
// that drops packets without a reset, must not stall the run for ever.
// It owes one for the oldest chunk that has none (or for the end of
// stream). Chunks that got outputs only wait for a later chunk to say they
// are done, so a live stream may pause between inputs for as long as it
// likes.
func (s *session) watch() {
	defer s.done.Done()
	tick := time.NewTicker(max(s.timeout/10, time.Millisecond))
	defer tick.Stop()
	var flushSince time.Time
	for {
		select {
		case <-s.ended:
			return
		case now := <-tick.C:
			s.mu.Lock()
			var since time.Time
			switch {
			case len(s.inFlight) > 0:
				for _, c := range s.inFlight {
					if !c.gotOutput {
						since = c.since
						if s.heard.After(since) {
							since = s.heard // the server is busy with earlier chunks
						}
						break
					}
				}
			case s.flushing != nil:
				if flushSince.IsZero() {
					flushSince = now
				}
				since = flushSince
			}
			s.mu.Unlock()
			if !since.IsZero() && now.Sub(since) > s.timeout {
				s.fail(s.timeoutError())
				s.cancel()
				return
			}
		}
	}
}

// stop cancels the stream and waits for the session's goroutines.
func (s *session) stop() {
	s.cancel()
	s.fail(errors.New("the run has stopped"))
	s.done.Wait()
}
