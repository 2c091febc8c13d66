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
	return elementwiseNode{
		nodeType: multiplyType,
		summary:  "Multiplies every number in its input by a constant.",
		what:     "audio samples",
		param: node.Param{
			Name:    multiplyParamMultiplier,
			Type:    node.TypeNumber,
			Doc:     "The factor every number is multiplied by.",
			Default: float64(1),
		},
		op:      num.Multiply,
		example: `{"id": "double", "node_type": "MultiplyNode", "params": {"multiplier": 2}}`,
	}.spec()
}

func init() { node.MustRegister(multiplySpec()) }
