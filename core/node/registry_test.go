package node_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/remotemedia/remotemedia/core/frame"
	"github.com/remotemedia/remotemedia/core/node"
)

func identity(node.Params) (node.Node, error) {
	return node.Func(func(_ context.Context, in *frame.Frame) (*frame.Frame, error) { return in, nil }), nil
}

func TestRegistry_Register(t *testing.T) {
	tests := []struct {
		name    string
		spec    node.Spec
		wantErr string
	}{
		{"ok", node.Spec{Type: "Echo", New: identity}, ""},
		{"bad type name", node.Spec{Type: "1Echo", New: identity}, "type must match"},
		{"go node without New", node.Spec{Type: "Echo"}, "needs a New function"},
		{"python node without New", node.Spec{Type: "Echo", Runtime: node.RuntimePython}, ""},
		{"duplicate param", node.Spec{Type: "Echo", New: identity, Params: []node.Param{{Name: "a", Type: node.TypeAny}, {Name: "a", Type: node.TypeAny}}}, "unique"},
		{"default of wrong type", node.Spec{Type: "Echo", New: identity, Params: []node.Param{{Name: "a", Type: node.TypeNumber, Default: "x"}}}, `default of param "a" must be a number`},
		{"default out of range", node.Spec{Type: "Echo", New: identity, Params: []node.Param{{Name: "a", Type: node.TypeNumber, Default: 5.0, Max: node.Bound(1)}}}, "must be <= 1"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			err := node.NewRegistry().Register(tc.spec)
			if tc.wantErr == "" {
				require.NoError(t, err)
				return
			}
			require.ErrorContains(t, err, tc.wantErr)
		})
	}
}

func TestRegistry_RegisterTwiceFails(t *testing.T) {
	r := node.NewRegistry()
	require.NoError(t, r.Register(node.Spec{Type: "Echo", New: identity}))
	require.ErrorContains(t, r.Register(node.Spec{Type: "Echo", New: identity}), "already registered")
}

func TestRegistry_CloneIsIndependent(t *testing.T) {
	r := node.NewRegistry()
	require.NoError(t, r.Register(node.Spec{Type: "Echo", New: identity}))
	c := r.Clone()
	require.NoError(t, c.Register(node.Spec{Type: "Other", New: identity}))
	assert.Equal(t, []string{"Echo"}, r.Types())
	assert.Equal(t, []string{"Echo", "Other"}, c.Types())
}

func TestRegistry_ReplaceKeepsOldSpecOnError(t *testing.T) {
	r := node.NewRegistry()
	require.NoError(t, r.Register(node.Spec{Type: "Text", Runtime: node.RuntimePython}))
	require.Error(t, r.Replace(node.Spec{Type: "Text"})) // a Go spec without New
	spec, ok := r.Lookup("Text")
	require.True(t, ok)
	assert.Equal(t, node.RuntimePython, spec.Runtime)

	require.NoError(t, r.Replace(node.Spec{Type: "Text", Runtime: node.RuntimePython, New: identity}))
	spec, _ = r.Lookup("Text")
	assert.NotNil(t, spec.New)
}

func TestRegistry_Suggest(t *testing.T) {
	r := node.NewRegistry()
	for _, typ := range []string{"AddNode", "MultiplyNode", "PassThrough"} {
		require.NoError(t, r.Register(node.Spec{Type: typ, New: identity}))
	}
	assert.Equal(t, "AddNode", r.Suggest("AddNod"))
	assert.Equal(t, "MultiplyNode", r.Suggest("multiplynode"))
	assert.Equal(t, "", r.Suggest("Resampler"))
}

func TestRegistry_HammerConcurrentUse(t *testing.T) {
	r := node.NewRegistry()
	done := make(chan struct{})
	for i := range 4 {
		go func() {
			defer func() { done <- struct{}{} }()
			for j := range 50 {
				_ = r.Register(node.Spec{Type: "T" + string(rune('a'+i)) + string(rune('a'+j%26)), New: identity})
				r.Types()
				r.Clone()
				r.Lookup("Ta")
			}
		}()
	}
	for range 4 {
		<-done
	}
	assert.NotEmpty(t, r.Types())
}
