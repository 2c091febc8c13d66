package segment

import (
	"context"
	"errors"
	"fmt"

	"github.com/remotemedia/remotemedia/core"
)

// Session runs one stream of a segment's sub-pipeline where the segment is
// placed: the batches of one local node instance, in order. It is not safe
// for concurrent use; a Ray actor calls it from one thread.
type Session struct {
	run     *core.Stream
	cancel  context.CancelFunc
	sent    int // inputs sent so far: the sub-run's index of the next batch's first
	skipped int // skipped errors already reported
	ended   bool
}

// Open starts a session of p, which must have been built with
// core.Config.WithMarks(true).
func Open(p *core.Pipeline) (*Session, error) {
	ctx, cancel := context.WithCancel(context.Background())
	run, err := p.Start(ctx)
	if err != nil {
		cancel()
		return nil, err
	}
	return &Session{run: run, cancel: cancel}, nil
}

var errSessionEnded = errors.New("segment session: already ended")

// Push runs one batch (an encoded request) and returns its encoded result:
// every output of its inputs, and the inputs that failed. A failure that
// is not skipped ends the session.
func (s *Session) Push(request []byte) ([]byte, error) {
	if s.ended {
		return nil, errSessionEnded
	}
	frames, err := DecodeRequest(request)
	if err != nil {
		return nil, err
	}
	base := s.sent
	s.sent += len(frames)
	sendErr := make(chan error, 1)
	go func() {
		if err := s.run.SendBatch(context.Background(), frames); err != nil {
			sendErr <- err
			return
		}
		sendErr <- s.run.Mark(context.Background())
	}()
	res := &Result{}
	marked := false
	for out := range s.run.Outputs() {
		if out.Mark {
			marked = true
			break
		}
		res.Outputs = append(res.Outputs, Output{Input: offset(out.Input, base), Frame: out.Frame})
	}
	<-sendErr // the run's own error, if any, is Wait's
	s.addSkipped(res, base)
	if !marked {
		s.end(res, base)
	}
	return EncodeResult(res)
}

// Close ends the stream: the sub-pipeline flushes, and the result holds
// the flush outputs (input EndOfStream) and any failure.
func (s *Session) Close() ([]byte, error) {
	if s.ended {
		return nil, errSessionEnded
	}
	s.run.CloseInput()
	res := &Result{}
	for out := range s.run.Outputs() {
		if !out.Mark {
			res.Outputs = append(res.Outputs, Output{Input: offset(out.Input, s.sent), Frame: out.Frame})
		}
	}
	s.addSkipped(res, s.sent)
	s.end(res, s.sent)
	return EncodeResult(res)
}

// Abort stops the session's run at once (the local run stopped).
func (s *Session) Abort() {
	if s.ended {
		return
	}
	s.ended = true
	s.cancel()
	s.run.Cancel()
	for range s.run.Outputs() {
	}
	_ = s.run.Wait()
}

// end waits for the finished run and records its failure.
func (s *Session) end(res *Result, base int) {
	s.ended = true
	err := s.run.Wait()
	s.cancel()
	if err != nil {
		res.Failures = append(res.Failures, failureOf(err, base, false))
	}
}

func (s *Session) addSkipped(res *Result, base int) {
	all := s.run.Skipped()
	for _, err := range all[min(s.skipped, len(all)):] {
		res.Failures = append(res.Failures, failureOf(err, base, true))
	}
	s.skipped = len(all)
}

// offset is a sub-run input index as an offset in the batch starting at
// base; flush outputs keep EndOfStream.
func offset(input, base int) int {
	if input == core.EndOfStream {
		return EndOfStream
	}
	return input - base
}

// failureOf describes a failed input by node, not by the sub-run's input
// index, which means nothing to the caller: the local run names its own.
func failureOf(err error, base int, skipped bool) Failure {
	var ne *core.NodeError
	if errors.As(err, &ne) {
		return Failure{Input: offset(ne.Input, base), Skipped: skipped,
			Message: fmt.Sprintf("node %q (%s) failed: %v", ne.Node, ne.Type, ne.Err)}
	}
	return Failure{Input: EndOfStream, Skipped: skipped, Message: err.Error()}
}
