package wasmhost

import (
	"context"
	"errors"
	"fmt"

	"github.com/tetratelabs/wazero"
	"github.com/tetratelabs/wazero/experimental"
)

// errCompileDeadline is the cancel cause when compiling takes too long.
var errCompileDeadline = errors.New("compile deadline exceeded")

// compileWorkers: with more than one worker, wazero checks for
// cancellation before each function, so a deadline or a cancelled run
// (Ctrl-C) stops a compile within one function's time, which
// MaxFunctionControls bounds. With one worker it never checks.
const compileWorkers = 2

// compile compiles wasm under the compile deadline and ctx.
func (h *Host) compile(ctx context.Context, wasm []byte) (wazero.CompiledModule, error) {
	ctx, cancel := context.WithTimeoutCause(ctx, h.cfg.compileTimeout, errCompileDeadline)
	defer cancel()
	compiled, err := h.runtime.CompileModule(experimental.WithCompilationWorkers(ctx, compileWorkers), wasm)
	switch cause := context.Cause(ctx); {
	case err == nil:
		return compiled, nil
	case errors.Is(cause, errCompileDeadline):
		return nil, fmt.Errorf("compiling took longer than the %v compile deadline", h.cfg.compileTimeout)
	case cause != nil:
		return nil, fmt.Errorf("compile: %w", cause)
	}
	return nil, fmt.Errorf("compile: %w", err)
}
