package main

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/remotemedia/remotemedia/core/nodedoc"
	"github.com/remotemedia/remotemedia/internal/testvectors"
)

// TestNodesDoc_UpToDate fails when docs/NODES.md no longer matches the specs
// of the nodes the CLI links (core's and the speech nodes).
func TestNodesDoc_UpToDate(t *testing.T) {
	path := filepath.Join(testvectors.RepoRoot(t), "docs", "NODES.md")
	got, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		t.Fatalf("docs/NODES.md is missing: run %s", nodedoc.Command)
	}
	require.NoError(t, err)
	want := string(document())
	if string(got) != want {
		t.Fatalf("docs/NODES.md is stale: run %s (%s)", nodedoc.Command, firstDifference(string(got), want))
	}
	for _, typ := range []string{"SileroVADNode", "TurnDetectorNode", "EspeakTTSNode", "WhisperSTTNode", "AudioResampleNode"} {
		require.Contains(t, want, "\n## "+typ+"\n", "the reference documents %s", typ)
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
