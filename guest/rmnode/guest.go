package rmnode

import (
	"encoding/json"
	"errors"
	"fmt"
	"unsafe"

	"github.com/remotemedia/remotemedia/core/frame"
	"github.com/remotemedia/remotemedia/core/node"
)

// errorLen is the out_len that tells the host to call rm_last_error.
const errorLen = 0xFFFFFFFF

// guest is the module's state behind the ABI exports. It is plain Go, so it
// is tested on any platform; exports_wasip1.go only converts pointers.
type guest struct {
	node Node
	// live keeps every buffer handed to the host reachable until rm_free,
	// so the garbage collector cannot reuse it (Go's GC does not move).
	live map[uintptr][]byte
	// out is the one output buffer, reused by every call: the module
	// exports rm_keeps_output, so the host copies an output before its
	// next call and never frees it.
	out     []byte
	lastErr []byte
}

var theGuest = guest{live: map[uintptr][]byte{}}

func addr(b []byte) uintptr { return uintptr(unsafe.Pointer(unsafe.SliceData(b))) }

func (g *guest) alloc(size uint32) []byte {
	b := make([]byte, max(size, 1)) // never the shared zero-size address
	g.live[addr(b)] = b
	return b[:size]
}

func (g *guest) free(ptr uintptr) { delete(g.live, ptr) }

// init decodes params and hands them to the node's Init; 0 means ok.
func (g *guest) init(params []byte) int32 {
	err := g.guard(func() error {
		init, ok := g.node.(Initializer)
		if !ok {
			return nil
		}
		p, err := decodeParams(params)
		if err != nil {
			return err
		}
		return init.Init(p)
	})
	if err != nil {
		g.setError(err)
		return 1
	}
	return 0
}

// process decodes one input frame, runs the node and returns the encoded
// output: nil for none, and ok false after recording an error.
func (g *guest) process(in []byte) (out []byte, ok bool) {
	var res *frame.Frame
	err := g.guard(func() error {
		f, err := frame.Decode(in)
		if err != nil {
			return fmt.Errorf("input: %w", err)
		}
		res, err = g.node.Process(f)
		return err
	})
	return g.output(res, err)
}

func (g *guest) flush() (out []byte, ok bool) {
	var res *frame.Frame
	err := g.guard(func() error {
		flusher, ok := g.node.(Flusher)
		if !ok {
			return nil
		}
		var err error
		res, err = flusher.Flush()
		return err
	})
	return g.output(res, err)
}

func (g *guest) output(res *frame.Frame, err error) ([]byte, bool) {
	if err != nil {
		g.setError(err)
		return nil, false
	}
	if res == nil {
		return nil, true
	}
	b, err := frame.AppendEncode(g.out[:0], res)
	if err != nil {
		g.setError(fmt.Errorf("output: %w", err))
		return nil, false
	}
	g.out = b
	return b, true
}

// guard runs f and turns a panic into an error, so a bug in a node is
// reported as that node's error rather than a trap.
func (g *guest) guard(f func() error) (err error) {
	if g.node == nil {
		return errors.New("no node registered: call rmnode.Register from an init function")
	}
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("panic: %v", r)
		}
	}()
	return f()
}

func (g *guest) setError(err error) { g.lastErr = []byte(err.Error()) }

// decodeParams reads the params object; encoding/json gives numbers as
// float64, which is what node.Params' accessors expect.
func decodeParams(b []byte) (node.Params, error) {
	p := node.Params{}
	if len(b) == 0 {
		return p, nil
	}
	if err := json.Unmarshal(b, &p); err != nil {
		return nil, fmt.Errorf("params: %w", err)
	}
	return p, nil
}
