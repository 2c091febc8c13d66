package wasmhost

import (
	"encoding/json"
	"fmt"
	"math"
	"strconv"

	"github.com/remotemedia/remotemedia/core/internal/echo"
)

// runtimeKey reads one runtime.wasm value into a Config. apply returns a
// message, in the manifest's vocabulary, when the value is out of bounds.
type runtimeKey struct {
	apply func(cfg Config, v any) (Config, string)
}

// intKey accepts only integers in [lo, hi]: a fraction such as 1e-300
// would otherwise truncate to 0, which means "no deadline".
func intKey(lo, hi int64, set func(Config, int64) Config) runtimeKey {
	return runtimeKey{apply: func(cfg Config, v any) (Config, string) {
		n, ok := asInt(v)
		if !ok || n < lo || n > hi {
			return cfg, fmt.Sprintf("must be an integer between %d and %d, got %s", lo, hi, echo.JSON(v))
		}
		return set(cfg, n), ""
	}}
}

func boolKey(set func(Config, bool) Config) runtimeKey {
	return runtimeKey{apply: func(cfg Config, v any) (Config, string) {
		b, ok := v.(bool)
		if !ok {
			return cfg, "must be true or false, got " + echo.JSON(v)
		}
		return set(cfg, b), ""
	}}
}

// asInt reads a JSON integer: json.Number as decoded from a manifest, or
// the Go types of a runtime map built in code.
func asInt(v any) (int64, bool) {
	switch n := v.(type) {
	case json.Number:
		i, err := strconv.ParseInt(string(n), 10, 64)
		return i, err == nil
	case int:
		return int64(n), true
	case int64:
		return n, true
	case float64:
		if n != math.Trunc(n) || math.Abs(n) > 1<<53 {
			return 0, false
		}
		return int64(n), true
	}
	return 0, false
}
