package client

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/remotemedia/remotemedia/internal/testvectors"
)

// TestDocs_CoverTheParams fails when docs/REMOTE.md, which is the node's
// reference (docs/NODES.md holds core's nodes only), misses a param.
func TestDocs_CoverTheParams(t *testing.T) {
	doc, err := os.ReadFile(filepath.Join(testvectors.RepoRoot(t), "docs", "REMOTE.md"))
	require.NoError(t, err)
	names := []string{retryMaxRetries, retryBackoffMs, tlsCAFile, tlsServerName}
	for _, p := range spec().Params {
		names = append(names, "`"+p.Name+"`")
	}
	for _, name := range names {
		require.True(t, strings.Contains(string(doc), name), "docs/REMOTE.md does not mention %s", name)
	}
}
