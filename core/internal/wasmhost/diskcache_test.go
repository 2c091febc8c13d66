package wasmhost

import (
	"bytes"
	"context"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/remotemedia/remotemedia/core/frame"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// cachedHost is a host on the disk cache dir, logging warnings to logs.
func cachedHost(t *testing.T, dir string, logs *bytes.Buffer, maxBytes int64) *Host {
	t.Helper()
	logger := slog.New(slog.NewTextHandler(logs, nil))
	cfg := NewConfig().WithCacheDir(dir).WithCacheMaxBytes(maxBytes).WithLogger(logger)
	h, err := NewHost(context.Background(), cfg)
	require.NoError(t, err)
	t.Cleanup(func() { require.NoError(t, h.Close(context.Background())) })
	return h
}

// requireRuns compiles probe.wasm on h and runs one frame through it.
func requireRuns(t *testing.T, h *Host) {
	t.Helper()
	mod, err := h.Compile(context.Background(), "probe", readFixture(t, "probe.wasm"))
	require.NoError(t, err)
	inst, err := mod.Instantiate(context.Background())
	require.NoError(t, err)
	defer inst.Close(context.Background())
	var out collect
	require.NoError(t, inst.Process(context.Background(), frame.Text("hi"), &out))
	assert.Equal(t, []string{"hi"}, out.texts())
}

// fillCache compiles probe.wasm (and the driver) into dir, and returns the
// entries written.
func fillCache(t *testing.T, dir string) []string {
	t.Helper()
	var logs bytes.Buffer
	h, err := NewHost(context.Background(), NewConfig().WithCacheDir(dir).WithLogger(slog.New(slog.NewTextHandler(&logs, nil))))
	require.NoError(t, err)
	_, err = h.Compile(context.Background(), "probe", readFixture(t, "probe.wasm"))
	require.NoError(t, err)
	require.NoError(t, h.Close(context.Background()))
	files, err := listFiles(dir)
	require.NoError(t, err)
	require.Len(t, files, 2, "the driver and probe")
	require.Empty(t, logs.String())
	return files
}

func TestHost_diskCache_truncatedEntries(t *testing.T) {
	dir := t.TempDir()
	for _, f := range fillCache(t, dir) {
		data, err := os.ReadFile(f)
		require.NoError(t, err)
		require.NoError(t, os.WriteFile(f, data[:len(data)/2], 0o600))
	}
	var logs bytes.Buffer
	requireRuns(t, cachedHost(t, dir, &logs, 0))
	assert.Equal(t, 1, strings.Count(logs.String(), warnCacheFailed), logs.String())

	// The cache healed: the next host reads it without a warning.
	logs.Reset()
	requireRuns(t, cachedHost(t, dir, &logs, 0))
	assert.Empty(t, logs.String())
}

// TestHost_diskCache_unreadableEntries: an entry that cannot even be read
// (here a directory in its place) survives clearing, so the host bypasses
// the cache.
func TestHost_diskCache_unreadableEntries(t *testing.T) {
	dir := t.TempDir()
	for _, f := range fillCache(t, dir) {
		require.NoError(t, os.Remove(f))
		require.NoError(t, os.Mkdir(f, 0o700))
	}
	var logs bytes.Buffer
	h := cachedHost(t, dir, &logs, 0)
	requireRuns(t, h)
	requireRuns(t, h)
	assert.Equal(t, 1, strings.Count(logs.String(), warnCacheFailed), logs.String())
}

// TestHost_diskCache_unwritable: entries cannot be written (the version
// directory replaced by a file, as a full disk fails the write).
func TestHost_diskCache_unwritable(t *testing.T) {
	dir := t.TempDir()
	var logs bytes.Buffer
	h := cachedHost(t, dir, &logs, 0)
	subdirs, err := filepath.Glob(filepath.Join(dir, "wazero-*"))
	require.NoError(t, err)
	require.Len(t, subdirs, 1)
	require.NoError(t, os.RemoveAll(subdirs[0]))
	require.NoError(t, os.WriteFile(subdirs[0], []byte("not a directory"), 0o600))
	requireRuns(t, h)
	assert.Equal(t, 1, strings.Count(logs.String(), warnCacheFailed), logs.String())
}

func TestHost_diskCache_notADirectory(t *testing.T) {
	file := filepath.Join(t.TempDir(), "cache")
	require.NoError(t, os.WriteFile(file, []byte("x"), 0o600))
	var logs bytes.Buffer
	requireRuns(t, cachedHost(t, file, &logs, 0))
	assert.Contains(t, logs.String(), warnCacheUnwritable)
}

// TestHost_diskCache_sizeBound: past the bound the oldest entries go, and
// temporary files a dead process left.
func TestHost_diskCache_sizeBound(t *testing.T) {
	dir := t.TempDir()
	fillCache(t, dir)
	subdirs, err := filepath.Glob(filepath.Join(dir, "wazero-*"))
	require.NoError(t, err)
	old := time.Now().Add(-48 * time.Hour)
	for _, name := range []string{"old-entry", "left-by-a-crash.123.tmp"} {
		path := filepath.Join(subdirs[0], name)
		require.NoError(t, os.WriteFile(path, bytes.Repeat([]byte{1}, 4096), 0o600))
		require.NoError(t, os.Chtimes(path, old, old))
	}
	before, err := listFiles(dir)
	require.NoError(t, err)
	var total int64
	for _, f := range before {
		if info, err := os.Stat(f); err == nil && !strings.HasSuffix(f, ".tmp") {
			total += info.Size()
		}
	}

	var logs bytes.Buffer
	requireRuns(t, cachedHost(t, dir, &logs, total-1))
	after, err := listFiles(dir)
	require.NoError(t, err)
	assert.Len(t, after, len(before)-2, "the oldest entry and the stale temporary file were removed")
	assert.NotContains(t, after, filepath.Join(subdirs[0], "old-entry"))
	assert.NotContains(t, after, filepath.Join(subdirs[0], "left-by-a-crash.123.tmp"))

	// A bound smaller than any entry keeps the cache empty.
	requireRuns(t, cachedHost(t, dir, &logs, 1))
	after, err = listFiles(dir)
	require.NoError(t, err)
	assert.Empty(t, after)
	assert.Empty(t, logs.String())
}

func TestIsCacheError(t *testing.T) {
	h := newTestHost(t, NewConfig())
	_, err := h.Compile(context.Background(), "m", readFixture(t, "probe.wasm")[:40])
	require.Error(t, err)
	assert.False(t, isCacheError(err), "a module that does not decode is not the cache's fault: %v", err)
	_, err = os.Open(filepath.Join(t.TempDir(), "missing"))
	assert.True(t, isCacheError(err))
}
