package rmpkg

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/remotemedia/remotemedia/core/node"
)

const pythonTypesManifest = `{"version": "v1", "runtime": {"target": "wasm32-wasi"}, "nodes": [
  {"id": "a", "node_type": "PkgShout", "params": {"suffix": "?"}},
  {"id": "b", "node_type": "PkgShout", "params": {"times": 2}},
  {"id": "c", "node_type": "MultiplyNode", "params": {"multiplier": "x"}},
  {"id": "d", "node_type": "wasm:gain", "params": {}}]}`

func TestPackage_WithPythonTypes(t *testing.T) {
	base := node.Default()
	withSources := openTestPackage(t, zipEntry{name: ManifestFile, data: []byte(pythonTypesManifest)},
		zipEntry{name: "python/shout.py", data: []byte("raise SystemExit('never run')\n")})
	withoutSources := openTestPackage(t, zipEntry{name: ManifestFile, data: []byte(pythonTypesManifest)})

	assert.Same(t, base, withoutSources.WithPythonTypes(base), "no sources: nothing is declared")

	reg := withSources.WithPythonTypes(base)
	spec, ok := reg.Lookup("PkgShout")
	require.True(t, ok)
	assert.Equal(t, node.RuntimePython, spec.Runtime)
	assert.Nil(t, spec.New, "a placeholder: only running the sources makes it runnable")
	assert.Equal(t, []node.Param{{Name: "suffix", Type: node.TypeAny}, {Name: "times", Type: node.TypeAny}}, spec.Params)
	_, inBase := base.Lookup("PkgShout")
	assert.False(t, inBase, "placeholders go into a clone")
	_, wasm := reg.Lookup("wasm:gain")
	assert.False(t, wasm, "wasm: types are the modules' own")

	// Everything but the declared type's params is still checked.
	problems := ParserCheck(reg)([]byte(pythonTypesManifest))
	require.Len(t, problems, 1)
	assert.Equal(t, "$.nodes[2].params.multiplier", problems[0].Path)
}

func openTestPackage(t *testing.T, entries ...zipEntry) *Package {
	t.Helper()
	p, err := Open(zipOf(t, entries...), DefaultLimits())
	require.NoError(t, err)
	return p
}
