package executor

import (
	"fmt"
	"strconv"
)

// Phase names the step of a node's life an error happened in.
type Phase string

const (
	PhaseNew     Phase = "new"
	PhaseInit    Phase = "init"
	PhaseProcess Phase = "process"
	PhaseFlush   Phase = "flush"
	PhaseClose   Phase = "close"
)

// EndOfStream is the Input index of errors and outputs that belong to no
// single input: those raised or emitted while flushing.
const EndOfStream = -1

// NodeError is a failure of one node on one input.
type NodeError struct {
	Node  string
	Type  string
	Phase Phase
	// Input is the index of the input item the failing item derives from,
	// or EndOfStream.
	Input int
	Err   error
}

func (e *NodeError) Error() string {
	where := "input[" + strconv.Itoa(e.Input) + "]"
	switch {
	case e.Phase == PhaseProcess && e.Input == EndOfStream:
		where = "input[end-of-stream]"
	case e.Phase != PhaseProcess:
		where = string(e.Phase)
	}
	return fmt.Sprintf("node[%s] %s: %v", e.Node, where, e.Err)
}

func (e *NodeError) Unwrap() error { return e.Err }

// PanicError is a recovered panic inside a node.
type PanicError struct {
	Value any
	Stack string
}

func (e *PanicError) Error() string { return fmt.Sprintf("panic: %v", e.Value) }
