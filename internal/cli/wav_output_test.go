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

// --output-wav must never remove or truncate what was at its path before,
// whatever happens to the run (issue 9, "files the user already had").
func TestRun_OutputWAVKeepsWhatTheUserHad(t *testing.T) {
	in := writeWAV(t, ramp(800), 8000, 1, "s16")
	data, err := os.ReadFile(in)
	require.NoError(t, err)
	truncated := writeFile(t, "truncated.wav", string(data[:len(data)-101]))
	pass := writeFile(t, "pass.json", manifestOf(passNode, ""))
	level := writeFile(t, "level.json", manifestOf(`{"id":"level","node_type":"AudioLevelNode","params":{}}`, ""))

	for _, tt := range []struct {
		name     string
		args     []string
		wantCode int
	}{
		{"the run fails on a truncated input", []string{"run", pass, "--input-wav", truncated}, ExitInvalid},
		{"no sink emits audio", []string{"run", level, "--input-wav", in}, ExitOK},
	} {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			out := filepath.Join(dir, "out.wav")
			require.NoError(t, os.WriteFile(out, []byte("precious"), 0o644))
			res := runCLI(t, "", append(tt.args, "--output-wav", out)...)
			require.Equal(t, tt.wantCode, res.code, res.stderr)
			requireFileContent(t, out, "precious")
			requireDirHolds(t, dir, "out.wav")
		})
	}

	t.Run("a symlink and its target are left alone", func(t *testing.T) {
		dir := t.TempDir()
		target := filepath.Join(dir, "target")
		require.NoError(t, os.WriteFile(target, []byte("precious"), 0o644))
		link := filepath.Join(dir, "link.wav")
		require.NoError(t, os.Symlink(target, link))
		res := runCLI(t, "", "run", pass, "--input-wav", in, "--output-wav", link)
		require.Equal(t, ExitInvalid, res.code, res.stderr)
		assert.Contains(t, res.stderr, "error: --output-wav: write "+link+": is a symlink, not a regular file; refusing to replace it")
		requireFileContent(t, target, "precious")
		requireDirHolds(t, dir, "link.wav", "target")
	})
	t.Run("a named pipe or a device is refused, not removed", func(t *testing.T) {
		dir := t.TempDir()
		fifo := filepath.Join(dir, "fifo")
		require.NoError(t, syscall.Mkfifo(fifo, 0o644))
		for _, path := range []string{fifo, "/dev/null"} {
			res := runCLI(t, "", "run", pass, "--input-wav", in, "--output-wav", path)
			require.Equal(t, ExitInvalid, res.code, res.stderr)
			assert.Contains(t, res.stderr, "not a regular file")
		}
		requireDirHolds(t, dir, "fifo")
		st, err := os.Stat("/dev/null")
		require.NoError(t, err)
		assert.NotZero(t, st.Mode()&os.ModeDevice)
	})
	t.Run("a successful run replaces a regular file", func(t *testing.T) {
		dir := t.TempDir()
		out := filepath.Join(dir, "out.wav")
		require.NoError(t, os.WriteFile(out, []byte("old"), 0o600))
		res := runCLI(t, "", "run", pass, "--input-wav", in, "--output-wav", out)
		require.Equal(t, ExitOK, res.code, res.stderr)
		_, got := readWAV(t, out)
		_, want := readWAV(t, in)
		assert.Equal(t, want, got)
		st, err := os.Stat(out)
		require.NoError(t, err)
		assert.Equal(t, os.FileMode(0o600), st.Mode().Perm(), "the file keeps its mode")
		requireDirHolds(t, dir, "out.wav")
	})
}

func requireFileContent(t *testing.T, path, want string) {
	t.Helper()
	got, err := os.ReadFile(path)
	require.NoError(t, err)
	require.Equal(t, want, string(got))
}

// requireDirHolds checks dir's entries, so no temporary file was left.
func requireDirHolds(t *testing.T, dir string, names ...string) {
	t.Helper()
	got, err := atomicfiletest.Names(dir)
	require.NoError(t, err)
	require.Equal(t, names, got)
}
