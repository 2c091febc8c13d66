//go:build unix

package cli

import (
	"os"
	"path/filepath"
	"syscall"
	"testing"

	"github.com/remotemedia/remotemedia/core/atomicfile/atomicfiletest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestPackage_Create_keepsWhatTheUserHad: --output over a symlink or a pipe
// (standing in for a device) is refused and left as it was; over a regular
// file it is replaced, with mode 0644 less the umask.
func TestPackage_Create_keepsWhatTheUserHad(t *testing.T) {
	dir := t.TempDir()
	manifest := writeFile(t, "m.json", wasmGainManifest)
	p, err := atomicfiletest.NewProtected(dir, ".rmpkg")
	require.NoError(t, err)

	for _, out := range []string{p.Link, p.Pipe} {
		res := runCLI(t, "", "package", "create", "--manifest", manifest, "--output", out, "--wasm", "gain="+gainWASM(t))
		assert.Equal(t, ExitInvalid, res.code, res.stderr)
		assert.Contains(t, res.stderr, "not a regular file; refusing to replace it")
	}
	require.NoError(t, p.Check())

	old := syscall.Umask(0o022)
	defer syscall.Umask(old)
	regular := filepath.Join(dir, "old.rmpkg")
	require.NoError(t, os.WriteFile(regular, []byte("an old package"), 0o600))
	res := runCLI(t, "", "package", "create", "--manifest", manifest, "--output", regular, "--wasm", "gain="+gainWASM(t))
	require.Equal(t, ExitOK, res.code, res.stderr)
	info, err := os.Stat(regular)
	require.NoError(t, err)
	assert.Equal(t, os.FileMode(0o600), info.Mode().Perm(), "a replaced file keeps its mode")
	fresh := filepath.Join(dir, "new.rmpkg")
	res = runCLI(t, "", "package", "create", "--manifest", manifest, "--output", fresh, "--wasm", "gain="+gainWASM(t))
	require.Equal(t, ExitOK, res.code, res.stderr)
	info, err = os.Stat(fresh)
	require.NoError(t, err)
	assert.Equal(t, os.FileMode(0o644), info.Mode().Perm(), "a new package is 0644 less the umask")
	requireDirHolds(t, dir, "fifo.rmpkg", "link.rmpkg", "new.rmpkg", "old.rmpkg", "victim")
}
