package nodes

import (
	"github.com/remotemedia/remotemedia/core/internal/num"
	"github.com/remotemedia/remotemedia/core/node"
)

const (
	multiplyType            = "MultiplyNode"
	multiplyParamMultiplier = "multiplier"
)

func multiplySpec() node.Spec {
	return node.Spec{
		Type:    multiplyType,
		Summary: "Multiplies every number in its input by a constant.",
		Description: "Works elementwise on a JSON number, a list of numbers (nested to any depth), " +
			"a tensor or audio samples, and keeps the input's shape and metadata.\n\n" +
			elementwiseRules,
		Category:  "math",
		Stability: node.Stable,
		Runtime:   node.RuntimeGo,
		Inputs:    elementwiseInputs,
		Outputs:   elementwiseOutputs,
		Params: []node.Param{{
			Name:    multiplyParamMultiplier,
			Type:    node.TypeNumber,
			Doc:     "The factor every number is multiplied by.",
			Default: float64(1),
		}},
		Example: `{"id": "double", "node_type": "MultiplyNode", "params": {"multiplier": 2}}`,
		New: func(p node.Params) (node.Node, error) {
			return &elementwise{
				nodeType:  multiplyType,
				paramName: multiplyParamMultiplier,
				op:        num.Multiply,
				operand:   num.Integral(p.Float(multiplyParamMultiplier)),
			}, nil
		},
	}
}

func init() { node.MustRegister(multiplySpec()) }
