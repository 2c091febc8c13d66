package manifest

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/remotemedia/remotemedia/internal/testvectors"
)

// TestParse_Conformance runs the shared manifest vectors: exit 2 means the
// manifest is invalid; every other case must parse.
func TestParse_Conformance(t *testing.T) {
	reg := testRegistry(t)
	for _, tc := range testvectors.Manifests(t) {
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
