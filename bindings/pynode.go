package bindings

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"strconv"
	"strings"

	"github.com/remotemedia/remotemedia/core/frame"
	"github.com/remotemedia/remotemedia/core/node"
)

// Operations of a call into a Python node adapter (remotemedia._adapter).
const (
	opProcess = 0
	opInit    = 1
	opFlush   = 2
	opClose   = 3
	opNew     = 4 // a factory call: data is the params JSON, aux the type name
	opForget  = 5 // drop the kept Python exception whose id is ival
)

// pyErrorPrefix starts the message of an exception raised by user code in a
// Python node: "<prefix><id>\n<formatted traceback>". The id lets the
// Python side attach the original exception object as __cause__.
const pyErrorPrefix = "remotemedia-pyerror:"

// pyNode is a node.Node whose methods run a Python adapter object through
// the cgo bridge. The executor never calls one instance concurrently, so
// out is plain state for the duration of a call.
type pyNode struct {
	adapter pyObject
	token   int64
	out     node.Emitter
	emitErr error
	// inMeta is the metadata of the input being processed. Outputs inherit
	// it, as Go nodes' outputs do; keys an output sets itself (rm.Audio's
	// meta) win.
	inMeta map[string]any
	// busy lets a cancelled run interrupt the node's running call;
	// stopInterrupt unregisters that for the run.
	busy          callBusy
	stopInterrupt func() bool
}

var (
	_ node.Node        = (*pyNode)(nil)
	_ node.Initializer = (*pyNode)(nil)
	_ node.Flusher     = (*pyNode)(nil)
	_ node.Closer      = (*pyNode)(nil)
)

// newPyNode asks the Python factory for a node adapter of typeName.
func newPyNode(factory pyObject, typeName string, params node.Params) (node.Node, error) {
	text, err := encodeParams(params)
	if err != nil {
		return nil, err
	}
	n := &pyNode{}
	n.token = addTarget(n)
	obj, err := factory.invoke(&callArgs{op: opNew, data: text, aux: typeName, token: n.token}, true, nil)
	if err != nil {
		dropTarget(n.token)
		return nil, pyError(err)
	}
	n.adapter = obj
	return n, nil
}

func (n *pyNode) put(f *frame.Frame) (bool, error) {
	if n.out == nil {
		return false, errors.New("emit: the node is not running")
	}
	if err := n.out.Emit(inheritMeta(f, n.inMeta)); err != nil {
		n.emitErr = err
		return false, err
	}
	return true, nil
}

func (n *pyNode) run(a *callArgs, out node.Emitter) error {
	n.out, n.emitErr = out, nil
	a.token = n.token
	if a.op != opClose {
		a.busy = &n.busy // cleanup always runs to its end
	}
	var r returned
	err := n.adapter.callValue(a, &r)
	if err != nil && a.busy != nil && n.busy.wasInterrupted() {
		// The run was cancelled: its error is the cancellation, and the
		// KeyboardInterrupt the node raised need not be kept.
		n.forget(err)
		return pyError(err)
	}
	if err == nil && r.kind != kindNull && n.emitErr == nil {
		n.emitErr = n.emitReturned(&r)
	}
	n.out = nil
	if n.emitErr != nil {
		// The run is stopping and Python saw Emit fail: report the run's
		// own error, and let Python drop the exception it kept for us.
		n.forget(err)
		return n.emitErr
	}
	return pyError(err)
}

// forget lets Python drop the exception it kept for err, which will not be
// reported.
func (n *pyNode) forget(err error) {
	var pe *pyNodeError
	if errors.As(pyError(err), &pe) {
		_ = n.adapter.call(&callArgs{op: opForget, ival: pe.id, token: n.token})
	}
}

// emitReturned emits the plain value the adapter returned instead of
// calling Emit itself (one crossing fewer per item).
func (n *pyNode) emitReturned(r *returned) error {
	var f *frame.Frame
	switch r.kind {
	case kindBool:
		f = frame.JSON(r.ival != 0)
	case kindInt:
		f = frame.JSON(r.ival)
	case kindFloat:
		var err error
		if f, err = jsonNumber(r.fval); err != nil {
			return err
		}
	case kindText:
		f = frame.Text(r.text)
	case kindBytes:
		f = frame.Bytes(r.bytes)
	case kindUnencodable:
		return fmt.Errorf("returned text that UTF-8 cannot encode: %s", r.text)
	default:
		return fmt.Errorf("bridge: unexpected return kind %d", r.kind)
	}
	if n.out == nil {
		return errors.New("emit: the node is not running")
	}
	return n.out.Emit(inheritMeta(f, n.inMeta))
}

// inheritMeta gives f the input's metadata under its own: a key both set
// keeps f's value.
func inheritMeta(f *frame.Frame, in map[string]any) *frame.Frame {
	if len(in) == 0 {
		return f
	}
	own := f.Meta()
	if len(own) == 0 {
		return f.WithMeta(in)
	}
	merged := maps.Clone(in)
	maps.Copy(merged, own)
	return f.WithMeta(merged)
}

func (n *pyNode) Process(ctx context.Context, in *frame.Frame, out node.Emitter) error {
	// The executor may hand over a batch of queued items at once; checking
	// here keeps cancellation prompt when Python is slow per item.
	if err := ctx.Err(); err != nil {
		return err
	}
	a := callArgs{op: opProcess}
	if err := frameArgs(in, &a); err != nil {
		return err
	}
	n.inMeta = in.Meta()
	defer func() { n.inMeta = nil }()
	return n.run(&a, out)
}

func (n *pyNode) Init(ctx context.Context) error {
	n.stopInterrupt = context.AfterFunc(ctx, n.interrupt)
	// ival tells the adapter the run mode, which it gives the node (Node.run_mode).
	return n.run(&callArgs{op: opInit, ival: int64(node.RunModeOf(ctx))}, nil)
}

// interrupt runs once the run's context is done, on a goroutine of its own.
func (n *pyNode) interrupt() {
	defer func() { _ = recover() }() // never let a panic abort the interpreter
	n.busy.interrupt()
}

func (n *pyNode) Flush(_ context.Context, out node.Emitter) error {
	return n.run(&callArgs{op: opFlush}, out)
}

func (n *pyNode) Close() error {
	if n.stopInterrupt != nil {
		n.stopInterrupt()
	}
	err := n.run(&callArgs{op: opClose}, nil)
	n.adapter.release()
	n.adapter = pyObject{}
	dropTarget(n.token)
	return err
}

// pyError turns the str() of an exception raised through the bridge into a
// Go error, keeping the id of a user exception so Python can chain it.
func pyError(err error) error {
	if err == nil {
		return nil
	}
	msg := err.Error()
	rest, ok := strings.CutPrefix(msg, pyErrorPrefix)
	if !ok {
		return err
	}
	idText, tb, _ := strings.Cut(rest, "\n")
	id, perr := strconv.ParseInt(idText, 10, 64)
	if perr != nil {
		return err
	}
	return &pyNodeError{id: id, traceback: strings.TrimRight(tb, "\n")}
}
