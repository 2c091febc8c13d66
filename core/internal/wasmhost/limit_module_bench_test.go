package wasmhost

import (
	"os"
	"path/filepath"
	"testing"
)

// BenchmarkLimitModule is the pass over a module before it compiles
// (bounds, table cap, control-flow limit), on the 5 MB Go guest.
func BenchmarkLimitModule(b *testing.B) {
	wasm, err := os.ReadFile(filepath.Join("..", "..", "..", "examples", "wasm", "gain", "gain.wasm"))
	if err != nil {
		b.Fatal(err)
	}
	h := &Host{cfg: NewConfig()}
	b.SetBytes(int64(len(wasm)))
	for range b.N {
		if _, _, err := h.limitModule(wasm); err != nil {
			b.Fatal(err)
		}
	}
}
