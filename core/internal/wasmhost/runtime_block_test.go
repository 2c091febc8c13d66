package wasmhost

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestConfigFromRuntime(t *testing.T) {
	tests := []struct {
		name        string
		runtime     map[string]any
		wantMemory  int64
		wantTimeout time.Duration
		wantErr     string
	}{
		{name: "no block", runtime: nil, wantMemory: DefaultMemoryLimit, wantTimeout: DefaultCallTimeout},
		{name: "target only", runtime: map[string]any{"target": "wasm32-wasi"}, wantMemory: DefaultMemoryLimit, wantTimeout: DefaultCallTimeout},
		{name: "overrides", runtime: map[string]any{"wasm": map[string]any{
			"memory_limit_mib": json.Number("16"), "call_timeout_ms": json.Number("250"), "allow_clock": true,
		}}, wantMemory: 16 << 20, wantTimeout: 250 * time.Millisecond},
		{name: "not an object", runtime: map[string]any{"wasm": "big"}, wantErr: "runtime.wasm must be an object"},
		{name: "negative", runtime: map[string]any{"wasm": map[string]any{"memory_limit_mib": json.Number("-1")}}, wantErr: "runtime.wasm.memory_limit_mib must be in (0, 4096], got -1"},
		{name: "deadline cannot be turned off", runtime: map[string]any{"wasm": map[string]any{"call_timeout_ms": json.Number("0")}}, wantErr: "runtime.wasm.call_timeout_ms must be in (0, 60000], got 0"},
		{name: "over the ceiling", runtime: map[string]any{"wasm": map[string]any{"memory_limit_mib": json.Number("8192")}}, wantErr: "must be in (0, 4096]"},
		{name: "unknown key", runtime: map[string]any{"wasm": map[string]any{"fs": true}}, wantErr: "runtime.wasm.fs is unknown"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg, err := ConfigFromRuntime(NewConfig(), tt.runtime)
			if tt.wantErr != "" {
				require.ErrorContains(t, err, tt.wantErr)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tt.wantMemory, cfg.MemoryLimit())
			assert.Equal(t, tt.wantTimeout, cfg.CallTimeout())
		})
	}
}
