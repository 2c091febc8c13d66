package executor

import (
	"context"
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/remotemedia/remotemedia/core/frame"
	"github.com/remotemedia/remotemedia/core/node"
)

// Two sources feeding one sink: SendTo reaches only the named source, and
// input indexes count every item sent either way.
func TestSendTo(t *testing.T) {
	pass := &node.Spec{Type: "Pass", New: func(node.Params) (node.Node, error) {
		return node.Func(func(_ context.Context, f *frame.Frame) (*frame.Frame, error) { return f, nil }), nil
	}}
	plan := &Plan{Nodes: []PlanNode{
		{ID: "a", Spec: pass, Succs: []int{2}},
		{ID: "b", Spec: pass, Succs: []int{2}},
		{ID: "sink", Spec: pass, Preds: []int{0, 1}},
	}}
	r, err := Start(context.Background(), plan, Options{})
	require.NoError(t, err)
	assert.Equal(t, []string{"a", "b"}, r.Sources())
	require.NoError(t, r.SendTo(context.Background(), "b", frame.Text("only b")))
	require.NoError(t, r.Send(context.Background(), frame.Text("both")))
	assert.ErrorContains(t, r.SendTo(context.Background(), "sink", frame.Text("x")), `"sink" is not a source`)
	r.CloseInput()
	var got []Output
	for out := range r.Outputs() {
		got = append(got, out)
	}
	require.NoError(t, r.Wait())
	// Across fan-in branches outputs come in arrival order: compare as a set.
	seen := map[string]int{}
	for _, out := range got {
		seen[fmt.Sprintf("%d %s", out.Input, out.Frame.TextValue())]++
	}
	assert.Equal(t, map[string]int{"0 only b": 1, "1 both": 2}, seen)
}
