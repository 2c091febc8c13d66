package nodes

import (
	"context"
	"fmt"

	"github.com/remotemedia/remotemedia/core/frame"
	"github.com/remotemedia/remotemedia/core/internal/num"
	"github.com/remotemedia/remotemedia/core/node"
)

// elementwise applies one arithmetic operation with a fixed operand to every
// number in its input: JSON numbers and nested lists, tensors and audio
// samples. MultiplyNode and AddNode are this with different ops.
type elementwise struct {
	nodeType  string
	paramName string
	op        num.Op
	operand   num.Scalar
}

// elementwiseInputs and elementwiseOutputs document what elementwise nodes take.
var (
	elementwiseInputs  = []string{"json (number or nested list of numbers)", "tensor", "audio"}
	elementwiseOutputs = []string{"same kind, shape and metadata as the input"}
)

func (e *elementwise) Process(_ context.Context, in *frame.Frame, out node.Emitter) error {
	var (
		res *frame.Frame
		err error
	)
	switch in.Kind() {
	case frame.KindJSON:
		var v any
		if v, err = e.value(in.JSONValue()); err == nil {
			res = frame.JSON(v)
		}
	case frame.KindTensor:
		res, err = e.tensor(in.Tensor())
	case frame.KindAudio:
		res, err = e.audio(in.Audio())
	default:
		err = e.unsupported(in.Kind().String())
	}
	if err != nil {
		return err
	}
	return out.Emit(withMetaOf(res, in))
}

func (e *elementwise) unsupported(got string) error {
	return fmt.Errorf("%s needs numbers, lists of numbers, tensors or audio; got %s", e.nodeType, got)
}

func (e *elementwise) audio(a *frame.Audio) (*frame.Frame, error) {
	samples := make([]float32, len(a.Samples))
	num.Apply(e.op, samples, a.Samples, float32(e.operand.Float64()))
	return frame.NewAudio(frame.Audio{Samples: samples, SampleRate: a.SampleRate, Channels: a.Channels, Timestamp: a.Timestamp})
}

// elementwiseNode describes one elementwise node type: what differs
// between MultiplyNode and AddNode.
type elementwiseNode struct {
	nodeType, summary, what string
	param                   node.Param
	op                      num.Op
	example                 string
}

// spec builds the node's full spec around the shared elementwise machinery.
func (e elementwiseNode) spec() node.Spec {
	return node.Spec{
		Type:    e.nodeType,
		Summary: e.summary,
		Description: "Works elementwise on a JSON number, a list of numbers (nested to any depth), " +
			"a tensor or " + e.what + ", and keeps the input's shape and metadata.\n\n" +
			elementwiseRules,
		Category:  "math",
		Stability: node.Stable,
		Runtime:   node.RuntimeGo,
		Light:     true,
		Inputs:    elementwiseInputs,
		Outputs:   elementwiseOutputs,
		Params:    []node.Param{e.param},
		Example:   e.example,
		New: func(p node.Params) (node.Node, error) {
			return &elementwise{
				nodeType:  e.nodeType,
				paramName: e.param.Name,
				op:        e.op,
				operand:   num.Integral(p.Float(e.param.Name)),
			}, nil
		},
	}
}

// elementwiseRules is the part of MultiplyNode's and AddNode's docs they share.
const elementwiseRules = "**Numbers:** integers stay exact (`5` times `2` is `10`, never `10.0`) and become floats " +
	"only when the operand has a fraction or the result leaves the int64 range. " +
	"A JSON result that is not finite is an error, since JSON cannot encode it.\n\n" +
	"**Tensors** follow numpy's rules for an array and a Python scalar: float32 and float64 keep their dtype; " +
	"integer dtypes keep theirs when the operand is an integer that fits the dtype (results wrap on overflow, " +
	"as numpy's do), are an error when it does not fit, and become float64 when the operand has a fraction; " +
	"bool becomes int64, or float64 for a fractional operand.\n\n" +
	"**Audio:** every sample changes; sample rate, channels and timestamp stay.\n\n" +
	"Text, bytes, JSON objects, strings, booleans, null, and lists holding any of them are errors " +
	"that say what was received."
