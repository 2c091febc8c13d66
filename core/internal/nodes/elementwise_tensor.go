package nodes

import (
	"fmt"

	"github.com/remotemedia/remotemedia/core/frame"
	"github.com/remotemedia/remotemedia/core/internal/num"
)

// tensor follows numpy's rules for an array and a Python scalar: float
// tensors keep their dtype; integer tensors keep theirs when the operand is
// an integer that fits it (results wrap on overflow) and become float64 when
// the operand has a fraction; bool tensors become int64 or float64.
func (e *elementwise) tensor(t *frame.Tensor) (*frame.Frame, error) {
	switch t.DType {
	case frame.Float32:
		return sameDType(e.op, t, float32(e.operand.Float64()))
	case frame.Float64:
		return sameDType(e.op, t, e.operand.Float64())
	}
	if !e.operand.IsInt() {
		return promoted(e.op, t, frame.Float64, e.operand.Float64())
	}
	switch t.DType {
	case frame.Bool:
		return promoted(e.op, t, frame.Int64, e.operand.Int64())
	case frame.Int8:
		return intTensor[int8](e, t)
	case frame.Int16:
		return intTensor[int16](e, t)
	case frame.Int32:
		return intTensor[int32](e, t)
	case frame.Int64:
		return intTensor[int64](e, t)
	case frame.Uint8:
		return intTensor[uint8](e, t)
	case frame.Uint16:
		return intTensor[uint16](e, t)
	case frame.Uint32:
		return intTensor[uint32](e, t)
	case frame.Uint64:
		return intTensor[uint64](e, t)
	}
	return nil, fmt.Errorf("%s: unsupported tensor dtype %q", e.nodeType, t.DType)
}

type integer interface {
	~int8 | ~int16 | ~int32 | ~int64 | ~uint8 | ~uint16 | ~uint32 | ~uint64
}

func intTensor[T integer](e *elementwise, t *frame.Tensor) (*frame.Frame, error) {
	k := e.operand.Int64()
	if narrowed := T(k); int64(narrowed) != k || (k < 0) != (narrowed < 0) {
		// numpy 2 raises OverflowError here too, rather than guess a dtype.
		return nil, fmt.Errorf("%s: %s %d does not fit the tensor's dtype %s; use a float %s to get a float64 result",
			e.nodeType, e.paramName, k, t.DType, e.paramName)
	}
	return sameDType(e.op, t, T(k))
}

func sameDType[T num.Number](op num.Op, t *frame.Tensor, k T) (*frame.Frame, error) {
	out := make([]T, t.Len())
	num.Apply(op, out, num.View[T](t.Data), k)
	return frame.NewTensor(frame.Tensor{DType: t.DType, Shape: t.Shape, Data: num.Bytes(out)})
}

func promoted[T int64 | float64](op num.Op, t *frame.Tensor, dtype frame.DType, k T) (*frame.Frame, error) {
	out := make([]T, t.Len())
	for i := range out {
		out[i] = T(t.At(i))
	}
	num.Apply(op, out, out, k)
	return frame.NewTensor(frame.Tensor{DType: dtype, Shape: t.Shape, Data: num.Bytes(out)})
}
