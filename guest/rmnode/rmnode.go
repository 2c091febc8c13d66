// Package rmnode writes RemoteMedia WASM nodes in Go. It hides WASM ABI v1
// (docs/WASM_ABI.md): implement Node, register it in an init function, and
// build with
//
//	GOOS=wasip1 GOARCH=wasm go build -buildmode=c-shared -o mynode.wasm ./mynode
//
// The module then exports rm_abi_version, rm_alloc, rm_free, rm_init,
// rm_process, rm_flush, rm_last_error and rm_keeps_output, and imports
// remotemedia.emit and remotemedia.log. Frames are the engine's own
// *frame.Frame, encoded with the same code the host uses. After calls it
// yields to the Go runtime now and then, so the garbage collector can
// finish its cycles in a reactor module.
package rmnode

import (
	"fmt"

	"github.com/remotemedia/remotemedia/core/frame"
	"github.com/remotemedia/remotemedia/core/node"
)

// Node processes one input frame and returns at most one output (nil for
// none). Use Emit for more outputs per input.
type Node interface {
	Process(in *frame.Frame) (*frame.Frame, error)
}

// Initializer is implemented by nodes that take params: the manifest's
// params object, numbers as float64, before the first input.
type Initializer interface {
	Init(params node.Params) error
}

// Flusher is implemented by nodes that output more at end of stream.
type Flusher interface {
	Flush() (*frame.Frame, error)
}

// ProcessFunc adapts a function into a Node.
type ProcessFunc func(in *frame.Frame) (*frame.Frame, error)

// Process calls f.
func (f ProcessFunc) Process(in *frame.Frame) (*frame.Frame, error) { return f(in) }

// Register makes n the module's node. Call it once, from an init function:
// a c-shared wasip1 module runs package init but never main.
func Register(n Node) {
	if n == nil {
		panic("rmnode: Register(nil)")
	}
	if theGuest.node != nil {
		panic("rmnode: Register called twice; a module holds one node")
	}
	theGuest.node = n
}

// Emit sends one extra output frame now, ahead of the one Process returns.
// It is only valid while Process or Flush runs.
func Emit(f *frame.Frame) error {
	b, err := frame.Encode(f)
	if err != nil {
		return fmt.Errorf("rmnode: emit: %w", err)
	}
	emitFrame(b)
	return nil
}

// Level is a log level of the log import.
type Level int32

const (
	Debug Level = iota
	Info
	Warn
	Error
)

// Log sends a message to the host's logger, tagged with the node.
func Log(level Level, msg string) { logMessage(int32(level), msg) }
