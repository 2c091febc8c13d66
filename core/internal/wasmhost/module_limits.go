package wasmhost

import (
	"fmt"
	"time"
)

// Load-time limits: what a module may cost the host before it runs.
// Compile time grows with the square of the control instructions in one
// function (10,000 br_if compile in about 1 s, 30,000 in 9 s, 100,000
// nested blocks in 47 s), so one function's count is capped before wazero
// sees it, and the compile deadline bounds the rest.
const (
	// MaxModuleSize is the largest module the host compiles. Go guests are
	// about 5 MB.
	MaxModuleSize = 32 << 20
	// MaxFunctionControls caps block, loop, if, else and branch instructions
	// in one function. The largest function of a Go guest has about 1,600.
	MaxFunctionControls = 10_000
	// DefaultCompileTimeout bounds compiling one module. A Go guest compiles
	// in about a second.
	DefaultCompileTimeout = 30 * time.Second
)

// moduleLimits is what the load-time pass finds an instance may reach.
type moduleLimits struct {
	tableEntries uint32 // entries of all its tables (table_limit.go)
	frameBytes   int64  // stack one call frame may take (callstack.go)
}

// limitModule checks wasm against the load-time limits, in one pass over
// its sections (module_scan.go), and returns the bytes to compile, with its
// tables capped (table_limit.go), and what an instance may reach.
func (h *Host) limitModule(wasm []byte) ([]byte, moduleLimits, error) {
	if len(wasm) > MaxModuleSize {
		return nil, moduleLimits{}, fmt.Errorf("module is %d bytes, over the %d-byte limit", len(wasm), MaxModuleSize)
	}
	shape, err := scanModule(wasm)
	if err != nil {
		return nil, moduleLimits{}, fmt.Errorf("compile: %w", err)
	}
	if shape.maxControls > MaxFunctionControls {
		return nil, moduleLimits{}, fmt.Errorf("function %d has %d control instructions (blocks, branches), over the limit of %d: it would take too long to compile",
			shape.controlsFunc, shape.maxControls, MaxFunctionControls)
	}
	capped, entries, err := capTables(wasm, shape, tableEntryBudget(h.cfg.memoryLimit))
	if err != nil {
		return nil, moduleLimits{}, err
	}
	return capped, moduleLimits{tableEntries: entries, frameBytes: frameBytes(shape)}, nil
}
