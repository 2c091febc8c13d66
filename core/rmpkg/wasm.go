package rmpkg

import (
	"context"
	"fmt"
	"maps"
	"slices"

	impl "github.com/remotemedia/remotemedia/core/internal/rmpkg"
	"github.com/remotemedia/remotemedia/core/internal/wasmhost"
	"github.com/remotemedia/remotemedia/core/node"
)

// withCheckHost runs fn with a temporary WASM host with the default limits
// and no disk cache: checking a package must not fill the compilation cache
// with code that may never run.
func withCheckHost(ctx context.Context, fn func(*wasmhost.Host) error) error {
	host, err := wasmhost.NewHost(ctx, wasmhost.NewConfig().WithCacheDir(""))
	if err != nil {
		return fmt.Errorf("cannot start the WASM host to check modules: %w", err)
	}
	defer host.Close(ctx)
	return fn(host)
}

// hostConfig applies the manifest's runtime.wasm limits to base. The error
// is an *InvalidError with the problems Validate reports for the block.
func hostConfig(p *Package, base wasmhost.Config) (wasmhost.Config, error) {
	runtime := p.Runtime()
	if err := impl.ManifestError(wasmhost.RuntimeProblems(runtime)); err != nil {
		return base, err
	}
	return wasmhost.ConfigFromRuntime(base, runtime)
}

// registerWASM compiles every nodes/<name>.wasm and registers its spec,
// "wasm:<name>", in reg (pass a clone, never the default registry).
func registerWASM(ctx context.Context, p *Package, h *wasmhost.Host, reg *node.Registry) error {
	modules := p.WASMModules()
	for _, name := range slices.Sorted(maps.Keys(modules)) {
		spec, err := h.NewSpec(ctx, name, modules[name])
		if err != nil {
			return fmt.Errorf("%s%s.wasm: %w", impl.NodesDir, name, err)
		}
		if err := reg.Replace(spec); err != nil {
			return err
		}
	}
	return nil
}
