package manifest

import (
	"testing"

	"github.com/stretchr/testify/require"
)

func TestManifest_Graph(t *testing.T) {
	m, err := Parse([]byte(doc(
		`{"id":"src","node_type":"PassThrough"},{"id":"double","node_type":"MultiplyNode"},{"id":"plus","node_type":"AddNode"}`,
		`{"from":"src","to":"plus"},{"from":"src","to":"double"}`,
	)), testRegistry(t))
	require.NoError(t, err)

	g := m.Graph()
	require.Equal(t, 3, g.Len())
	require.Equal(t, "double", g.ID(1))
	require.Equal(t, []int{2, 1}, g.Succ(0), "connection order")
	require.Equal(t, []int{0}, g.Sources())
	require.Equal(t, []int{1, 2}, g.Sinks())
	order, cycle := g.TopoOrder()
	require.Nil(t, cycle)
	require.Equal(t, []int{0, 1, 2}, order)
}
