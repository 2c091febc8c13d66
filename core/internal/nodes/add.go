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
	return node.Spec{
		Type:    addType,
		Summary: "Adds a constant to every number in its input.",
		Description: "Works elementwise on a JSON number, a list of numbers (nested to any depth), " +
			"a tensor or audio samples (a DC offset), and keeps the input's shape and metadata.\n\n" +
			elementwiseRules,
		Category:  "math",
		Stability: node.Stable,
		Runtime:   node.RuntimeGo,
		Inputs:    elementwiseInputs,
		Outputs:   elementwiseOutputs,
		Params: []node.Param{{
			Name:    addParamAddend,
			Type:    node.TypeNumber,
			Doc:     "The constant added to every number; negative to subtract.",
			Default: float64(0),
		}},
		Example: `{"id": "plus_ten", "node_type": "AddNode", "params": {"addend": 10}}`,
		New: func(p node.Params) (node.Node, error) {
			return &elementwise{
				nodeType:  addType,
				paramName: addParamAddend,
				op:        num.Add,
				operand:   num.Integral(p.Float(addParamAddend)),
			}, nil
		},
	}
}

func init() { node.MustRegister(addSpec()) }
