package manifest_test

import (
	"context"
	"fmt"

	"github.com/remotemedia/remotemedia/core/frame"
	"github.com/remotemedia/remotemedia/core/internal/manifest"
	"github.com/remotemedia/remotemedia/core/node"
)

func ExampleParse() {
	reg := node.NewRegistry()
	_ = reg.Register(node.Spec{
		Type:   "AddNode",
		Params: []node.Param{{Name: "addend", Type: node.TypeNumber, Default: 0.0}},
		New: func(node.Params) (node.Node, error) {
			return node.Func(func(_ context.Context, in *frame.Frame) (*frame.Frame, error) { return in, nil }), nil
		},
	})

	_, err := manifest.Parse([]byte(`{
	  "version": "v1",
	  "nodes": [
	    {"id": "a", "node_type": "AddNod"},
	    {"id": "b", "node_type": "AddNode", "params": {"addend": "ten"}}
	  ],
	  "connections": [{"from": "a", "to": "sink"}]
	}`), reg)
	fmt.Println(err)

	m, _ := manifest.Parse([]byte(`{"version":"v1","nodes":[{"id":"a","node_type":"AddNode"}]}`), reg)
	fmt.Println(m.Nodes[0].Resolved)
	// Output:
	// invalid manifest: 3 problems
	//   $.nodes[0].node_type: unknown node_type "AddNod" (did you mean "AddNode"?)
	//   $.nodes[1].params.addend: must be a number, got string "ten"
	//   $.connections[0].to: unknown node id "sink"
	// map[addend:0]
}
