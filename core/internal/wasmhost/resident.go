package wasmhost

import (
	"context"
	_ "embed"
	"fmt"
	"iter"

	"github.com/tetratelabs/wazero"
	"github.com/tetratelabs/wazero/api"
	"github.com/tetratelabs/wazero/experimental"
)

// driverWasm is driver.wat, compiled.
//
//go:embed driver.wasm
var driverWasm []byte

const (
	driverModule    = "remotemedia_driver" // host module of the step import
	driverGuestName = "rm_guest"           // what driver.wat imports the guest as
)

// Driver operations (driver.wat).
const (
	opReturn uint64 = iota
	opProcess
	opAlloc
	opFree
)

// residentOp is the driver operation for a guest export, or opReturn for
// the exports the host calls directly: the resident call runs only the ones
// called for every frame.
func residentOp(export string) uint64 {
	switch export {
	case exportProcess:
		return opProcess
	case exportAlloc:
		return opAlloc
	case exportFree:
		return opFree
	}
	return opReturn
}

// resident keeps one wazero call (driver.wat's run) open for the lifetime
// of a sandboxed instance, inside a coroutine (iter.Pull). Each guest call
// is a switch into that coroutine, which hands the operation to the driver
// through the step import. wazero starts a watcher goroutine for every call
// of compiled code that checks for termination, costing about a
// microsecond; this pays it once per instance instead of once per frame.
type resident struct {
	host    *Host
	driver  api.Module
	run     api.Function
	next    func() (struct{}, bool)
	stop    func()
	yield   func(struct{}) bool
	started bool // the driver asked for its first operation
	op      uint64
	stack   *[2]uint64 // the instance's params and results
	err     error      // why the driver returned
}

// instantiateDriverModule provides the driver's step import.
func instantiateDriverModule(ctx context.Context, r wazero.Runtime) error {
	_, err := r.NewHostModuleBuilder(driverModule).
		NewFunctionBuilder().
		WithGoModuleFunction(api.GoModuleFunc(hostStep), []api.ValueType{i64}, []api.ValueType{i32, i32, i32}).
		WithParameterNames("result").
		Export("step").
		Instantiate(ctx)
	return err
}

// newResident instantiates the driver against the guest instance in.api.
func newResident(ctx context.Context, in *Instance) (*resident, error) {
	resolve := experimental.WithImportResolver(ctx, func(name string) api.Module {
		if name == driverGuestName {
			return in.api
		}
		return nil
	})
	driver, err := in.mod.eng.runtime.InstantiateModule(resolve, in.mod.eng.driver, wazero.NewModuleConfig().WithName(""))
	if err != nil {
		return nil, fmt.Errorf("driver: %w", err)
	}
	r := &resident{host: in.mod.host, driver: driver, run: driver.ExportedFunction("run"), stack: &in.stack}
	r.host.mu.Lock()
	defer r.host.mu.Unlock()
	if r.host.residents == nil {
		r.host.residents = map[*resident]struct{}{}
	}
	r.host.residents[r] = struct{}{}
	return r, nil
}

// call runs op in the driver, starting it under ctx if it is not running.
func (r *resident) call(ctx context.Context, op uint64) error {
	if r.next == nil {
		r.started, r.err = false, nil
		r.next, r.stop = iter.Pull(func(yield func(struct{}) bool) {
			r.yield = yield
			r.err = r.run.CallWithStack(ctx, nil)
		})
	}
	r.op = op
	if _, ok := r.next(); !ok {
		r.next, r.stop, r.yield = nil, nil, nil
		if r.err == nil {
			r.err = fmt.Errorf("driver returned during %d", op)
		}
		return r.err
	}
	return nil
}

// close ends the driver's call, then frees its instance.
func (r *resident) close(ctx context.Context) error {
	r.host.mu.Lock()
	delete(r.host.residents, r)
	r.host.mu.Unlock()
	r.end()
	return r.driver.Close(ctx)
}

// end returns from the driver's call, which ends its coroutine (and
// wazero's watcher goroutine).
func (r *resident) end() {
	if r.stop != nil {
		r.stop()
		r.next, r.stop, r.yield = nil, nil, nil
	}
}

// stopResidents ends the resident calls of instances left open, so that a
// closed host leaves no goroutine behind. Their instances must be idle.
func (h *Host) stopResidents() {
	h.mu.Lock()
	defer h.mu.Unlock()
	for r := range h.residents {
		r.end()
	}
	h.residents = nil
}

// hostStep is the driver's step import: it returns the result of the
// previous operation to the host, waits for the next, and hands that to
// the driver.
func hostStep(ctx context.Context, _ api.Module, stack []uint64) {
	in, _ := ctx.Value(instanceKey{}).(*Instance)
	if in == nil || in.resident == nil {
		panic(fmt.Errorf("%s.step called outside a resident call", driverModule))
	}
	r := in.resident
	if r.started {
		r.stack[0] = stack[0]
		if !r.yield(struct{}{}) {
			stack[0] = opReturn
			return
		}
	}
	r.started = true
	stack[0], stack[1], stack[2] = r.op, r.stack[0], r.stack[1]
}

// compileDriver prepares resident calls, which only pay off when wazero
// watches calls for termination.
func (e *engine) compileDriver(ctx context.Context) error {
	if err := instantiateDriverModule(ctx, e.runtime); err != nil {
		return fmt.Errorf("driver: %w", err)
	}
	driver, err := e.runtime.CompileModule(ctx, driverWasm)
	if err != nil {
		return fmt.Errorf("driver: %w", err)
	}
	e.driver = driver
	return nil
}
