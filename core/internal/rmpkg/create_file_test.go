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
	"github.com/remotemedia/remotemedia/core/atomicfile/atomicfiletest"
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
	p, err := atomicfiletest.NewProtected(t.TempDir(), ".rmpkg")
	require.NoError(t, err)
	for _, path := range []string{p.Link, p.Pipe} {
		err := CreateFile(context.Background(), path, gainOptions(t))
		require.ErrorIs(t, err, atomicfile.ErrNotRegular)
	}
	require.NoError(t, p.Check())
}

// TestCreateFile_invalidKeepsTheOldFile: validation comes before any write.
func TestCreateFile_invalidKeepsTheOldFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "p.rmpkg")
	require.NoError(t, os.WriteFile(path, []byte("the old package"), 0o644))
	opts := gainOptions(t)
	opts.WASM["gain"] = wasmFixture(t, "bad_imports.wasm")
	opts.Check.WASM = newTestHost(t)
	require.Error(t, CreateFile(context.Background(), path, opts))
	got, err := os.ReadFile(path)
	require.NoError(t, err)
	assert.Equal(t, "the old package", string(got))
	names, err := atomicfiletest.Names(filepath.Dir(path))
	require.NoError(t, err)
	assert.Equal(t, []string{"p.rmpkg"}, names, "no temporary file left")
}
