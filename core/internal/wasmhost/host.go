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
)

const wasmPageSize = 64 << 10

// Host compiles and instantiates WASM nodes. It is safe for concurrent use.
// The caller closes it once every node built from it is closed.
type Host struct {
	cfg    Config
	rc     wazero.RuntimeConfig // without the disk cache
	eng    *engine
	disk   *diskCache // nil without a disk cache
	cache  wazero.CompilationCache
	budget *memoryBudget // all instances' memory together

	mu        sync.Mutex
	noCache   *engine                // once the disk cache failed (compile.go)
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
	switch {
	case cfg.compileTimeout <= 0:
		return nil, fmt.Errorf("wasm host: compile timeout must be positive, got %v", cfg.compileTimeout)
	case cfg.pipelineMemory < wasmPageSize:
		return nil, fmt.Errorf("wasm host: pipeline memory limit %d bytes is below one 64 KiB page", cfg.pipelineMemory)
	case cfg.maxOutputFrames < 1 || cfg.maxOutputBytes < 1:
		return nil, fmt.Errorf("wasm host: output limits must be positive, got %d frames and %d bytes", cfg.maxOutputFrames, cfg.maxOutputBytes)
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
	h := &Host{cfg: cfg, rc: rc, budget: &memoryBudget{limit: cfg.pipelineMemory}}
	h.disk, h.cache = openDiskCache(cfg)
	var err error
	if h.eng, err = h.startEngine(ctx); err != nil {
		return nil, errors.Join(fmt.Errorf("wasm host: %w", err), h.closeCache(ctx))
	}
	return h, nil
}

// Config is the configuration the host was built with.
func (h *Host) Config() Config { return h.cfg }

// Close closes the runtime and every instance still open.
func (h *Host) Close(ctx context.Context) error {
	h.stopResidents()
	err := h.eng.close(ctx)
	h.mu.Lock()
	if h.noCache != nil {
		err = errors.Join(err, h.noCache.close(ctx))
	}
	h.mu.Unlock()
	return errors.Join(err, h.closeCache(ctx))
}

func (h *Host) closeCache(ctx context.Context) error {
	if h.cache == nil {
		return nil
	}
	return h.cache.Close(ctx)
}
