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
		{name: "imports the host cannot link", wasm: readFixture(t, "bad_imports.wasm"), wantErr: "does not implement ABI v1", problems: []string{
			"missing export memory (the guest's linear memory)",
			"imports wasi_snapshot_preview1.fd_write with type (i32) -> (i32), want (i32, i32, i32, i32) -> (i32)",
			"imports wasi_snapshot_preview1.no_such_call, which the host does not provide (see docs/WASM_ABI.md, Imports)",
			"imports memory remotemedia.memory; the host provides no memory (export one named memory)",
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
		// The start function's own failure, not the "context canceled" of
		// the instance being torn down.
		{fixture: "start_emit.wasm", wantErr: "wasm:m: instantiate: remotemedia.emit is only allowed during rm_process and rm_flush"},
		{fixture: "start_exit.wasm", wantErr: "wasm:m: instantiate: the guest exited with WASI proc_exit(3)"},
	}
	for _, tt := range tests {
		for _, cfg := range []Config{NewConfig(), NewConfig().WithCallTimeout(0)} {
			t.Run(tt.fixture+"/timeout="+cfg.CallTimeout().String(), func(t *testing.T) {
				testInstantiate(t, cfg, tt.fixture, tt.wantErr)
			})
		}
	}
}

func testInstantiate(t *testing.T, cfg Config, fixture, wantErr string) {
	t.Helper()
	mod, err := newTestHost(t, cfg).Compile(context.Background(), "m", readFixture(t, fixture))
	require.NoError(t, err)
	inst, err := mod.Instantiate(context.Background())
	if wantErr != "" {
		require.ErrorContains(t, err, wantErr)
		return
	}
	require.NoError(t, err)
	require.NoError(t, inst.Close(context.Background()))
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
