// Package wasmhost runs WebAssembly nodes (ABI v1, docs/WASM_ABI.md) on
// wazero, sandboxed: no filesystem, network or environment, a fake clock
// unless granted, a memory cap per instance and a deadline per call.
//
// A Host owns one wazero runtime. Compile a module once with Host.Compile or
// Host.NewSpec, then every node built from the spec gets its own long-lived
// instance with cached function handles.
package wasmhost

import (
	"context"
	"errors"
	"fmt"
	"sync"

	"github.com/tetratelabs/wazero"
	"github.com/tetratelabs/wazero/imports/wasi_snapshot_preview1"
)

const wasmPageSize = 64 << 10

// Host compiles and instantiates WASM nodes. It is safe for concurrent use.
// The caller closes it once every node built from it is closed.
type Host struct {
	cfg     Config
	runtime wazero.Runtime
	cache   wazero.CompilationCache
	driver  wazero.CompiledModule // driver.wat, when calls have a deadline
	imports providedImports       // what guests may import

	mu        sync.Mutex
	residents map[*resident]struct{} // of instances not closed yet
}

// NewHost starts a wazero runtime (compiler mode where supported) with cfg's
// limits and the on-disk compilation cache.
func NewHost(ctx context.Context, cfg Config) (*Host, error) {
	if cfg.memoryLimit < wasmPageSize {
		return nil, fmt.Errorf("wasm host: memory limit %d bytes is below one 64 KiB page", cfg.memoryLimit)
	}
	if cfg.callTimeout < 0 {
		return nil, fmt.Errorf("wasm host: call timeout must not be negative, got %v", cfg.callTimeout)
	}
	pages := cfg.memoryLimit / wasmPageSize
	if pages > 65536 {
		pages = 65536
	}
	// Interruptible code checks for termination at every loop iteration by
	// calling into Go, which is what makes deadlines and cancellation work
	// and what slows loops down (docs/WASM_ABI.md, "Limits").
	rc := wazero.NewRuntimeConfig().
		WithMemoryLimitPages(uint32(pages)).
		WithCloseOnContextDone(cfg.callTimeout > 0)
	h := &Host{cfg: cfg}
	if dir := cfg.CacheDir(); dir != "" {
		cache, err := wazero.NewCompilationCacheWithDir(dir)
		if err != nil {
			return nil, fmt.Errorf("wasm host: compilation cache %s: %w", dir, err)
		}
		h.cache = cache
		rc = rc.WithCompilationCache(cache)
	}
	h.runtime = wazero.NewRuntimeWithConfig(ctx, rc)
	if _, err := wasi_snapshot_preview1.Instantiate(ctx, h.runtime); err != nil {
		return nil, errors.Join(fmt.Errorf("wasm host: wasi: %w", err), h.Close(ctx))
	}
	if err := instantiateHostModule(ctx, h.runtime); err != nil {
		return nil, errors.Join(fmt.Errorf("wasm host: %w", err), h.Close(ctx))
	}
	h.imports = newProvidedImports(h.runtime, wasiModule, HostModule)
	if cfg.callTimeout > 0 {
		if err := h.compileDriver(ctx); err != nil {
			return nil, errors.Join(fmt.Errorf("wasm host: %w", err), h.Close(ctx))
		}
	}
	return h, nil
}

// Config is the configuration the host was built with.
func (h *Host) Config() Config { return h.cfg }

// Close closes the runtime and every instance still open.
func (h *Host) Close(ctx context.Context) error {
	h.stopResidents()
	err := h.runtime.Close(ctx)
	if h.cache != nil {
		err = errors.Join(err, h.cache.Close(ctx))
	}
	return err
}
