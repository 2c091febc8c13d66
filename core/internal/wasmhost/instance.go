package wasmhost

import (
	"bytes"
	"context"
	"errors"
	"fmt"

	"github.com/remotemedia/remotemedia/core/frame"
	"github.com/remotemedia/remotemedia/core/node"
	"github.com/tetratelabs/wazero"
	"github.com/tetratelabs/wazero/api"
	"github.com/tetratelabs/wazero/experimental"
)

// minInputBuffer avoids re-allocating guest memory for every slightly
// larger input.
const minInputBuffer = 1 << 10

// Instance is one long-lived, sandboxed instance of a Module. Its methods
// must not be called concurrently: a node owns one instance, and a node is
// never called concurrently.
type Instance struct {
	mod *Module
	api api.Module
	mem api.Memory

	// The exports called for every frame. The others are looked up per
	// call (a nil fn to call), so their call stacks do not outlive it
	// (callstack.go).
	alloc, free, process api.Function
	// keepsOutput: the guest owns its outputs (rm_keeps_output returned 1),
	// so the host skips one guest call per frame.
	keepsOutput bool

	stack    [2]uint64
	inPtr    uint32 // guest buffer the host reuses for inputs
	inCap    uint32
	scratch  []byte // host buffer inputs are encoded into
	out      node.Emitter
	hostErr  error // set by a host import that aborted the call
	stopped  error // set once a deadline or cancellation closed the instance
	deadline *deadline
	resident *resident       // sandboxed instances: runs the per-frame calls
	runCtx   context.Context // the caller's context during a call, for logs
	output   output
	produced outputCount // frames produced for the current input
	logs     logBudget

	memory     *budgetedMemory // linear memory, counted in the host's budget
	fixedBytes int64           // the most tables and call stacks may hold, reserved in the budget
}

// Instantiate makes a new instance: memory, WASI reactor start
// (_initialize), then an ABI version check.
func (m *Module) Instantiate(ctx context.Context) (*Instance, error) {
	in := &Instance{mod: m, runCtx: ctx}
	in.deadline = newDeadline(m.host.cfg.callTimeout, in)
	mc := wazero.NewModuleConfig().
		WithName("").
		WithStartFunctions(exportInitialize).
		WithStdout(&in.output).
		WithStderr(&in.output)
	if m.host.cfg.sysClock {
		mc = mc.WithSysWalltime().WithSysNanotime().WithSysNanosleep()
	}
	if err := in.reserveMemory(); err != nil {
		in.deadline.close()
		return nil, err
	}
	in.deadline.watch(ctx)
	in.deadline.start()
	withBudget := experimental.WithMemoryAllocator(in.deadline.life, experimental.MemoryAllocatorFunc(in.memory.allocate))
	mod, err := m.eng.runtime.InstantiateModule(withBudget, m.compiled, mc)
	in.deadline.stop()
	if err != nil {
		// Explain first: closing the deadline cancels its context, which
		// would hide the real cause behind "context canceled".
		err = in.callError(ctx, "instantiate", err)
		in.deadline.close()
		in.releaseMemory()
		return nil, err
	}
	in.api, in.mem = mod, mod.ExportedMemory(exportMemory)
	in.alloc = mod.ExportedFunction(exportAlloc)
	in.free = mod.ExportedFunction(exportFree)
	in.process = mod.ExportedFunction(exportProcess)

	if err := in.call(ctx, exportABIVersion, nil); err != nil {
		return nil, errors.Join(err, in.Close(ctx))
	}
	if v := uint32(in.stack[0]); v != ABIVersion {
		return nil, errors.Join(in.errorf("rm_abi_version returned %d; this host speaks ABI v%d", v, ABIVersion), in.Close(ctx))
	}
	if m.exports[exportKeeps] {
		if err := in.call(ctx, exportKeeps, nil); err != nil {
			return nil, errors.Join(err, in.Close(ctx))
		}
		in.keepsOutput = uint32(in.stack[0]) == 1
	}
	if m.eng.driver != nil {
		if in.resident, err = newResident(in.deadline.life, in); err != nil {
			return nil, errors.Join(in.errorf("%w", err), in.Close(ctx))
		}
	}
	return in, nil
}

// Init passes the node's params (UTF-8 JSON) to rm_init. A module without
// rm_init accepts only empty params.
func (in *Instance) Init(ctx context.Context, params []byte) error {
	in.beginCall()
	if !in.mod.exports[exportInit] {
		if len(params) > 0 && !bytes.Equal(params, []byte("{}")) {
			return in.errorf("params %s given, but the module exports no rm_init to receive them", params)
		}
		return nil
	}
	ptr, err := in.writeInput(ctx, params)
	if err != nil {
		return err
	}
	in.stack[0], in.stack[1] = uint64(ptr), uint64(len(params))
	if err := in.call(ctx, exportInit, nil); err != nil {
		return err
	}
	if status := int32(in.stack[0]); status != 0 {
		return in.guestError(ctx, exportInit, fmt.Sprintf("status %d", status))
	}
	return nil
}

// Process sends one frame to rm_process and emits what the guest returns,
// after any frames it emitted through the emit import.
func (in *Instance) Process(ctx context.Context, f *frame.Frame, out node.Emitter) error {
	in.beginCall()
	encoded, err := frame.AppendEncode(in.scratch[:0], f)
	if err != nil {
		return in.errorf("encode input: %w", err)
	}
	in.scratch = encoded[:0]
	ptr, err := in.writeInput(ctx, encoded)
	if err != nil {
		return err
	}
	in.stack[0], in.stack[1] = uint64(ptr), uint64(len(encoded))
	in.out = out
	err = in.call(ctx, exportProcess, in.process)
	in.out = nil
	if err != nil {
		return err
	}
	return in.takeOutput(ctx, exportProcess, in.stack[0], out)
}

// Flush calls rm_flush, when the module exports it, at end of stream.
func (in *Instance) Flush(ctx context.Context, out node.Emitter) error {
	if !in.mod.exports[exportFlush] {
		return nil
	}
	in.beginCall()
	in.out = out
	err := in.call(ctx, exportFlush, nil)
	in.out = nil
	if err != nil {
		return err
	}
	return in.takeOutput(ctx, exportFlush, in.stack[0], out)
}

// Close frees the instance's memory. It is safe to call more than once.
func (in *Instance) Close(ctx context.Context) error {
	if n := in.logs.pending(); n > 0 {
		in.noteDroppedLogs(n)
	}
	var err error
	if in.resident != nil {
		err = in.resident.close(ctx)
		in.resident = nil
	}
	in.deadline.close()
	if in.api == nil {
		return err
	}
	err = errors.Join(err, in.api.Close(ctx))
	in.api = nil
	in.releaseMemory()
	return err
}

// MemorySize is the instance's current linear memory size in bytes.
func (in *Instance) MemorySize() uint32 { return in.mem.Size() }

// call runs one guest function under the per-call deadline. Params and
// results travel in in.stack. A nil fn is looked up for this call only, so
// its call stack does not outlive it (callstack.go).
func (in *Instance) call(ctx context.Context, name string, fn api.Function) error {
	if in.api == nil {
		return in.errorf("%s: instance is closed", name)
	}
	if fn == nil {
		fn = in.api.ExportedFunction(name)
	}
	if in.stopped != nil {
		return in.errorf("%s: instance was stopped earlier: %w", name, in.stopped)
	}
	if err := ctx.Err(); err != nil || in.deadline.stopped() {
		return in.callError(ctx, name, err)
	}
	in.deadline.watch(ctx)
	in.runCtx, in.hostErr = ctx, nil
	in.deadline.start()
	var err error
	// A guest that closed itself (WASI proc_exit) gets wazero's error on
	// every later call, as a direct call reports it.
	if op := residentOp(name); op != opReturn && in.resident != nil && !in.api.IsClosed() {
		err = in.resident.call(in.deadline.life, op)
	} else {
		err = fn.CallWithStack(in.deadline.life, in.stack[:])
	}
	in.deadline.stop()
	if err != nil || in.deadline.stopped() {
		return in.callError(ctx, name, err)
	}
	return nil
}

// writeInput copies data into the reusable guest input buffer, growing it
// with rm_alloc/rm_free when too small.
func (in *Instance) writeInput(ctx context.Context, data []byte) (uint32, error) {
	if n := uint32(len(data)); n > in.inCap {
		if in.inCap > 0 {
			in.stack[0], in.stack[1] = uint64(in.inPtr), uint64(in.inCap)
			in.inPtr, in.inCap = 0, 0
			if err := in.call(ctx, exportFree, in.free); err != nil {
				return 0, err
			}
		}
		size := max(n+n/4, minInputBuffer)
		in.stack[0] = uint64(size)
		if err := in.call(ctx, exportAlloc, in.alloc); err != nil {
			return 0, err
		}
		ptr := uint32(in.stack[0])
		if ptr == 0 {
			return 0, in.errorf("rm_alloc(%d) returned 0: out of guest memory", size)
		}
		in.inPtr, in.inCap = ptr, size
	}
	if !in.mem.Write(in.inPtr, data) {
		return 0, in.errorf("rm_alloc returned %d, but %d bytes there are outside guest memory", in.inPtr, len(data))
	}
	return in.inPtr, nil
}

// takeOutput decodes the frame a guest returned, frees it unless the guest
// keeps its outputs, and emits it.
func (in *Instance) takeOutput(ctx context.Context, name string, result uint64, out node.Emitter) error {
	ptr, n := unpack(result)
	switch n {
	case 0:
		return nil
	case errorLen:
		return in.guestError(ctx, name, "")
	}
	view, ok := in.mem.Read(ptr, n)
	if !ok {
		return in.errorf("%s returned %d bytes at %d, outside guest memory", name, n, ptr)
	}
	limitErr := in.countOutput(n)
	var f *frame.Frame
	var decodeErr error
	if limitErr == nil {
		f, decodeErr = frame.Decode(view) // copies: guest memory may change later
	}
	if !in.keepsOutput {
		in.stack[0], in.stack[1] = uint64(ptr), uint64(n)
		if err := in.call(ctx, exportFree, in.free); err != nil {
			return err
		}
	}
	if limitErr != nil {
		return in.errorf("%s: %w", name, limitErr)
	}
	if decodeErr != nil {
		return in.errorf("%s returned an invalid frame: %w", name, decodeErr)
	}
	return out.Emit(f)
}
