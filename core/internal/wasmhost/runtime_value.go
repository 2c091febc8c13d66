package wasmhost

import (
	"encoding/json"
	"fmt"
	"math"
	"strconv"
	"unicode/utf8"
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
			return cfg, fmt.Sprintf("must be an integer between %d and %d, got %s", lo, hi, describeJSON(v))
		}
		return set(cfg, n), ""
	}}
}

func boolKey(set func(Config, bool) Config) runtimeKey {
	return runtimeKey{apply: func(cfg Config, v any) (Config, string) {
		b, ok := v.(bool)
		if !ok {
			return cfg, "must be true or false, got " + describeJSON(v)
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

// maxEchoed bounds how much of a manifest value a message repeats.
const maxEchoed = 40

// describeJSON names a decoded JSON value for a message: numbers and
// strings as written (shortened), other kinds by name.
func describeJSON(v any) string {
	switch x := v.(type) {
	case nil:
		return "null"
	case bool:
		return strconv.FormatBool(x)
	case json.Number:
		return shorten(string(x))
	case float64, int, int64:
		return fmt.Sprint(x)
	case string:
		return strconv.QuoteToASCII(shorten(x))
	case []any:
		return "an array"
	case map[string]any:
		return "an object"
	}
	return fmt.Sprintf("a %T", v)
}

func shorten(s string) string {
	if len(s) <= maxEchoed {
		return s
	}
	cut := maxEchoed
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return s[:cut] + "..."
}
