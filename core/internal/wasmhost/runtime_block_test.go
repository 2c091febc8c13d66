package wasmhost

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/remotemedia/remotemedia/core/internal/jsonx"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestConfigFromRuntime(t *testing.T) {
	tests := []struct {
		name        string
		runtime     map[string]any
		wantMemory  int64
		wantTimeout time.Duration
		wantClock   bool
	}{
		{name: "no block", runtime: nil, wantMemory: DefaultMemoryLimit, wantTimeout: DefaultCallTimeout},
		{name: "target only", runtime: map[string]any{"target": "wasm32-wasi"}, wantMemory: DefaultMemoryLimit, wantTimeout: DefaultCallTimeout},
		{name: "overrides", runtime: map[string]any{"wasm": map[string]any{
			"memory_limit_mib": json.Number("16"), "call_timeout_ms": json.Number("250"), "allow_clock": true,
		}}, wantMemory: 16 << 20, wantTimeout: 250 * time.Millisecond, wantClock: true},
		{name: "bounds are inclusive", runtime: map[string]any{"wasm": map[string]any{
			"memory_limit_mib": json.Number("4096"), "call_timeout_ms": json.Number("1"),
		}}, wantMemory: 4096 << 20, wantTimeout: time.Millisecond},
		{name: "integral Go float", runtime: map[string]any{"wasm": map[string]any{"call_timeout_ms": 100.0}},
			wantMemory: DefaultMemoryLimit, wantTimeout: 100 * time.Millisecond},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg, err := ConfigFromRuntime(NewConfig(), tt.runtime)
			require.NoError(t, err)
			assert.Equal(t, tt.wantMemory, cfg.MemoryLimit())
			assert.Equal(t, tt.wantTimeout, cfg.CallTimeout())
			assert.Equal(t, tt.wantClock, cfg.sysClock)
		})
	}
}

// TestRuntimeProblems reads each block from JSON, as a manifest is read, so
// the values are what a package can really hold.
func TestRuntimeProblems(t *testing.T) {
	const memory = "runtime.wasm.memory_limit_mib: must be an integer between 1 and 4096, got "
	const timeout = "runtime.wasm.call_timeout_ms: must be an integer between 1 and 60000, got "
	tests := []struct {
		name  string
		block string
		want  []string
	}{
		{name: "valid", block: `{"memory_limit_mib": 16, "call_timeout_ms": 250, "allow_clock": false}`},
		{name: "zero memory", block: `{"memory_limit_mib": 0}`, want: []string{memory + "number 0"}},
		{name: "negative memory", block: `{"memory_limit_mib": -5}`, want: []string{memory + "number -5"}},
		{name: "string memory", block: `{"memory_limit_mib": "x"}`, want: []string{memory + `string "x"`}},
		{name: "null memory", block: `{"memory_limit_mib": null}`, want: []string{memory + "null"}},
		{name: "array memory", block: `{"memory_limit_mib": []}`, want: []string{memory + "array"}},
		{name: "huge memory", block: `{"memory_limit_mib": 1e999}`, want: []string{memory + "number 1e999, which is out of range"}},
		{name: "over the ceiling", block: `{"memory_limit_mib": 8192}`, want: []string{memory + "number 8192"}},
		{name: "fraction", block: `{"memory_limit_mib": 1.5}`, want: []string{memory + "number 1.5"}},
		{name: "deadline cannot be turned off", block: `{"call_timeout_ms": 0}`, want: []string{timeout + "number 0"}},
		{name: "deadline below a millisecond", block: `{"call_timeout_ms": 1e-300}`, want: []string{timeout + "number 1e-300"}},
		{name: "deadline over the ceiling", block: `{"call_timeout_ms": 60001}`, want: []string{timeout + "number 60001"}},
		{name: "clock not a boolean", block: `{"allow_clock": 1}`, want: []string{"runtime.wasm.allow_clock: must be true or false, got number 1"}},
		{name: "unknown key", block: `{"fs": true}`, want: []string{"runtime.wasm.fs: unknown key; known keys: allow_clock, call_timeout_ms, memory_limit_mib"}},
		{name: "odd unknown key is quoted and shortened", block: `{"\u001b[31m` + strings.Repeat("0123456789", 7) + `": 1}`,
			want: []string{`runtime.wasm."\x1b[31m` + strings.Repeat("0123456789", 5) + `012345678"…: unknown key; known keys: allow_clock, call_timeout_ms, memory_limit_mib`}},
		{name: "every problem, in key order", block: `{"memory_limit_mib": 0, "call_timeout_ms": 0}`, want: []string{timeout + "number 0", memory + "number 0"}},
		{name: "not an object", block: `"big"`, want: []string{`runtime.wasm: must be an object, got string "big"`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var runtime map[string]any
			require.NoError(t, jsonx.Unmarshal([]byte(`{"wasm": `+tt.block+`}`), &runtime))
			assert.Equal(t, tt.want, RuntimeProblems(runtime))
			_, err := ConfigFromRuntime(NewConfig(), runtime)
			if tt.want == nil {
				require.NoError(t, err)
			} else {
				require.EqualError(t, err, strings.Join(tt.want, "; "))
			}
		})
	}
}
