package cli

import (
	"context"
	"errors"

	"github.com/remotemedia/remotemedia/core"
	"github.com/remotemedia/remotemedia/core/frame"
)

// feeder sends a run's input items, stopping at the first failed send.
type feeder func(ctx context.Context, send func(*frame.Frame) error) error

// stoppedError is a send refused because the run already stopped; the run's
// own error says why, so it is never the one reported.
type stoppedError struct{ err error }

func (e *stoppedError) Error() string { return e.err.Error() }
func (e *stoppedError) Unwrap() error { return e.err }

// streamRun runs p with Start: feed runs on its own goroutine while each
// sink output goes to emit as soon as it is produced. A feed error (a bad
// input file) or an emit error (stdout closed) cancels the run.
func streamRun(ctx context.Context, p *core.Pipeline, feed feeder, emit func(core.Output) error) (runReport, error) {
	s, err := p.Start(ctx)
	if err != nil {
		return runReport{}, err
	}
	feedDone := make(chan error, 1)
	go func() {
		defer s.CloseInput()
		err := feed(ctx, func(f *frame.Frame) error {
			if err := s.Send(ctx, f); err != nil {
				return &stoppedError{err}
			}
			return nil
		})
		if _, stopped := errors.AsType[*stoppedError](err); stopped {
			err = nil
		}
		if err != nil {
			s.Cancel()
		}
		feedDone <- err
	}()
	var emitErr error
	for out := range s.Outputs() {
		if emitErr != nil {
			continue // drain, so every node can finish
		}
		if emitErr = emit(out); emitErr != nil {
			s.Cancel()
		}
	}
	runErr := s.Wait()
	feedErr := <-feedDone
	report := runReport{skipped: s.Skipped(), metrics: s.Metrics()}
	if ctx.Err() != nil {
		// Interrupted. The run itself may still report success: a send can
		// see ctx done before the run's own context, derived from it, is
		// cancelled, and end the input early without an error.
		return report, ctx.Err()
	}
	return report, core.StreamError(runErr, feedErr, emitErr)
}
