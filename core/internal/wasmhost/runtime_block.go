package wasmhost

import (
	"encoding/json"
	"fmt"
	"time"
)

// Manifest keys, under "runtime": {"wasm": {...}}, that override Config for
// one pipeline. They are manifest-level because a WASM node's own params are
// opaque: they all go to its rm_init.
const (
	KeyRuntimeWASM    = "wasm"
	KeyMemoryLimitMiB = "memory_limit_mib"
	KeyCallTimeoutMS  = "call_timeout_ms"
	KeyAllowClock     = "allow_clock"
)

// Ceilings on what a manifest may ask for: a package is untrusted input, so
// it may tighten the application's limits or raise them this far, and never
// turn the deadline off.
const (
	MaxManifestMemoryMiB     = 4096 // all a wasm32 memory can address
	MaxManifestCallTimeoutMS = 60_000
)

// ConfigFromRuntime applies a manifest's runtime block to base. A nil block,
// or one without a "wasm" object, returns base unchanged.
func ConfigFromRuntime(base Config, runtime map[string]any) (Config, error) {
	raw, ok := runtime[KeyRuntimeWASM]
	if !ok {
		return base, nil
	}
	block, ok := raw.(map[string]any)
	if !ok {
		return base, fmt.Errorf("runtime.%s must be an object", KeyRuntimeWASM)
	}
	for key, v := range block {
		switch key {
		case KeyMemoryLimitMiB:
			n, err := inRange(v, MaxManifestMemoryMiB)
			if err != nil {
				return base, fmt.Errorf("runtime.wasm.%s %w", key, err)
			}
			base = base.WithMemoryLimit(int64(n * (1 << 20)))
		case KeyCallTimeoutMS:
			n, err := inRange(v, MaxManifestCallTimeoutMS)
			if err != nil {
				return base, fmt.Errorf("runtime.wasm.%s %w", key, err)
			}
			base = base.WithCallTimeout(time.Duration(n * float64(time.Millisecond)))
		case KeyAllowClock:
			b, ok := v.(bool)
			if !ok {
				return base, fmt.Errorf("runtime.wasm.%s must be a boolean", key)
			}
			base = base.WithSysClock(b)
		default:
			return base, fmt.Errorf("runtime.wasm.%s is unknown; known keys: %s, %s, %s",
				key, KeyMemoryLimitMiB, KeyCallTimeoutMS, KeyAllowClock)
		}
	}
	return base, nil
}

// inRange accepts a number in (0, limit].
func inRange(v any, limit float64) (float64, error) {
	var f float64
	switch n := v.(type) {
	case json.Number:
		var err error
		if f, err = n.Float64(); err != nil {
			return 0, fmt.Errorf("must be a number, got %q", n)
		}
	case float64:
		f = n
	case int:
		f = float64(n)
	case int64:
		f = float64(n)
	default:
		return 0, fmt.Errorf("must be a number, got %T", v)
	}
	if f <= 0 || f > limit {
		return 0, fmt.Errorf("must be in (0, %v], got %v", limit, f)
	}
	return f, nil
}
