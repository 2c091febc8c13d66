package manifest

import (
	"context"
	"testing"

	"github.com/remotemedia/remotemedia/core/frame"
	"github.com/remotemedia/remotemedia/core/node"
	"github.com/stretchr/testify/require"
)

// testRegistry holds fake specs shaped like the built-in calculator nodes, so
// these tests depend neither on the real nodes nor on global state.
func testRegistry(t testing.TB) *node.Registry {
	t.Helper()
	identity := func(node.Params) (node.Node, error) {
		return node.Func(func(_ context.Context, in *frame.Frame) (*frame.Frame, error) { return in, nil }), nil
	}
	reg := node.NewRegistry()
	for _, spec := range []node.Spec{
		{Type: "AddNode", New: identity, Params: []node.Param{{Name: "addend", Type: node.TypeNumber, Default: 0.0}}},
		{Type: "MultiplyNode", New: identity, Params: []node.Param{{Name: "multiplier", Type: node.TypeNumber, Default: 1.0}}},
		{Type: "PassThrough", New: identity},
		{Type: "CalculatorNode", New: identity},
		{Type: "ResampleNode", New: identity, Params: []node.Param{
			{Name: "rate", Type: node.TypeInteger, Required: true, Min: node.Bound(1)},
		}},
		{Type: "WhisperNode", Runtime: node.RuntimePython},
	} {
		require.NoError(t, reg.Register(spec))
	}
	return reg
}
