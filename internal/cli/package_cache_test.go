package cli

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestPackage_Run_survivesABrokenCache: a truncated compilation cache made
// every package fail until the directory was deleted by hand.
func TestPackage_Run_survivesABrokenCache(t *testing.T) {
	cache := t.TempDir()
	t.Setenv("XDG_CACHE_HOME", cache) // where the WASM host keeps compiled code
	pkg := createPackage(t, wasmGainManifest)
	in := writeWAV(t, ramp(160), 8000, 1, "f32")
	run := func() cliResult {
		return runCLI(t, "", "run", pkg, "--input-wav", in, "--output-wav", filepath.Join(t.TempDir(), "out.wav"))
	}
	res := run()
	require.Equal(t, ExitOK, res.code, res.stderr)

	var entries []string
	require.NoError(t, filepath.WalkDir(cache, func(path string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			entries = append(entries, path)
		}
		return err
	}))
	require.NotEmpty(t, entries, "run fills the cache")
	for _, e := range entries {
		data, err := os.ReadFile(e)
		require.NoError(t, err)
		require.NoError(t, os.WriteFile(e, data[:len(data)/3], 0o600))
	}
	res = run()
	assert.Equal(t, ExitOK, res.code, res.stderr)
	res = runCLI(t, "", "package", "validate", pkg)
	assert.Equal(t, ExitOK, res.code, res.stderr)
}
