package wasmhost

import (
	"context"
	"testing"

	"github.com/remotemedia/remotemedia/core/frame"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestInstance_outputLimits: probe's "x" emits its input twice; "hello"
// returns it. A guest emitting in a loop stops at the same check.
func TestInstance_outputLimits(t *testing.T) {
	tests := []struct {
		name    string
		frames  int
		bytes   int64
		input   string
		wantErr string
	}{
		{name: "within the limits", frames: 2, bytes: 1 << 10, input: "x"},
		{name: "one frame too many", frames: 1, bytes: 1 << 10, input: "x",
			wantErr: "wasm:probe: rm_process: emit: output limit: more than 1 frames for one input"},
		{name: "emitted bytes over the limit", frames: 10, bytes: 15, input: "x", // 9 bytes a frame
			wantErr: "wasm:probe: rm_process: emit: output limit: more than 15 bytes of frames for one input"},
		{name: "returned frame over the limit", frames: 10, bytes: 10, input: "hello",
			wantErr: "wasm:probe: rm_process: output limit: more than 10 bytes of frames for one input"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			inst := newProbe(t, NewConfig().WithOutputLimits(tt.frames, tt.bytes))
			for range 3 { // the count starts again with each input
				var out collect
				err := inst.Process(context.Background(), frame.Text(tt.input), &out)
				if tt.wantErr != "" {
					require.EqualError(t, err, tt.wantErr)
					continue
				}
				require.NoError(t, err)
				assert.Equal(t, []string{"x", "x"}, out.texts())
			}
		})
	}
}

func TestNewHost_rejectsBadLimits(t *testing.T) {
	for name, cfg := range map[string]Config{
		"pipeline memory": NewConfig().WithPipelineMemoryLimit(0),
		"output frames":   NewConfig().WithOutputLimits(0, 1),
		"output bytes":    NewConfig().WithOutputLimits(1, 0),
		"compile timeout": NewConfig().WithCompileTimeout(0),
	} {
		t.Run(name, func(t *testing.T) {
			_, err := NewHost(context.Background(), cfg.WithCacheDir(""))
			require.Error(t, err)
		})
	}
}
