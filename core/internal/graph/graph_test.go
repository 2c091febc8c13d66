package graph

import (
	"testing"

	"github.com/stretchr/testify/require"
)

// edge is shorthand for test tables.
type edge = [2]int

func TestGraph_SuccPred(t *testing.T) {
	g := New([]string{"a", "b", "c"}, []edge{{0, 2}, {0, 1}, {1, 2}, {0, 2}})
	require.Equal(t, []int{2, 1}, g.Succ(0), "edge order, repeated edge once")
	require.Empty(t, g.Succ(2))
	require.Equal(t, []int{0, 1}, g.Pred(2))
	require.Empty(t, g.Pred(0))
	require.Equal(t, 3, g.Len())
	require.Equal(t, "b", g.ID(1))
}

func TestGraph_Index(t *testing.T) {
	g := New([]string{"a", "b"}, nil)
	i, ok := g.Index("b")
	require.True(t, ok)
	require.Equal(t, 1, i)
	_, ok = g.Index("zz")
	require.False(t, ok)
}

func TestGraph_SourcesSinks(t *testing.T) {
	tests := []struct {
		name           string
		n              int
		edges          []edge
		sources, sinks []int
	}{
		{name: "single node", n: 1, sources: []int{0}, sinks: []int{0}},
		{name: "chain", n: 3, edges: []edge{{0, 1}, {1, 2}}, sources: []int{0}, sinks: []int{2}},
		{name: "fan-out", n: 3, edges: []edge{{0, 2}, {0, 1}}, sources: []int{0}, sinks: []int{1, 2}},
		{name: "fan-in", n: 3, edges: []edge{{1, 0}, {2, 0}}, sources: []int{1, 2}, sinks: []int{0}},
		{name: "disconnected", n: 3, edges: []edge{{2, 1}}, sources: []int{0, 2}, sinks: []int{0, 1}},
		{name: "cycle only", n: 2, edges: []edge{{0, 1}, {1, 0}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			g := New(make([]string, tc.n), tc.edges)
			require.Equal(t, tc.sources, g.Sources())
			require.Equal(t, tc.sinks, g.Sinks())
		})
	}
}

func TestGraph_TopoOrder(t *testing.T) {
	tests := []struct {
		name  string
		n     int
		edges []edge
		order []int
		cycle []int
	}{
		{name: "empty", n: 0, order: []int{}},
		{name: "no edges keeps manifest order", n: 3, order: []int{0, 1, 2}},
		{name: "chain declared backwards", n: 3, edges: []edge{{2, 1}, {1, 0}}, order: []int{2, 1, 0}},
		{name: "diamond", n: 4, edges: []edge{{0, 2}, {0, 1}, {1, 3}, {2, 3}}, order: []int{0, 1, 2, 3}},
		{name: "ties by manifest order", n: 4, edges: []edge{{3, 0}, {1, 2}}, order: []int{1, 2, 3, 0}},
		{name: "two-node cycle", n: 2, edges: []edge{{0, 1}, {1, 0}}, cycle: []int{0, 1}},
		{name: "self-loop", n: 2, edges: []edge{{0, 1}, {1, 1}}, cycle: []int{1}},
		{name: "cycle reported in edge order", n: 3, edges: []edge{{0, 2}, {2, 1}, {1, 0}}, cycle: []int{0, 2, 1}},
		{name: "cycle downstream of a source", n: 4, edges: []edge{{0, 1}, {1, 2}, {2, 3}, {3, 1}}, cycle: []int{1, 2, 3}},
		{name: "node after a cycle is not in it", n: 4, edges: []edge{{1, 2}, {2, 1}, {2, 3}, {0, 3}}, cycle: []int{1, 2}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			order, cycle := New(make([]string, tc.n), tc.edges).TopoOrder()
			require.Equal(t, tc.order, order)
			require.Equal(t, tc.cycle, cycle)
		})
	}
}

func TestNew_PanicsOnBadIndex(t *testing.T) {
	require.Panics(t, func() { New([]string{"a"}, []edge{{0, 1}}) })
	require.Panics(t, func() { New([]string{"a"}, []edge{{-1, 0}}) })
}
