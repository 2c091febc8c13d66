package rmpkg

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"context"
	"hash/crc32"
	"io/fs"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/remotemedia/remotemedia/core/internal/wasmhost"
	"github.com/stretchr/testify/require"
	"go.uber.org/goleak"
)

func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

const gainManifest = `{
  "version": "v1",
  "metadata": {"name": "gain-demo", "version": "1.2.0", "author": "RemoteMedia", "license": "MIT", "tags": ["audio"]},
  "runtime": {"target": "wasm32-wasi"},
  "nodes": [{"id": "gain", "node_type": "wasm:gain", "params": {"gain": 0.5}}],
  "connections": []
}`

// gainWASM is the hand-written WAT gain node: small and quick to compile.
func gainWASM(t testing.TB) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "..", "..", "examples", "wasm", "gain_wat", "gain.wasm"))
	require.NoError(t, err)
	return b
}

func wasmFixture(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "wasmhost", "testdata", name))
	require.NoError(t, err)
	return b
}

func newTestHost(t testing.TB) *wasmhost.Host {
	t.Helper()
	h, err := wasmhost.NewHost(context.Background(), wasmhost.NewConfig().WithCacheDir(""))
	require.NoError(t, err)
	t.Cleanup(func() { require.NoError(t, h.Close(context.Background())) })
	return h
}

// validPackage is a well-formed package holding the WAT gain node.
func validPackage(t testing.TB) []byte {
	t.Helper()
	var buf bytes.Buffer
	require.NoError(t, Create(context.Background(), &buf, CreateOptions{
		Manifest:  []byte(gainManifest),
		WASM:      map[string][]byte{"gain": gainWASM(t)},
		Python:    map[string][]byte{"helper.py": []byte("def helper():\n    return 1\n")},
		CreatedAt: time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC),
	}))
	return buf.Bytes()
}

// zipEntry is one hand-made archive entry. declared, when set, is the
// uncompressed size written in the header whatever the content.
type zipEntry struct {
	name     string
	data     []byte
	mode     fs.FileMode
	declared *uint64
	stored   bool // no compression, so a fuzzer's mutations reach the content
}

func zipOf(t testing.TB, entries ...zipEntry) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, e := range entries {
		if e.declared != nil {
			var raw bytes.Buffer
			fw, err := flate.NewWriter(&raw, flate.BestCompression)
			require.NoError(t, err)
			_, err = fw.Write(e.data)
			require.NoError(t, err)
			require.NoError(t, fw.Close())
			w, err := zw.CreateRaw(&zip.FileHeader{
				Name: e.name, Method: zip.Deflate, CRC32: crc32.ChecksumIEEE(e.data),
				CompressedSize64: uint64(raw.Len()), UncompressedSize64: *e.declared,
			})
			require.NoError(t, err)
			_, err = w.Write(raw.Bytes())
			require.NoError(t, err)
			continue
		}
		h := &zip.FileHeader{Name: e.name, Method: zip.Deflate}
		if e.stored {
			h.Method = zip.Store
		}
		if e.mode != 0 {
			h.SetMode(e.mode)
		}
		w, err := zw.CreateHeader(h)
		require.NoError(t, err)
		_, err = w.Write(e.data)
		require.NoError(t, err)
	}
	require.NoError(t, zw.Close())
	return buf.Bytes()
}

// rezip copies a package entry by entry through change, which may alter
// an entry's content or drop it (nil).
func rezip(t testing.TB, pkg []byte, change func(name string, data []byte) []byte) []byte {
	t.Helper()
	p, err := Open(pkg, DefaultLimits())
	require.NoError(t, err)
	var entries []zipEntry
	for _, e := range p.Entries() {
		if data := change(e.Name, p.files[e.Name]); data != nil {
			entries = append(entries, zipEntry{name: e.Name, data: data})
		}
	}
	return zipOf(t, entries...)
}

func size(n uint64) *uint64 { return &n }
