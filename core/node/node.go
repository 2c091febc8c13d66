// Package node is the public plugin API: the interface every node
// implements, the spec every node type declares, and the registry that maps
// manifest node_type names to specs. Built-in nodes register through this
// same API.
package node

import (
	"context"

	"github.com/remotemedia/remotemedia/core/frame"
)

// Node processes one input frame at a time. It may emit zero, one or many
// outputs per input. Process is never called concurrently on one instance.
type Node interface {
	Process(ctx context.Context, in *frame.Frame, out Emitter) error
}

// Emitter receives a node's outputs. Emit blocks while downstream is full
// (backpressure) and returns an error once the run is stopping; a node should
// return that error.
type Emitter interface {
	Emit(f *frame.Frame) error
}

// Initializer is implemented by nodes that need setup before the first input.
type Initializer interface {
	Init(ctx context.Context) error
}

// Flusher is implemented by nodes that emit more outputs at end of stream.
type Flusher interface {
	Flush(ctx context.Context, out Emitter) error
}

// Closer is implemented by nodes holding resources. Close always runs once
// the node was constructed, whether the run succeeded or not.
type Closer interface {
	Close() error
}

// Func adapts a function into a Node that emits one output per input.
type Func func(ctx context.Context, in *frame.Frame) (*frame.Frame, error)

// Process calls f and emits its result when it is not nil.
func (f Func) Process(ctx context.Context, in *frame.Frame, out Emitter) error {
	res, err := f(ctx, in)
	if err != nil || res == nil {
		return err
	}
	return out.Emit(res)
}
