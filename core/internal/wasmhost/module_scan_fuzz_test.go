package wasmhost

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/remotemedia/remotemedia/core/internal/wasmbin"
)

// FuzzCapTables: the pre-scan reads untrusted bytes, so it must never
// panic, and a module it rewrites must come out with every table bounded
// and all of them within the budget.
func FuzzCapTables(f *testing.F) {
	wasms, _ := filepath.Glob("testdata/*.wasm")
	for _, path := range wasms {
		b, err := os.ReadFile(path)
		require.NoError(f, err)
		f.Add(b)
	}
	f.Add(genModule{tables: [][]byte{genTable(4, -1), genTable(1, 1<<20)}, extra: genTableGrow}.bytes())
	f.Add(genModule{process: genNestedBlocks(20)}.bytes())
	const budget = 1 << 14
	f.Fuzz(func(t *testing.T, wasm []byte) {
		if !wasmbin.HasMagic(wasm) {
			return
		}
		shape, err := scanModule(wasm)
		if err != nil {
			return
		}
		capped, entries, err := capTables(wasm, shape, budget)
		if err != nil {
			return
		}
		require.LessOrEqual(t, entries, uint32(budget))
		again, err := scanModule(capped)
		require.NoError(t, err, "the rewritten module scans")
		require.Len(t, again.tables, len(shape.tables))
		var total uint64
		for i, tbl := range again.tables {
			require.Equal(t, shape.tables[i].min, tbl.min)
			require.True(t, tbl.hasMax, "table %d has a maximum", i)
			total += uint64(tbl.max)
		}
		require.LessOrEqual(t, total, uint64(budget))
		require.Equal(t, shape.maxControls, again.maxControls, "only the table section changes")
	})
}
