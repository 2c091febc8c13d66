package node_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/remotemedia/remotemedia/core/node"
)

func TestRegistry_ForeignSpec(t *testing.T) {
	r := node.NewRegistry()
	require.NoError(t, r.Register(node.Spec{
		Type: "TextProcessorNode", Runtime: node.RuntimePython, Summary: "documented by the engine",
		Params: []node.Param{{Name: "ops", Type: node.TypeArray}},
	}))

	kept, err := r.ForeignSpec("TextProcessorNode", node.RuntimePython, []byte(`{"summary":"ignored"}`), identity)
	require.NoError(t, err)
	assert.Equal(t, "documented by the engine", kept.Summary)
	assert.Equal(t, node.TypeArray, kept.Params[0].Type)
	assert.NotNil(t, kept.New)

	declared, err := r.ForeignSpec("Normalize", node.RuntimePython,
		[]byte(`{"summary":"scales to 1","params":[{"name":"peak","required":true,"doc":"target"}]}`), identity)
	require.NoError(t, err)
	assert.Equal(t, "scales to 1", declared.Summary)
	assert.Equal(t, []node.Param{{Name: "peak", Type: node.TypeAny, Required: true, Doc: "target"}}, declared.Params)
	require.NoError(t, r.Replace(declared))

	_, err = r.ForeignSpec("Bad", node.RuntimePython, []byte(`{`), identity)
	assert.ErrorContains(t, err, "bad declaration")
}

func TestRegistry_ForeignSpec_releasesGIL(t *testing.T) {
	r := node.NewRegistry()
	plain, err := r.ForeignSpec("Plain", node.RuntimePython, []byte(`{"summary":"x"}`), identity)
	require.NoError(t, err)
	assert.False(t, plain.ReleasesGIL, "Python nodes hold the GIL unless they say otherwise")
	native, err := r.ForeignSpec("Native", node.RuntimePython, []byte(`{"summary":"x","releases_gil":true}`), identity)
	require.NoError(t, err)
	assert.True(t, native.ReleasesGIL)

	// A placeholder the engine documents keeps its docs and takes the class's word.
	require.NoError(t, r.Register(node.Spec{Type: "Documented", Runtime: node.RuntimePython, Summary: "engine docs"}))
	kept, err := r.ForeignSpec("Documented", node.RuntimePython, []byte(`{"summary":"ignored","releases_gil":true}`), identity)
	require.NoError(t, err)
	assert.Equal(t, "engine docs", kept.Summary)
	assert.True(t, kept.ReleasesGIL)
}
