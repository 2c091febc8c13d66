package wasmhost

import (
	"context"
	"fmt"
	"log/slog"
	"time"

	"github.com/remotemedia/remotemedia/core/frame"
	"github.com/remotemedia/remotemedia/core/internal/safetext"
	"github.com/tetratelabs/wazero"
	"github.com/tetratelabs/wazero/api"
)

// instantiateHostModule provides the "remotemedia" imports every guest may use.
func instantiateHostModule(ctx context.Context, r wazero.Runtime) error {
	_, err := r.NewHostModuleBuilder(HostModule).
		NewFunctionBuilder().
		WithGoModuleFunction(api.GoModuleFunc(hostLog), []api.ValueType{i32, i32, i32}, nil).
		WithParameterNames("level", "ptr", "len").
		Export(importLog).
		NewFunctionBuilder().
		WithGoModuleFunction(api.GoModuleFunc(hostEmit), []api.ValueType{i32, i32}, nil).
		WithParameterNames("ptr", "len").
		Export(importEmit).
		Instantiate(ctx)
	return err
}

// abort stops the guest call from inside an import: wazero turns the panic
// into the call's error, and callError reports hostErr instead of a trap.
func (in *Instance) abort(err error) {
	in.hostErr = err
	panic(err)
}

// hostEmit decodes one extra output frame and emits it downstream; it may
// block there (backpressure).
func hostEmit(ctx context.Context, m api.Module, stack []uint64) {
	in, _ := ctx.Value(instanceKey{}).(*Instance)
	if in == nil {
		panic(fmt.Errorf("%s.%s called outside a node call", HostModule, importEmit))
	}
	if in.out == nil {
		in.abort(fmt.Errorf("%s.%s is only allowed during rm_process and rm_flush", HostModule, importEmit))
	}
	ptr, n := uint32(stack[0]), uint32(stack[1])
	view, ok := m.Memory().Read(ptr, n)
	if !ok {
		in.abort(fmt.Errorf("emit: %d bytes at %d are outside guest memory", n, ptr))
	}
	if err := in.countOutput(n); err != nil {
		in.abort(fmt.Errorf("emit: %w", err))
	}
	f, err := frame.Decode(view)
	if err != nil {
		in.abort(fmt.Errorf("emit: invalid frame: %w", err))
	}
	if err := in.out.Emit(f); err != nil {
		in.abort(err)
	}
}

// hostLog forwards a guest message, made safe to show and capped, to the
// configured logger, within the instance's log budget.
func hostLog(ctx context.Context, m api.Module, stack []uint64) {
	in, _ := ctx.Value(instanceKey{}).(*Instance)
	if in == nil {
		return
	}
	level, ptr, n := int32(stack[0]), uint32(stack[1]), uint32(stack[2])
	view, ok := m.Memory().Read(ptr, n)
	if !ok {
		in.abort(fmt.Errorf("log: %d bytes at %d are outside guest memory", n, ptr))
	}
	// Charged before cleaning, so a flood of dropped messages costs nothing.
	allowed, dropped := in.logs.allow(min(len(view), MaxGuestMessage), time.Now())
	if dropped > 0 {
		in.noteDroppedLogs(dropped)
	}
	if allowed {
		msg := safetext.Clean(view, MaxGuestMessage)
		in.mod.host.cfg.log().Log(in.runCtx, logLevel(level), msg, "node", "wasm:"+in.mod.name)
	}
}

// noteDroppedLogs says that the log budget dropped n guest messages.
func (in *Instance) noteDroppedLogs(n int) {
	in.mod.host.cfg.log().Log(in.runCtx, slog.LevelWarn,
		fmt.Sprintf("%d guest log messages dropped: over the log budget (%d KiB, then %d KiB/s per instance)", n, LogBurstBytes>>10, LogRateBytes>>10),
		"node", "wasm:"+in.mod.name)
}

// logLevel maps the ABI's levels (0 debug, 1 info, 2 warn, 3 error).
func logLevel(l int32) slog.Level {
	switch {
	case l <= 0:
		return slog.LevelDebug
	case l == 1:
		return slog.LevelInfo
	case l == 2:
		return slog.LevelWarn
	}
	return slog.LevelError
}
