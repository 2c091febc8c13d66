package rmpkg

import (
	"archive/zip"
	"bytes"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	impl "github.com/remotemedia/remotemedia/core/internal/rmpkg"
	"github.com/remotemedia/remotemedia/core/internal/wasmhost"
)

// manifestOnly is a package holding just manifest.json.
func manifestOnly(t *testing.T, manifest string) *Package {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, err := zw.Create(impl.ManifestFile)
	require.NoError(t, err)
	_, err = w.Write([]byte(manifest))
	require.NoError(t, err)
	require.NoError(t, zw.Close())
	p, err := impl.Open(buf.Bytes(), impl.DefaultLimits())
	require.NoError(t, err)
	return p
}

func TestHostConfig(t *testing.T) {
	p := manifestOnly(t, `{"version":"v1","runtime":{"target":"wasm32-wasi","wasm":{"memory_limit_mib":16}},"nodes":[]}`)
	cfg, err := hostConfig(p, wasmhost.NewConfig())
	require.NoError(t, err)
	assert.Equal(t, int64(16<<20), cfg.MemoryLimit())
}

func TestHostConfig_badBlockIsAnInvalidPackage(t *testing.T) {
	p := manifestOnly(t, `{"version":"v1","runtime":{"target":"wasm32-wasi","wasm":{"memory_limit_mib":-1}},"nodes":[]}`)
	_, err := hostConfig(p, wasmhost.NewConfig())
	var invalid *InvalidError
	require.ErrorAs(t, err, &invalid)
	require.Len(t, invalid.Problems, 1)
	assert.Equal(t, impl.ManifestFile, invalid.Problems[0].Entry)
	assert.Contains(t, invalid.Problems[0].Message, "memory_limit_mib")
}
