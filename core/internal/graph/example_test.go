package graph_test

import (
	"fmt"

	"github.com/remotemedia/remotemedia/core/internal/graph"
)

func ExampleGraph_TopoOrder() {
	g := graph.New([]string{"sink", "left", "right", "src"}, [][2]int{{3, 1}, {3, 2}, {1, 0}, {2, 0}})
	order, _ := g.TopoOrder()
	fmt.Println("order:", order, "sources:", g.Sources(), "sinks:", g.Sinks())

	_, cycle := graph.New([]string{"a", "b"}, [][2]int{{0, 1}, {1, 0}}).TopoOrder()
	fmt.Println("cycle:", cycle)
	// Output:
	// order: [3 1 2 0] sources: [3] sinks: [0]
	// cycle: [0 1]
}
