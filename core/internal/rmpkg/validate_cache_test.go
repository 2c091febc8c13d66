package rmpkg

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestPackage_Validate_leavesTheCacheAlone: checking a package compiles its
// modules, but must not fill the compilation cache with code that may
// never run.
func TestPackage_Validate_leavesTheCacheAlone(t *testing.T) {
	cache := t.TempDir()
	t.Setenv("XDG_CACHE_HOME", cache) // where wasmhost's default cache dir lives
	p, err := Open(validPackage(t), DefaultLimits())
	require.NoError(t, err)
	require.True(t, p.Validate(context.Background(), ValidateOptions{}).OK())
	var files []string
	require.NoError(t, filepath.WalkDir(cache, func(path string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			files = append(files, path)
		}
		return err
	}))
	assert.Empty(t, files)
}
