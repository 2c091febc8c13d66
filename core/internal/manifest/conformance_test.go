package manifest

import (
	"encoding/json"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"
)

// conformanceCase is the part of a shared conformance case the parser checks.
type conformanceCase struct {
	Name     string          `json:"name"`
	Manifest json.RawMessage `json:"manifest"`
	Expect   struct {
		Exit            int      `json:"exit"`
		MessageContains []string `json:"message_contains"`
	} `json:"expect"`
}

// TestParse_Conformance runs the shared manifest vectors: exit 2 means the
// manifest is invalid; every other case must parse.
func TestParse_Conformance(t *testing.T) {
	var file struct {
		Cases []conformanceCase `json:"cases"`
	}
	require.NoError(t, json.Unmarshal(readShared(t, "conformance/manifests.json"), &file))
	require.NotEmpty(t, file.Cases)

	reg := testRegistry(t)
	for _, tc := range file.Cases {
		t.Run(tc.Name, func(t *testing.T) {
			m, err := Parse(tc.Manifest, reg)
			if tc.Expect.Exit != 2 {
				require.NoError(t, err)
				require.NotNil(t, m)
				return
			}
			requireProblems(t, err)
			for _, s := range tc.Expect.MessageContains {
				require.Contains(t, err.Error(), s)
			}
		})
	}
}

// readShared reads a file of the shared directory that sits next to the
// repository, found by walking up from the test's directory.
func readShared(t *testing.T, name string) []byte {
	t.Helper()
	dir, err := os.Getwd()
	require.NoError(t, err)
	for {
		data, err := os.ReadFile(filepath.Join(dir, "shared", name))
		if err == nil {
			return data
		}
		if !errors.Is(err, fs.ErrNotExist) {
			require.NoError(t, err)
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Skipf("shared/%s not found above the test directory", name)
		}
		dir = parent
	}
}
