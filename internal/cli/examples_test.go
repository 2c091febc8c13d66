package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestMain_Examples runs every top-level examples/<name>.json on
// examples/<name>.input.json and compares the output with
// examples/<name>.expected.json.
func TestMain_Examples(t *testing.T) {
	dir := filepath.Join(repoRoot(t), "examples")
	manifests, err := filepath.Glob(filepath.Join(dir, "*.json"))
	require.NoError(t, err)
	ran := 0
	for _, manifest := range manifests {
		if strings.HasSuffix(manifest, ".input.json") || strings.HasSuffix(manifest, ".expected.json") {
			continue
		}
		base := strings.TrimSuffix(manifest, ".json")
		t.Run(filepath.Base(base), func(t *testing.T) {
			expected, err := os.ReadFile(base + ".expected.json")
			require.NoError(t, err, "every example needs an expected output file")
			res := runCLI(t, "", "run", manifest, "--input-file", base+".input.json")
			require.Equal(t, ExitOK, res.code, res.stderr)
			assert.Equal(t, plainJSON(t, string(expected)), plainJSON(t, res.stdout))

			res = runCLI(t, "", "validate", manifest)
			assert.Equal(t, "ok\n", res.stdout, res.stderr)
		})
		ran++
	}
	require.GreaterOrEqual(t, ran, 4, "examples/ lost its examples")
}

// TestMain_CalculatorExample pins the README's promise byte for byte.
func TestMain_CalculatorExample(t *testing.T) {
	path := filepath.Join(repoRoot(t), "examples", "calculator.json")
	res := runCLI(t, "", "run", path, "--input", "[5,7,3]")
	require.Equal(t, ExitOK, res.code, res.stderr)
	assert.Equal(t, "[20,24,16]\n", res.stdout)
}
