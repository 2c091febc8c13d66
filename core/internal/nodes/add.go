package nodes

import (
	"github.com/remotemedia/remotemedia/core/internal/num"
	"github.com/remotemedia/remotemedia/core/node"
)

const (
	addType        = "AddNode"
	addParamAddend = "addend"
)

func addSpec() node.Spec {
	return elementwiseNode{
		nodeType: addType,
		summary:  "Adds a constant to every number in its input.",
		what:     "audio samples (a DC offset)",
		param: node.Param{
			Name:    addParamAddend,
			Type:    node.TypeNumber,
			Doc:     "The constant added to every number; negative to subtract.",
			Default: float64(0),
		},
		op:      num.Add,
		example: `{"id": "plus_ten", "node_type": "AddNode", "params": {"addend": 10}}`,
	}.spec()
}

func init() { node.MustRegister(addSpec()) }
