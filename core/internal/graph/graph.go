// Package graph is the pipeline DAG over node indices: successors,
// predecessors, sources, sinks and a stable topological order. It knows
// nothing about manifests or frames, so the executor and the validator share
// one definition of the shape of a pipeline.
package graph

import "fmt"

// Graph is an immutable directed graph whose nodes are the indices 0..Len()-1
// of the ids it was built from (manifest order).
type Graph struct {
	ids  []string
	succ [][]int
	pred [][]int
}

// New builds a graph of len(ids) nodes and the given edges {from, to}.
// Repeated edges count once. An index out of range is a programmer error
// (the caller resolves ids first), so it panics.
func New(ids []string, edges [][2]int) *Graph {
	g := &Graph{
		ids:  append([]string(nil), ids...),
		succ: make([][]int, len(ids)),
		pred: make([][]int, len(ids)),
	}
	seen := make(map[[2]int]bool, len(edges))
	for _, e := range edges {
		if e[0] < 0 || e[0] >= len(ids) || e[1] < 0 || e[1] >= len(ids) {
			panic(fmt.Sprintf("graph: edge %v out of range for %d nodes", e, len(ids)))
		}
		if seen[e] {
			continue
		}
		seen[e] = true
		g.succ[e[0]] = append(g.succ[e[0]], e[1])
		g.pred[e[1]] = append(g.pred[e[1]], e[0])
	}
	return g
}

// Len is the number of nodes.
func (g *Graph) Len() int { return len(g.ids) }

// ID is the id of node i.
func (g *Graph) ID(i int) string { return g.ids[i] }

// Index returns the index of the first node with the given id.
func (g *Graph) Index(id string) (int, bool) {
	for i, x := range g.ids {
		if x == id {
			return i, true
		}
	}
	return -1, false
}

// Succ lists the successors of node i in edge order. Do not modify it.
func (g *Graph) Succ(i int) []int { return g.succ[i] }

// Pred lists the predecessors of node i in edge order. Do not modify it.
func (g *Graph) Pred(i int) []int { return g.pred[i] }

// Sources lists the nodes without incoming edges, in manifest order: every
// pipeline input goes to each of them.
func (g *Graph) Sources() []int { return g.filter(g.pred) }

// Sinks lists the nodes without outgoing edges, in manifest order: their
// outputs are the pipeline's results.
func (g *Graph) Sinks() []int { return g.filter(g.succ) }

// filter returns the nodes whose adjacency list is empty.
func (g *Graph) filter(adj [][]int) []int {
	var out []int
	for i, a := range adj {
		if len(a) == 0 {
			out = append(out, i)
		}
	}
	return out
}
