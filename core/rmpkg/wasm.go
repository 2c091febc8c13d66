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

// checkHost is the WASM check of Validate and Create: the runtime block's
// rules, and a temporary host with the default limits and no disk cache
// (checking a package must not fill the compilation cache with code that
// may never run), started only for a package that has modules. Call close
// when done.
type checkHost struct {
	host *wasmhost.Host
	err  error
}

func (c *checkHost) RuntimeProblems(runtime map[string]any) []string {
	return wasmhost.RuntimeProblems(runtime)
}

func (c *checkHost) CheckModule(ctx context.Context, name string, wasm []byte) error {
	if c.host == nil && c.err == nil {
		if c.host, c.err = wasmhost.NewHost(ctx, wasmhost.NewConfig().WithCacheDir("")); c.err != nil {
			c.err = fmt.Errorf("cannot start the WASM host to check modules: %w", c.err)
		}
	}
	if c.err != nil {
		return c.err
	}
	return c.host.CheckModule(ctx, name, wasm)
}

func (c *checkHost) close(ctx context.Context) {
	if c.host != nil {
		_ = c.host.Close(ctx)
	}
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
