package graph

import (
	"container/heap"
	"slices"
)

// TopoOrder returns every node in a topological order (Kahn's algorithm).
// Among nodes ready at the same time the earliest in manifest order comes
// first, so the order is stable for a given manifest. When the graph has a
// cycle, order is nil and cycle lists the nodes of one cycle in edge order,
// starting at its earliest node: a->b->a gives [a b], a self-loop gives [a].
func (g *Graph) TopoOrder() (order []int, cycle []int) {
	indeg := make([]int, g.Len())
	for i := range indeg {
		indeg[i] = len(g.pred[i])
	}
	ready := &minHeap{}
	for i, d := range indeg {
		if d == 0 {
			heap.Push(ready, i)
		}
	}
	order = make([]int, 0, g.Len())
	for ready.Len() > 0 {
		n := heap.Pop(ready).(int)
		order = append(order, n)
		for _, s := range g.succ[n] {
			if indeg[s]--; indeg[s] == 0 {
				heap.Push(ready, s)
			}
		}
	}
	if len(order) == g.Len() {
		return order, nil
	}
	return nil, g.findCycle(indeg)
}

// findCycle walks predecessors among the nodes Kahn's algorithm could not
// order. Each of them still has a pending predecessor, so the walk must come
// back to a node it has seen: the nodes since then form a cycle.
func (g *Graph) findCycle(indeg []int) []int {
	pending := func(i int) bool { return indeg[i] > 0 }
	start := slices.IndexFunc(indeg, func(d int) bool { return d > 0 })
	seenAt := map[int]int{}
	var walk []int
	for n := start; ; {
		if at, ok := seenAt[n]; ok {
			walk = walk[at:]
			break
		}
		seenAt[n] = len(walk)
		walk = append(walk, n)
		n = g.firstPred(n, pending)
	}
	slices.Reverse(walk) // the walk went against the edges
	first := slices.Index(walk, slices.Min(walk))
	return slices.Concat(walk[first:], walk[:first])
}

// firstPred is the earliest predecessor of n, in manifest order, that keep
// accepts.
func (g *Graph) firstPred(n int, keep func(int) bool) int {
	best := -1
	for _, p := range g.pred[n] {
		if keep(p) && (best < 0 || p < best) {
			best = p
		}
	}
	return best
}

// minHeap is a priority queue of node indices, smallest first.
type minHeap []int

func (h minHeap) Len() int           { return len(h) }
func (h minHeap) Less(i, j int) bool { return h[i] < h[j] }
func (h minHeap) Swap(i, j int)      { h[i], h[j] = h[j], h[i] }
func (h *minHeap) Push(x any)        { *h = append(*h, x.(int)) }
func (h *minHeap) Pop() any {
	old := *h
	x := old[len(old)-1]
	*h = old[:len(old)-1]
	return x
}
