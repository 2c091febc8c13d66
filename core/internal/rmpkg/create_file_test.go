//go:build unix

package rmpkg

import (
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"syscall"
	"testing"

	"github.com/remotemedia/remotemedia/core/atomicfile"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func gainOptions(t *testing.T) CreateOptions {
	return CreateOptions{Manifest: []byte(gainManifest), WASM: map[string][]byte{"gain": gainWASM(t)}}
}

func TestCreateFile_modeFollowsTheUmask(t *testing.T) {
	old := syscall.Umask(0o022)
	defer syscall.Umask(old)
	path := filepath.Join(t.TempDir(), "p.rmpkg")
	require.NoError(t, CreateFile(context.Background(), path, gainOptions(t)))
	info, err := os.Stat(path)
	require.NoError(t, err)
	assert.Equal(t, fs.FileMode(0o644), info.Mode().Perm(), "not CreateTemp's 0600")
}

// TestCreateFile_neverReplacesSpecialFiles: an --output that is a symlink
// or a pipe (a device stands for root only) is refused and left alone.
func TestCreateFile_neverReplacesSpecialFiles(t *testing.T) {
	dir := t.TempDir()
	victim := filepath.Join(dir, "victim")
	require.NoError(t, os.WriteFile(victim, []byte("precious"), 0o644))
	link := filepath.Join(dir, "link.rmpkg")
	require.NoError(t, os.Symlink(victim, link))
	fifo := filepath.Join(dir, "fifo.rmpkg")
	require.NoError(t, syscall.Mkfifo(fifo, 0o644))
	for _, path := range []string{link, fifo} {
		err := CreateFile(context.Background(), path, gainOptions(t))
		require.ErrorIs(t, err, atomicfile.ErrNotRegular)
	}
	info, err := os.Lstat(link)
	require.NoError(t, err)
	assert.NotZero(t, info.Mode()&fs.ModeSymlink, "still a symlink")
	got, err := os.ReadFile(victim)
	require.NoError(t, err)
	assert.Equal(t, "precious", string(got))
}

// TestCreateFile_invalidKeepsTheOldFile: validation comes before any write.
func TestCreateFile_invalidKeepsTheOldFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "p.rmpkg")
	require.NoError(t, os.WriteFile(path, []byte("the old package"), 0o644))
	opts := gainOptions(t)
	opts.WASM["gain"] = wasmFixture(t, "bad_imports.wasm")
	require.Error(t, CreateFile(context.Background(), path, opts))
	got, err := os.ReadFile(path)
	require.NoError(t, err)
	assert.Equal(t, "the old package", string(got))
	entries, err := os.ReadDir(filepath.Dir(path))
	require.NoError(t, err)
	assert.Len(t, entries, 1, "no temporary file left")
}
