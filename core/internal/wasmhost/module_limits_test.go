package wasmhost

import (
	"bytes"
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestHost_Compile_rejectsCostlyModules: each of these took seconds or more
// to compile before the load-time limits; now each fails at once.
func TestHost_Compile_rejectsCostlyModules(t *testing.T) {
	h := newTestHost(t, NewConfig())
	tests := []struct {
		name    string
		wasm    []byte
		wantErr string
	}{
		// 20k, not the 100k of the report: were the check gone, this one
		// would still compile in seconds, not minutes (under -race).
		{name: "20k nested blocks", wasm: genModule{process: genNestedBlocks(20_000)}.bytes(),
			wantErr: "function 3 has 20000 control instructions (blocks, branches), over the limit of 10000"},
		{name: "one branch over the limit", wasm: genModule{fillers: [][]byte{genBranches(MaxFunctionControls)}}.bytes(),
			wantErr: "function 4 has 10001 control instructions"},
		{name: "over the size limit", wasm: genModule{custom: bytes.Repeat([]byte{0}, MaxModuleSize)}.bytes(),
			wantErr: "over the 33554432-byte limit"},
		{name: "section size past the end", wasm: append(append([]byte{}, wasmMagic...), 1, 0xff, 0xff, 0x03),
			wantErr: "compile: section 1 declares 65535 bytes, but 0 are left"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			start := time.Now()
			_, err := h.Compile(context.Background(), "m", tt.wasm)
			require.ErrorContains(t, err, tt.wantErr)
			assert.Less(t, time.Since(start), time.Second, "rejected before compiling")
		})
	}
}

// slowModule has many functions, each under MaxFunctionControls: it takes
// about 5 s to compile (75 s under -race), so it can only load fast by
// being stopped.
func slowModule() []byte {
	fillers := make([][]byte, 100)
	for i := range fillers {
		fillers[i] = genBranches(3000)
	}
	return genModule{fillers: fillers}.bytes()
}

func TestHost_Compile_deadline(t *testing.T) {
	h := newTestHost(t, NewConfig().WithCompileTimeout(100*time.Millisecond))
	start := time.Now()
	_, err := h.Compile(context.Background(), "slow", slowModule())
	require.EqualError(t, err, "wasm module slow: compiling took longer than the 100ms compile deadline")
	assert.Less(t, time.Since(start), 2500*time.Millisecond)
}

func TestHost_Compile_cancelled(t *testing.T) {
	h := newTestHost(t, NewConfig())
	ctx, cancel := context.WithCancel(context.Background())
	stop := time.AfterFunc(100*time.Millisecond, cancel) // as Ctrl-C cancels a run
	defer stop.Stop()
	start := time.Now()
	_, err := h.Compile(ctx, "slow", slowModule())
	require.ErrorIs(t, err, context.Canceled)
	require.ErrorContains(t, err, "wasm module slow: compile: context canceled")
	assert.Less(t, time.Since(start), 2500*time.Millisecond)
}
