package node

import "github.com/remotemedia/remotemedia/core/frame"

// Deferring is implemented by nodes that keep several inputs in flight and
// finish each one later, from any goroutine: a node waiting on a server, or
// one spreading work over its own goroutines. The executor hands such a
// node's Process and Flush an Emitter that is also a Deferrer.
//
// The executor keeps the node's outputs in the order of its inputs, as if
// every input had been finished inside its Process call: outputs of a later
// input that finishes first wait until the earlier ones are done. Each
// output stays attributed to its input (batch order, error index, latency
// from input), and the node's latency metric is measured from the start of
// Process to Done.
//
// Process is not called while MaxInFlight inputs are unfinished or have
// outputs still waiting for their turn, which bounds the node's memory and
// passes backpressure back to the source. Flush is called once every input
// has gone through Process, possibly with some still in flight (so the node
// can tell its backend the stream has ended); the executor then waits for
// all of them, passing their outputs on, before the node's outputs end and
// Close runs. A node must eventually call Done on every Pending it made;
// Close is where it stops its goroutines when a run is cancelled.
type Deferring interface {
	Node
	// MaxInFlight is how many inputs the node may hold at once (at least 1).
	MaxInFlight() int
}

// Deferrer is implemented by the Emitter that the Process and Flush of a
// Deferring node receive.
type Deferrer interface {
	// Defer detaches the input being processed (or, during Flush, the end
	// of stream): Process may return before the input is finished, and its
	// outputs go through the returned Pending. Outputs already emitted
	// through the Emitter in this call come first. Calling Defer again in
	// the same call returns the same Pending.
	Defer() Pending
}

// Pending is one input a Deferring node finishes later. Its methods are
// safe to call from any goroutine.
type Pending interface {
	// Emit passes on an output derived from this input. It never blocks:
	// the output is passed on by the node's worker as soon as every earlier
	// input is done and downstream has room. It returns an error once the
	// run is stopping, or after Done.
	Emit(f *frame.Frame) error
	// Done finishes the input: no more outputs. A non-nil err fails it as
	// an error returned by Process would (naming this input's index), or,
	// for the Pending made during Flush, as a flush error. Calls after the
	// first are ignored.
	Done(err error)
}
