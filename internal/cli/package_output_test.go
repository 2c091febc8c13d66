//go:build unix

package cli

import (
	"os"
	"path/filepath"
	"syscall"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestPackage_Create_keepsWhatTheUserHad: --output over a symlink or a pipe
// (standing in for a device) is refused and left as it was; over a regular
// file it is replaced, with mode 0644 less the umask.
func TestPackage_Create_keepsWhatTheUserHad(t *testing.T) {
	dir := t.TempDir()
	manifest := writeFile(t, "m.json", wasmGainManifest)
	victim := filepath.Join(dir, "victim")
	require.NoError(t, os.WriteFile(victim, []byte("precious"), 0o600))
	link := filepath.Join(dir, "link.rmpkg")
	require.NoError(t, os.Symlink(victim, link))
	fifo := filepath.Join(dir, "fifo.rmpkg")
	require.NoError(t, syscall.Mkfifo(fifo, 0o644))

	for _, out := range []string{link, fifo} {
		res := runCLI(t, "", "package", "create", "--manifest", manifest, "--output", out, "--wasm", "gain="+gainWASM(t))
		assert.Equal(t, ExitInvalid, res.code, res.stderr)
		assert.Contains(t, res.stderr, "not a regular file; refusing to replace it")
	}
	info, err := os.Lstat(link)
	require.NoError(t, err)
	assert.NotZero(t, info.Mode()&os.ModeSymlink)
	info, err = os.Lstat(fifo)
	require.NoError(t, err)
	assert.NotZero(t, info.Mode()&os.ModeNamedPipe)
	got, err := os.ReadFile(victim)
	require.NoError(t, err)
	assert.Equal(t, "precious", string(got))

	old := syscall.Umask(0o022)
	defer syscall.Umask(old)
	regular := filepath.Join(dir, "old.rmpkg")
	require.NoError(t, os.WriteFile(regular, []byte("an old package"), 0o600))
	res := runCLI(t, "", "package", "create", "--manifest", manifest, "--output", regular, "--wasm", "gain="+gainWASM(t))
	require.Equal(t, ExitOK, res.code, res.stderr)
	info, err = os.Stat(regular)
	require.NoError(t, err)
	assert.Equal(t, os.FileMode(0o600), info.Mode().Perm(), "a replaced file keeps its mode")
	fresh := filepath.Join(dir, "new.rmpkg")
	res = runCLI(t, "", "package", "create", "--manifest", manifest, "--output", fresh, "--wasm", "gain="+gainWASM(t))
	require.Equal(t, ExitOK, res.code, res.stderr)
	info, err = os.Stat(fresh)
	require.NoError(t, err)
	assert.Equal(t, os.FileMode(0o644), info.Mode().Perm(), "a new package is 0644 less the umask")
	entries, err := os.ReadDir(dir)
	require.NoError(t, err)
	assert.Len(t, entries, 5, "no temporary file left")
}
