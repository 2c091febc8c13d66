package rmpkg_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/remotemedia/remotemedia/core"
	"github.com/remotemedia/remotemedia/core/rmpkg"
)

// TestValidate_leavesTheCacheAlone: checking a package compiles its
// modules, but must not fill the compilation cache with code that may
// never run.
func TestValidate_leavesTheCacheAlone(t *testing.T) {
	cache := t.TempDir()
	t.Setenv("XDG_CACHE_HOME", cache) // where wasmhost's default cache dir lives
	p := halfGainPackage(t, halfGain)
	report := rmpkg.Validate(context.Background(), p, core.NewConfig())
	require.True(t, report.OK(), "%v", report.Errors)
	var files []string
	require.NoError(t, filepath.WalkDir(cache, func(path string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			files = append(files, path)
		}
		return err
	}))
	assert.Empty(t, files)
}
