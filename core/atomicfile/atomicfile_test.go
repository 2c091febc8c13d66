//go:build unix

package atomicfile

import (
	"io/fs"
	"os"
	"path/filepath"
	"syscall"
	"testing"

	"github.com/remotemedia/remotemedia/core/atomicfile/atomicfiletest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestWriteFile_new(t *testing.T) {
	for _, umask := range []int{0o022, 0o077} {
		old := syscall.Umask(umask)
		path := filepath.Join(t.TempDir(), "out.bin")
		err := WriteFile(path, []byte("data"), 0o644)
		syscall.Umask(old)
		require.NoError(t, err)
		got, err := os.ReadFile(path)
		require.NoError(t, err)
		assert.Equal(t, "data", string(got))
		info, err := os.Stat(path)
		require.NoError(t, err)
		assert.Equal(t, fs.FileMode(0o644&^umask), info.Mode().Perm(), "umask %o", umask)
		assertOnly(t, filepath.Dir(path), "out.bin")
	}
}

func TestWriteFile_replacesRegularFile(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "out.bin")
	require.NoError(t, os.WriteFile(path, []byte("old contents"), 0o600))
	require.NoError(t, WriteFile(path, []byte("new"), 0o644))
	got, err := os.ReadFile(path)
	require.NoError(t, err)
	assert.Equal(t, "new", string(got))
	info, err := os.Stat(path)
	require.NoError(t, err)
	assert.Equal(t, fs.FileMode(0o600), info.Mode().Perm(), "a replaced file keeps its mode")
	assertOnly(t, dir, "out.bin")
}

// TestWriteFile_refusesSpecialFiles: a symlink, a pipe (standing in for a
// device, which only root may create) and a directory are left as they
// were, and so is what a symlink points to.
func TestWriteFile_refusesSpecialFiles(t *testing.T) {
	dir := t.TempDir()
	p, err := atomicfiletest.NewProtected(dir, "")
	require.NoError(t, err)
	sub := filepath.Join(dir, "sub")
	require.NoError(t, os.Mkdir(sub, 0o755))

	for _, tt := range []struct{ path, kind string }{{p.Link, "a symlink"}, {p.Pipe, "a named pipe"}, {sub, "a directory"}} {
		before, err := os.Lstat(tt.path)
		require.NoError(t, err)
		err = WriteFile(tt.path, []byte("x"), 0o644)
		require.ErrorIs(t, err, ErrNotRegular)
		assert.ErrorContains(t, err, "is "+tt.kind+", not a regular file; refusing to replace it")
		after, err := os.Lstat(tt.path)
		require.NoError(t, err)
		assert.Equal(t, before.Mode(), after.Mode(), tt.path)
	}
	require.NoError(t, p.Check())
	assertOnly(t, dir, "fifo", "link", "sub", "victim")
}

func TestFile_streamsAndCommits(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "out.wav")
	f, err := Create(path, 0o644)
	require.NoError(t, err)
	for _, part := range []string{"RIFF", "....", "WAVE"} {
		_, err := f.Write([]byte(part))
		require.NoError(t, err)
	}
	assert.NoFileExists(t, path, "nothing at the target before Commit")
	require.NoError(t, f.Commit())
	require.NoError(t, f.Abort(), "Abort after Commit is a no-op")
	got, err := os.ReadFile(path)
	require.NoError(t, err)
	assert.Equal(t, "RIFF....WAVE", string(got))
	assertOnly(t, dir, "out.wav")
}

func TestFile_abortKeepsTheTarget(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "out.wav")
	require.NoError(t, os.WriteFile(path, []byte("the user's file"), 0o644))
	f, err := Create(path, 0o644)
	require.NoError(t, err)
	_, err = f.Write([]byte("half a"))
	require.NoError(t, err)
	require.NoError(t, f.Abort())
	got, err := os.ReadFile(path)
	require.NoError(t, err)
	assert.Equal(t, "the user's file", string(got))
	assertOnly(t, dir, "out.wav")
}

// TestFile_commitRechecksTheTarget: a symlink that appears while the file
// is written is not replaced either.
func TestFile_commitRechecksTheTarget(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "out")
	f, err := Create(path, 0o644)
	require.NoError(t, err)
	require.NoError(t, os.Symlink("/etc/passwd", path))
	require.ErrorIs(t, f.Commit(), ErrNotRegular)
	target, err := os.Readlink(path)
	require.NoError(t, err)
	assert.Equal(t, "/etc/passwd", target)
	assertOnly(t, dir, "out")
}

// assertOnly checks that dir holds exactly names: no temporary file left.
func assertOnly(t *testing.T, dir string, names ...string) {
	t.Helper()
	got, err := atomicfiletest.Names(dir)
	require.NoError(t, err)
	assert.Equal(t, names, got)
}
