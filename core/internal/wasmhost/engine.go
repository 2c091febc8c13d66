package wasmhost

import (
	"context"
	"errors"
	"fmt"

	"github.com/tetratelabs/wazero"
	"github.com/tetratelabs/wazero/imports/wasi_snapshot_preview1"
)

// engine is one wazero runtime with everything a guest links against:
// WASI, the remotemedia imports and, when calls have a deadline, the
// driver. A module is compiled, and its instances live, in one engine.
// A host has one, plus a second one without the disk cache if the cache
// fails (compile.go).
type engine struct {
	runtime wazero.Runtime
	driver  wazero.CompiledModule // driver.wat, when calls have a deadline
	imports providedImports       // what guests may import
}

func newEngine(ctx context.Context, rc wazero.RuntimeConfig, withDriver bool) (*engine, error) {
	e := &engine{runtime: wazero.NewRuntimeWithConfig(ctx, rc)}
	if _, err := wasi_snapshot_preview1.Instantiate(ctx, e.runtime); err != nil {
		return nil, errors.Join(fmt.Errorf("wasi: %w", err), e.close(ctx))
	}
	if err := instantiateHostModule(ctx, e.runtime); err != nil {
		return nil, errors.Join(err, e.close(ctx))
	}
	e.imports = newProvidedImports(e.runtime, wasiModule, HostModule)
	if withDriver {
		if err := e.compileDriver(ctx); err != nil {
			return nil, errors.Join(err, e.close(ctx))
		}
	}
	return e, nil
}

func (e *engine) close(ctx context.Context) error { return e.runtime.Close(ctx) }
