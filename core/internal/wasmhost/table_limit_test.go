package wasmhost

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestInstance_tableGrowthIsCapped: table.grow stops at 1/8 of the memory
// limit whatever the module declares (each case's steps land on its cap
// exactly). The steps are small enough that the
// guest allocates at most 128 MiB even where the cap is missing.
func TestInstance_tableGrowthIsCapped(t *testing.T) {
	const limit = 1 << 20 // 16,384 table entries
	tests := []struct {
		name        string
		tables      [][]byte
		step, times uint64
		want        uint64 // table.size after growing
	}{
		{name: "no declared maximum", tables: [][]byte{genTable(4, -1)}, step: 4095, times: 64, want: 16384},
		{name: "maximum over the cap", tables: [][]byte{genTable(4, 1<<30)}, step: 4095, times: 64, want: 16384},
		{name: "16M entries at once", tables: [][]byte{genTable(1, -1)}, step: 1 << 24, times: 1, want: 1},
		{name: "maximum under the cap is kept", tables: [][]byte{genTable(1, 100)}, step: 11, times: 64, want: 100},
		{name: "a second table shares the cap", tables: [][]byte{genTable(4, -1), genTable(380, -1)}, step: 4000, times: 64, want: 16004},
	}
	h := newTestHost(t, NewConfig().WithMemoryLimit(limit))
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			mod, err := h.Compile(context.Background(), "tables", genModule{tables: tt.tables, extra: genTableGrow}.bytes())
			require.NoError(t, err)
			t.Cleanup(func() { require.NoError(t, mod.Close(context.Background())) })
			inst, err := mod.Instantiate(context.Background())
			require.NoError(t, err)
			t.Cleanup(func() { require.NoError(t, inst.Close(context.Background())) })
			got, err := inst.api.ExportedFunction("extra").Call(context.Background(), tt.step, tt.times)
			require.NoError(t, err)
			assert.Equal(t, tt.want, got[0])
		})
	}
}

func TestHost_Compile_tableOverTheLimit(t *testing.T) {
	h := newTestHost(t, NewConfig().WithMemoryLimit(1<<20))
	_, err := h.Compile(context.Background(), "tables", genModule{tables: [][]byte{genTable(16385, -1)}}.bytes())
	require.EqualError(t, err, "wasm module tables: tables need 16385 entries initially, over the limit of 16384 entries (1/8 of the memory limit, at 8 bytes an entry)")
}
