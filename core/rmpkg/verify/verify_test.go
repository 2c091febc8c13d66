package verify_test

import (
	"archive/zip"
	"bytes"
	"context"
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/remotemedia/remotemedia/core"
	"github.com/remotemedia/remotemedia/core/rmpkg"
	"github.com/remotemedia/remotemedia/core/rmpkg/verify"
)

func gainPackage(t *testing.T) []byte {
	t.Helper()
	dir := t.TempDir()
	manifest := filepath.Join(dir, "m.json")
	require.NoError(t, os.WriteFile(manifest, []byte(`{"version":"v1","nodes":[{"id":"g","node_type":"wasm:gain","params":{"gain":0.5}}]}`), 0o644))
	contents, err := rmpkg.ContentsFromFiles(manifest, []string{"gain=../../../examples/wasm/gain_wat/gain.wasm"}, nil)
	require.NoError(t, err)
	path := filepath.Join(dir, "gain.rmpkg")
	require.NoError(t, rmpkg.Create(context.Background(), path, contents))
	data, err := os.ReadFile(path)
	require.NoError(t, err)
	return data
}

func TestBytes_valid(t *testing.T) {
	p, err := verify.Bytes(gainPackage(t))
	require.NoError(t, err)
	assert.Contains(t, p.WASMModules(), "gain")
}

// TestBytes_sameMessagesAsTheCLI: verify and core/rmpkg's Validate (which
// the CLI's package validate prints) report the same errors.
func TestBytes_sameMessagesAsTheCLI(t *testing.T) {
	good := gainPackage(t)
	// The same checksums.sha256 over a different module: a checksum mismatch.
	tampered := rezip(t, good, func(name string, b []byte) []byte {
		if name == "nodes/gain.wasm" {
			return append(b, 0) // still starts with the wasm magic
		}
		return b
	})
	cases := map[string]struct {
		data []byte
		want string
	}{
		"not a zip": {[]byte("just text"), "not an .rmpkg package (not a ZIP archive)"},
		"tampered":  {tampered, "nodes/gain.wasm: checksum mismatch"},
	}
	for name, tt := range cases {
		t.Run(name, func(t *testing.T) {
			_, err := verify.Bytes(tt.data)
			var invalid *verify.InvalidError
			require.ErrorAs(t, err, &invalid)
			assert.ErrorContains(t, err, tt.want)

			path := filepath.Join(t.TempDir(), "p.rmpkg")
			require.NoError(t, os.WriteFile(path, tt.data, 0o644))
			p, openErr := rmpkg.Open(path)
			if openErr != nil {
				assert.Contains(t, openErr.Error(), invalid.Problems[0].Message)
				return
			}
			report := rmpkg.Validate(context.Background(), p, core.NewConfig())
			assert.Subset(t, report.Errors, invalid.Problems)
		})
	}
}

// rezip rewrites a ZIP, passing each entry's contents through edit.
func rezip(t *testing.T, data []byte, edit func(name string, b []byte) []byte) []byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	require.NoError(t, err)
	var out bytes.Buffer
	zw := zip.NewWriter(&out)
	for _, f := range zr.File {
		rc, err := f.Open()
		require.NoError(t, err)
		b, err := io.ReadAll(rc)
		require.NoError(t, err)
		require.NoError(t, rc.Close())
		w, err := zw.Create(f.Name)
		require.NoError(t, err)
		_, err = w.Write(edit(f.Name, b))
		require.NoError(t, err)
	}
	require.NoError(t, zw.Close())
	return out.Bytes()
}
