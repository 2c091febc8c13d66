package manifest

import "github.com/remotemedia/remotemedia/core/internal/graph"

// Graph is the pipeline DAG of a valid manifest: node i is Nodes[i], and
// connections naming unknown ids are left out.
func (m *Manifest) Graph() *graph.Graph {
	ids := make(map[string]int, len(m.Nodes))
	for i := len(m.Nodes) - 1; i >= 0; i-- {
		ids[m.Nodes[i].ID] = i
	}
	var edges [][2]int
	for _, conn := range m.Connections {
		from, okFrom := ids[conn.From]
		to, okTo := ids[conn.To]
		if okFrom && okTo {
			edges = append(edges, [2]int{from, to})
		}
	}
	return m.graph(edges)
}

func (m *Manifest) graph(edges [][2]int) *graph.Graph {
	ids := make([]string, len(m.Nodes))
	for i, n := range m.Nodes {
		ids[i] = n.ID
	}
	return graph.New(ids, edges)
}
