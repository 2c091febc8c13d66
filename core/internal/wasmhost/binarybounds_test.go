package wasmhost

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestScanModule_validModules: no valid module is refused, from the
// smallest WAT fixture to the Go guests.
func TestScanModule_validModules(t *testing.T) {
	paths, err := filepath.Glob("testdata/*.wasm")
	require.NoError(t, err)
	paths = append(paths, "driver.wasm",
		filepath.Join("..", "..", "..", "examples", "wasm", "gain", "gain.wasm"),
		filepath.Join("..", "..", "..", "examples", "wasm", "uppercase", "uppercase.wasm"),
		filepath.Join("..", "..", "..", "examples", "wasm", "gain_wat", "gain.wasm"))
	for _, path := range paths {
		wasm, err := os.ReadFile(path)
		require.NoError(t, err)
		_, err = scanModule(wasm)
		assert.NoError(t, err, path)
	}
}

// section is one section of a hand-made module: id, then its content.
func module(sections ...[]byte) []byte {
	out := append([]byte(nil), wasmMagic...)
	for _, s := range sections {
		out = append(out, s[0])
		out = appendLEB(out, uint64(len(s)-1))
		out = append(out, s[1:]...)
	}
	return out
}

func appendLEB(b []byte, v uint64) []byte {
	for {
		c := byte(v & 0x7f)
		if v >>= 7; v != 0 {
			b = append(b, c|0x80)
			continue
		}
		return append(b, c)
	}
}

func leb(v uint64) []byte { return appendLEB(nil, v) }

func cat(parts ...[]byte) []byte {
	var out []byte
	for _, p := range parts {
		out = append(out, p...)
	}
	return out
}

// TestHostile_Compile_refusesWhatAModuleCannotHold: each of these made
// wazero allocate gigabytes (or die) from a few bytes, so they run under
// limits.
func TestHostile_Compile_refusesWhatAModuleCannotHold(t *testing.T) {
	if underLimits(t) {
		return
	}
	const huge = 0xFFFFFFFF
	tests := []struct {
		name string
		wasm []byte
		want string
	}{
		{"2^32 tables", module(cat([]byte{4}, leb(huge), []byte{0x70, 0, 1})), "section 4: declares 4294967295 entries, but only 3 bytes are left"},
		{"section longer than the module", cat(wasmMagic, []byte{0}, leb(huge), []byte("x")), "section 0 declares 4294967295 bytes, but 1 are left"},
		{"4 GiB import name", module(cat([]byte{2}, leb(1), leb(huge), []byte("env"))), "section 2: declares 4294967295 name, but only 3 bytes are left"},
		{"2^32 locals", module(cat([]byte{10}, leb(1), leb(7), leb(1), leb(huge), []byte{0x7f, 0x0b})), "a function declares more than 50000 locals"},
		{"4 GiB data segment", module(cat([]byte{11}, leb(1), leb(1), leb(huge), []byte{1, 2})), "section 11: declares 4294967295 data, but only 2 bytes are left"},
		{"count cut at the end of its section", cat(wasmMagic, []byte{9, 3, 0xd8, 0xd8, 0xd8, 0xd8, 0x01, 0x05, 0x30}), "section 9: a number or length runs past the end of the section"},
		{"2^32 function names", module(cat([]byte{0}, leb(4), []byte("name"), []byte{1}, leb(6), leb(huge), []byte{0})), "declares 4294967295 names, but only 1 bytes are left"},
		{"4 GiB module name", module(cat([]byte{0}, leb(4), []byte("name"), []byte{0}, leb(6), leb(huge), []byte{0})), "declares 4294967295 module name, but only 1 bytes are left"},
		{"typed-reference local cut by the body's end", module(cat([]byte{10}, leb(1), leb(7), []byte{1, 0xff, 0xff, 0x00, 0x63, 0xff, 0xff}, []byte{0x30})), "a number or length runs past the end of the section"},
	}
	h := newTestHost(t, NewConfig())
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := h.Compile(context.Background(), "m", tt.wasm)
			require.ErrorContains(t, err, tt.want)
		})
	}
}

// TestScanModule_truncatedNumber: a number cut off by the end of its
// section is refused, and never read as a huge count to loop over.
func TestScanModule_truncatedNumber(t *testing.T) {
	wasm := module(cat([]byte{10}, leb(1), leb(4), []byte{0xff, 0xff, 0xff, 0xff}))
	start := time.Now()
	_, err := scanModule(wasm)
	assert.ErrorIs(t, err, errTruncated)
	assert.Less(t, time.Since(start), 100*time.Millisecond)
}
