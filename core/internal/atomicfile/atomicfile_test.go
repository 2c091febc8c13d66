//go:build unix

package atomicfile

import (
	"os"
	"path/filepath"
	"syscall"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestFile_CommitCreatesTheTarget(t *testing.T) {
	path := filepath.Join(t.TempDir(), "out.wav")
	f, err := Create(path)
	require.NoError(t, err)
	_, err = f.WriteString("new")
	require.NoError(t, err)
	_, err = os.Stat(path)
	require.ErrorIs(t, err, os.ErrNotExist, "nothing at the target before Commit")
	require.NoError(t, f.Commit())
	requireContent(t, path, "new")
	requireOnly(t, filepath.Dir(path), "out.wav")
	require.NoError(t, f.Abort(), "Abort after Commit does nothing")
	requireContent(t, path, "new")
}

func TestFile_CommitReplacesARegularFileKeepingItsMode(t *testing.T) {
	path := filepath.Join(t.TempDir(), "out.wav")
	require.NoError(t, os.WriteFile(path, []byte("old"), 0o640))
	require.NoError(t, os.Chmod(path, 0o640))
	f, err := Create(path)
	require.NoError(t, err)
	_, err = f.WriteString("new")
	require.NoError(t, err)
	requireContent(t, path, "old")
	require.NoError(t, f.Commit())
	requireContent(t, path, "new")
	st, err := os.Stat(path)
	require.NoError(t, err)
	require.Equal(t, os.FileMode(0o640), st.Mode().Perm())
}

func TestFile_NewFileModeFollowsTheUmask(t *testing.T) {
	old := syscall.Umask(0o022)
	defer syscall.Umask(old)
	path := filepath.Join(t.TempDir(), "out")
	f, err := Create(path)
	require.NoError(t, err)
	require.NoError(t, f.Commit())
	st, err := os.Stat(path)
	require.NoError(t, err)
	require.Equal(t, os.FileMode(0o644), st.Mode().Perm(), "like os.Create, not CreateTemp's 0600")
}

func TestFile_AbortLeavesTheTargetAsItWas(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "out.wav")
	require.NoError(t, os.WriteFile(path, []byte("old"), 0o644))
	f, err := Create(path)
	require.NoError(t, err)
	_, err = f.WriteString("partial")
	require.NoError(t, err)
	require.NoError(t, f.Abort())
	require.NoError(t, f.Abort(), "a second Abort does nothing")
	requireContent(t, path, "old")
	requireOnly(t, dir, "out.wav")
	require.Error(t, f.Commit(), "Commit after Abort")
	requireContent(t, path, "old")

	absent := filepath.Join(dir, "absent")
	f, err = Create(absent)
	require.NoError(t, err)
	require.NoError(t, f.Abort())
	_, err = os.Lstat(absent)
	require.ErrorIs(t, err, os.ErrNotExist)
}

func TestCreate_RefusesWhatIsNotARegularFile(t *testing.T) {
	dir := t.TempDir()
	target := filepath.Join(dir, "target")
	require.NoError(t, os.WriteFile(target, []byte("keep"), 0o644))
	link := filepath.Join(dir, "link")
	require.NoError(t, os.Symlink(target, link))
	fifo := filepath.Join(dir, "fifo")
	require.NoError(t, syscall.Mkfifo(fifo, 0o644))
	sub := filepath.Join(dir, "sub")
	require.NoError(t, os.Mkdir(sub, 0o755))

	for path, what := range map[string]string{
		link: "a symlink", fifo: "a named pipe", sub: "a directory", "/dev/null": "a device",
	} {
		_, err := Create(path)
		require.ErrorIs(t, err, ErrNotRegular, path)
		require.ErrorContains(t, err, what)
	}
	requireContent(t, target, "keep")
	requireOnly(t, dir, "fifo", "link", "sub", "target")
}

func TestFile_CommitRefusesATargetReplacedMeanwhile(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "out")
	f, err := Create(path)
	require.NoError(t, err)
	other := filepath.Join(dir, "other")
	require.NoError(t, os.WriteFile(other, []byte("keep"), 0o644))
	require.NoError(t, os.Symlink(other, path))
	require.ErrorIs(t, f.Commit(), ErrNotRegular)
	requireContent(t, other, "keep")
	requireOnly(t, dir, "other", "out")
}

func TestCreate_MissingDirectory(t *testing.T) {
	path := filepath.Join(t.TempDir(), "no", "out")
	_, err := Create(path)
	require.ErrorIs(t, err, os.ErrNotExist)
	require.EqualError(t, err, "create "+path+": no such file or directory", "names the target, not the temporary file")
}

func requireContent(t *testing.T, path, want string) {
	t.Helper()
	got, err := os.ReadFile(path)
	require.NoError(t, err)
	require.Equal(t, want, string(got))
}

// requireOnly checks that no temporary file was left behind.
func requireOnly(t *testing.T, dir string, names ...string) {
	t.Helper()
	entries, err := os.ReadDir(dir)
	require.NoError(t, err)
	var got []string
	for _, e := range entries {
		got = append(got, e.Name())
	}
	require.Equal(t, names, got)
}
