package wasmhost

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestHost_Compile(t *testing.T) {
	h := newTestHost(t, NewConfig())
	tests := []struct {
		name     string
		wasm     []byte
		wantErr  string
		problems []string
	}{
		{name: "valid", wasm: readFixture(t, "probe.wasm")},
		{name: "not wasm", wasm: []byte("PK\x03\x04 a zip"), wantErr: "not a wasm binary (bad magic)"},
		{name: "truncated", wasm: readFixture(t, "probe.wasm")[:40], wantErr: "compile:"},
		{name: "memory over the limit", wasm: readFixture(t, "big_memory.wasm"), wantErr: "min 2048 pages (128 Mi) over limit of 1024 pages"},
		{name: "broken ABI", wasm: readFixture(t, "broken_abi.wasm"), wantErr: "does not implement ABI v1", problems: []string{
			"missing export rm_alloc (i32) -> (i32)",
			"export rm_process has type (i32, i32) -> (i32), want (i32, i32) -> (i64)",
			"missing export memory (the guest's linear memory)",
			"imports env.now; only remotemedia and wasi_snapshot_preview1 imports are allowed",
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			mod, err := h.Compile(context.Background(), "m", tt.wasm)
			if tt.wantErr == "" {
				require.NoError(t, err)
				assert.Equal(t, "m", mod.Name())
				return
			}
			require.ErrorContains(t, err, tt.wantErr)
			if tt.problems != nil {
				var abiErr *ABIError
				require.ErrorAs(t, err, &abiErr)
				for _, p := range tt.problems {
					assert.Contains(t, abiErr.Problems, p)
				}
				assert.Len(t, abiErr.Problems, len(tt.problems))
			}
		})
	}
}

func TestModule_Instantiate(t *testing.T) {
	tests := []struct {
		fixture string
		wantErr string
	}{
		{fixture: "probe.wasm"},
		{fixture: "abi_v2.wasm", wantErr: "wasm:m: rm_abi_version returned 2; this host speaks ABI v1"},
	}
	for _, tt := range tests {
		t.Run(tt.fixture, func(t *testing.T) {
			mod, err := newTestHost(t, NewConfig()).Compile(context.Background(), "m", readFixture(t, tt.fixture))
			require.NoError(t, err)
			inst, err := mod.Instantiate(context.Background())
			if tt.wantErr != "" {
				require.ErrorContains(t, err, tt.wantErr)
				return
			}
			require.NoError(t, err)
			require.NoError(t, inst.Close(context.Background()))
		})
	}
}

func TestNewHost_rejectsBadConfig(t *testing.T) {
	tests := []struct {
		name    string
		cfg     Config
		wantErr string
	}{
		{name: "memory below a page", cfg: NewConfig().WithMemoryLimit(1000), wantErr: "below one 64 KiB page"},
		{name: "negative timeout", cfg: NewConfig().WithCallTimeout(-time.Second), wantErr: "call timeout must not be negative"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := NewHost(context.Background(), tt.cfg.WithCacheDir(""))
			require.ErrorContains(t, err, tt.wantErr)
		})
	}
}

func TestHost_diskCache(t *testing.T) {
	dir := t.TempDir()
	for i := 0; i < 2; i++ { // the second host reads what the first wrote
		h, err := NewHost(context.Background(), NewConfig().WithCacheDir(dir))
		require.NoError(t, err)
		_, err = h.Compile(context.Background(), "probe", readFixture(t, "probe.wasm"))
		require.NoError(t, err)
		require.NoError(t, h.Close(context.Background()))
	}
	entries, err := listFiles(dir)
	require.NoError(t, err)
	assert.NotEmpty(t, entries, "compiled code is cached on disk")
}
