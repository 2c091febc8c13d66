package cli

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/remotemedia/remotemedia/core/node"
)

// TestMain_OptionsRegistry: every command resolves node types in the
// registry it is given, as the pip-installed command gives its Python ones.
func TestMain_OptionsRegistry(t *testing.T) {
	reg := node.Default().Clone()
	require.NoError(t, reg.Register(node.Spec{Type: "Exclaim", Runtime: node.RuntimePython, Summary: "Adds a !"}))
	opts := Options{Registry: reg}
	manifest := writeFile(t, "m.json", `{"version": "v1", "nodes": [{"id": "e", "node_type": "Exclaim"}]}`)

	assert.Equal(t, cliResult{code: ExitOK, stdout: "Exclaim  (python, experimental)\n  Adds a !\n  params: none\n"},
		runWith(t, opts, "nodes", "Exclaim"))
	assert.Equal(t, cliResult{code: ExitOK, stdout: "ok\n"}, runWith(t, opts, "validate", manifest))
	assert.Equal(t, ExitOK, runWith(t, opts, "graph", manifest).code)

	res := runWith(t, Options{}, "validate", manifest)
	assert.Equal(t, ExitInvalid, res.code, "the zero Options are the Go binary's registry")
	assert.Contains(t, res.stderr, `unknown node_type "Exclaim"`)
	_, leaked := node.Default().Lookup("Exclaim")
	assert.False(t, leaked)
}
