package wasmhost

import (
	"context"
	"fmt"
	"strings"

	"github.com/tetratelabs/wazero"

	"github.com/remotemedia/remotemedia/core/internal/wasmbin"
)

// wasmMagic starts every binary module.
var wasmMagic = wasmbin.Magic[:]

// Module is a compiled WASM node, checked against the ABI. Instances made
// from it share its compiled code.
type Module struct {
	name     string
	host     *Host
	eng      *engine // where it was compiled, and where its instances live
	compiled wazero.CompiledModule
	exports  map[string]bool
	limits   moduleLimits // what an instance may reach
}

// ABIError lists every way a module breaks the ABI, found at load time.
type ABIError struct {
	Module   string
	Problems []string
}

func (e *ABIError) Error() string {
	return fmt.Sprintf("wasm module %s does not implement ABI v%d: %s", e.Module, ABIVersion, strings.Join(e.Problems, "; "))
}

// Compile checks wasm against the load-time limits (module_limits.go),
// compiles it (using the compilation caches) under the compile deadline,
// and checks its exports and imports against the ABI, so a broken module
// fails here, before any input.
func (h *Host) Compile(ctx context.Context, name string, wasm []byte) (*Module, error) {
	if !wasmbin.HasMagic(wasm) {
		return nil, fmt.Errorf("wasm module %s: not a wasm binary (bad magic)", name)
	}
	limited, limits, err := h.limitModule(wasm)
	if err != nil {
		return nil, fmt.Errorf("wasm module %s: %w", name, err)
	}
	compiled, eng, err := h.compile(ctx, limited)
	if err != nil {
		return nil, fmt.Errorf("wasm module %s: %w", name, err)
	}
	if problems := checkABI(compiled, eng.imports); len(problems) > 0 {
		_ = compiled.Close(ctx)
		return nil, &ABIError{Module: name, Problems: problems}
	}
	m := &Module{name: name, host: h, eng: eng, compiled: compiled, exports: map[string]bool{}, limits: limits}
	for export := range compiled.ExportedFunctions() {
		m.exports[export] = true
	}
	return m, nil
}

// Name is the module's node name (the <name> of "wasm:<name>").
func (m *Module) Name() string { return m.name }

// Close frees the compiled code. Instances must be closed first.
func (m *Module) Close(ctx context.Context) error { return m.compiled.Close(ctx) }
