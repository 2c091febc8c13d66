package wasmhost

import (
	"errors"
	"regexp"
	"sort"
	"strings"
	"time"

	"github.com/remotemedia/remotemedia/core/internal/echo"
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

// runtimeKeys are the keys of runtime.wasm: each states its bounds and how
// it changes a Config. Both ConfigFromRuntime (run) and RuntimeProblems
// (validate) read the block through this one table.
var runtimeKeys = map[string]runtimeKey{
	KeyMemoryLimitMiB: intKey(1, MaxManifestMemoryMiB, func(c Config, n int64) Config { return c.WithMemoryLimit(n << 20) }),
	KeyCallTimeoutMS: intKey(1, MaxManifestCallTimeoutMS, func(c Config, n int64) Config {
		return c.WithCallTimeout(time.Duration(n) * time.Millisecond)
	}),
	KeyAllowClock: boolKey(Config.WithSysClock),
}

// ConfigFromRuntime applies a manifest's runtime block to base. A nil block,
// or one without a "wasm" key, returns base unchanged. The error lists every
// problem, as RuntimeProblems does.
func ConfigFromRuntime(base Config, runtime map[string]any) (Config, error) {
	cfg, problems := applyRuntime(base, runtime)
	if len(problems) > 0 {
		return base, errors.New(strings.Join(problems, "; "))
	}
	return cfg, nil
}

// RuntimeProblems lists what is wrong with a manifest's runtime.wasm block,
// one message per problem, each starting with the JSON path of the value.
func RuntimeProblems(runtime map[string]any) []string {
	_, problems := applyRuntime(NewConfig(), runtime)
	return problems
}

func applyRuntime(cfg Config, runtime map[string]any) (Config, []string) {
	raw, ok := runtime[KeyRuntimeWASM]
	if !ok {
		return cfg, nil
	}
	const path = "runtime." + KeyRuntimeWASM
	block, ok := raw.(map[string]any)
	if !ok {
		return cfg, []string{path + ": must be an object, got " + echo.JSON(raw)}
	}
	var problems []string
	for _, name := range sortedNames(block) {
		key, known := runtimeKeys[name]
		if !known {
			problems = append(problems, path+"."+quoteKey(name)+": unknown key; known keys: "+strings.Join(sortedNames(runtimeKeys), ", "))
			continue
		}
		next, msg := key.apply(cfg, block[name])
		if msg != "" {
			problems = append(problems, path+"."+name+": "+msg)
			continue
		}
		cfg = next
	}
	return cfg, problems
}

func sortedNames[V any](m map[string]V) []string {
	names := make([]string, 0, len(m))
	for name := range m {
		names = append(names, name)
	}
	sort.Strings(names)
	return names
}

// quoteKey shows a plain key as is, and any other quoted and shortened:
// a manifest is untrusted, and its keys end up on a terminal.
func quoteKey(name string) string {
	if plainKey.MatchString(name) {
		return name
	}
	return echo.Quote(name)
}

var plainKey = regexp.MustCompile(`^[A-Za-z0-9_]{1,64}$`)
