package nodes

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/remotemedia/remotemedia/core/internal/nodedoc"
	"github.com/remotemedia/remotemedia/core/node"
	"github.com/stretchr/testify/require"

	"github.com/remotemedia/remotemedia/internal/testvectors"
)

// TestNodesDoc_UpToDate fails when docs/NODES.md no longer matches the specs.
func TestNodesDoc_UpToDate(t *testing.T) {
	path := filepath.Join(repoRoot(t), "docs", "NODES.md")
	got, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		t.Fatalf("docs/NODES.md is missing: run %s", nodedoc.Command)
	}
	require.NoError(t, err)
	want := string(nodedoc.Render(node.Default().Specs()))
	if string(got) != want {
		t.Fatalf("docs/NODES.md is stale: run %s (%s)", nodedoc.Command, firstDifference(string(got), want))
	}
}

// firstDifference names the first line where the file and the specs part.
func firstDifference(file, specs string) string {
	a, b := strings.Split(file, "\n"), strings.Split(specs, "\n")
	for i := 0; i < len(a) && i < len(b); i++ {
		if a[i] != b[i] {
			return fmt.Sprintf("line %d is %q, the specs say %q", i+1, a[i], b[i])
		}
	}
	return fmt.Sprintf("the file has %d lines, the specs %d", len(a), len(b))
}

// repoRoot is the repository root.
func repoRoot(t *testing.T) string { return testvectors.RepoRoot(t) }
