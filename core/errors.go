package core

import (
	"errors"

	"github.com/remotemedia/remotemedia/core/internal/executor"
	"github.com/remotemedia/remotemedia/core/internal/manifest"
)

type (
	// NodeError is a node failing on an input (or in init, flush, close).
	NodeError = executor.NodeError
	// PanicError is a panic recovered inside a node; it is a NodeError's Err.
	PanicError = executor.PanicError
	// UnavailableError is a node type this runtime knows but cannot run,
	// such as a Python node in the pure-Go engine.
	UnavailableError = executor.UnavailableError
)

// ErrCancelled is wrapped by the error of a run stopped by Cancel or its
// context.
var ErrCancelled = executor.ErrCancelled

// InputError is bad input data: an unreadable file, malformed input JSON.
type InputError struct{ Err error }

func (e *InputError) Error() string { return "invalid input: " + e.Err.Error() }
func (e *InputError) Unwrap() error { return e.Err }

// Stable error codes. Bindings carry them across language boundaries (the
// Python package maps them to its exception classes), so never rename them.
const (
	CodeInvalidManifest = "invalid_manifest"
	CodeUnsupported     = "unsupported"
	CodeInvalidInput    = "invalid_input"
	CodeNodeFailed      = "node_failed"
	CodeCancelled       = "cancelled"
	CodeInternal        = "internal"
)

// ErrorCode classifies an error returned by this package ("" for nil).
func ErrorCode(err error) string {
	var (
		me *manifest.Error
		ue *executor.UnavailableError
		ie *InputError
		ne *executor.NodeError
	)
	switch {
	case err == nil:
		return ""
	case errors.As(err, &me):
		return CodeInvalidManifest
	case errors.As(err, &ue):
		return CodeUnsupported
	case errors.As(err, &ie):
		return CodeInvalidInput
	case errors.As(err, &ne) && ne.Phase == executor.PhaseNew:
		// A constructor rejecting its params is a manifest problem.
		return CodeInvalidManifest
	case errors.As(err, &ne):
		return CodeNodeFailed
	case errors.Is(err, ErrCancelled):
		return CodeCancelled
	}
	return CodeInternal
}

// StreamError is the one error a streaming run reports when its parts fail
// together: a node's failure first (it explains the rest), then the
// input's (feeding it), then the output's (handing results on), then the
// run's own.
func StreamError(run, input, output error) error {
	switch {
	case ErrorCode(run) == CodeNodeFailed:
		return run
	case input != nil:
		return input
	case output != nil:
		return output
	}
	return run
}
