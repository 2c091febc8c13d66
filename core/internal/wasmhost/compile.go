package wasmhost

import (
	"context"
	"errors"
	"fmt"

	"github.com/tetratelabs/wazero"
	"github.com/tetratelabs/wazero/experimental"
)

// A failing disk cache is never fatal. On a cache error (diskcache.go) the
// cache is cleared and the work retried: wazero keeps what it compiled
// before a failed write in memory, so retrying after a full disk costs
// nothing, and after a corrupt entry it compiles afresh. If the cache
// fails again, the host compiles from then on in a second engine that has
// no disk cache.

// startEngine starts the host's main engine, whose driver is compiled
// through the cache like any module.
func (h *Host) startEngine(ctx context.Context) (*engine, error) {
	rc := h.rc
	if h.cache != nil {
		rc = rc.WithCompilationCache(h.cache)
	}
	var eng *engine
	ok, err := h.retryOnCacheError(func() (err error) {
		eng, err = newEngine(ctx, rc, h.cfg.callTimeout > 0)
		return err
	})
	if ok {
		return eng, err
	}
	_ = h.cache.Close(ctx) // the cache failed already; it must not fail the host too
	h.disk, h.cache = nil, nil
	return newEngine(ctx, h.rc, h.cfg.callTimeout > 0)
}

// compile compiles wasm, and says in which engine.
func (h *Host) compile(ctx context.Context, wasm []byte) (wazero.CompiledModule, *engine, error) {
	if eng := h.engineForCompile(); eng != h.eng || h.disk == nil {
		compiled, err := h.compileIn(ctx, eng, wasm)
		return compiled, eng, err
	}
	var compiled wazero.CompiledModule
	ok, err := h.retryOnCacheError(func() (err error) {
		compiled, err = h.compileIn(ctx, h.eng, wasm)
		return err
	})
	if ok {
		if err == nil {
			h.disk.trim()
		}
		return compiled, h.eng, err
	}
	eng, err := h.bypassCache(ctx)
	if err != nil {
		return nil, nil, err
	}
	compiled, err = h.compileIn(ctx, eng, wasm)
	return compiled, eng, err
}

// retryOnCacheError runs op, and once more after clearing the cache if it
// failed because of the cache. It reports false if the cache failed twice.
func (h *Host) retryOnCacheError(op func() error) (cacheOK bool, err error) {
	err = op()
	if err == nil || h.disk == nil || !isCacheError(err) {
		return true, err
	}
	h.disk.warn(warnCacheFailed, err)
	h.disk.clear()
	if err = op(); err == nil || !isCacheError(err) {
		return true, err
	}
	return false, err
}

// engineForCompile is the engine new modules go to.
func (h *Host) engineForCompile() *engine {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.noCache != nil {
		return h.noCache
	}
	return h.eng
}

// bypassCache starts, once, the engine without a disk cache.
func (h *Host) bypassCache(ctx context.Context) (*engine, error) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.noCache == nil {
		eng, err := newEngine(ctx, h.rc, h.cfg.callTimeout > 0)
		if err != nil {
			return nil, fmt.Errorf("wasm host without the compilation cache: %w", err)
		}
		h.noCache = eng
	}
	return h.noCache, nil
}

// errCompileDeadline is the cancel cause when compiling takes too long.
var errCompileDeadline = errors.New("compile deadline exceeded")

// compileWorkers: with more than one worker, wazero checks for
// cancellation before each function, so a deadline or a cancelled run
// (Ctrl-C) stops a compile within one function's time, which
// MaxFunctionControls bounds. With one worker it never checks.
const compileWorkers = 2

// compileIn compiles wasm in eng under the compile deadline and ctx.
func (h *Host) compileIn(ctx context.Context, eng *engine, wasm []byte) (wazero.CompiledModule, error) {
	ctx, cancel := context.WithTimeoutCause(ctx, h.cfg.compileTimeout, errCompileDeadline)
	defer cancel()
	compiled, err := eng.runtime.CompileModule(experimental.WithCompilationWorkers(ctx, compileWorkers), wasm)
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
