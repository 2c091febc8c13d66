package frame

import (
	"fmt"
	"unsafe"
)

// DType is a tensor element type, named as numpy names it.
type DType string

const (
	Float32 DType = "float32"
	Float64 DType = "float64"
	Int8    DType = "int8"
	Int16   DType = "int16"
	Int32   DType = "int32"
	Int64   DType = "int64"
	Uint8   DType = "uint8"
	Uint16  DType = "uint16"
	Uint32  DType = "uint32"
	Uint64  DType = "uint64"
	Bool    DType = "bool"
)

var dtypeSizes = map[DType]int{
	Float32: 4, Float64: 8, Int8: 1, Int16: 2, Int32: 4, Int64: 8,
	Uint8: 1, Uint16: 2, Uint32: 4, Uint64: 8, Bool: 1,
}

// Size is the element size in bytes, 0 for an unknown dtype.
func (d DType) Size() int { return dtypeSizes[d] }

// Tensor is an n-dimensional array: little-endian elements in C order.
type Tensor struct {
	DType DType
	Shape []int
	Data  []byte
}

// Len is the number of elements the shape describes.
func (t *Tensor) Len() int {
	n := 1
	for _, d := range t.Shape {
		n *= d
	}
	return n
}

// NewTensor returns a tensor frame; it takes ownership of t.Data and t.Shape.
func NewTensor(t Tensor) (*Frame, error) {
	size := t.DType.Size()
	if size == 0 {
		return nil, fmt.Errorf("tensor: unknown dtype %q", t.DType)
	}
	for _, d := range t.Shape {
		if d < 0 {
			return nil, fmt.Errorf("tensor: negative dimension in shape %v", t.Shape)
		}
	}
	// tensorBytes, not Len()*size: a crafted shape's product can wrap
	// around to the length of the data it comes with.
	want, ok := tensorBytes(t.DType, t.Shape)
	if !ok {
		return nil, fmt.Errorf("tensor: shape %v of %s is too large", t.Shape, t.DType)
	}
	if len(t.Data) != want {
		return nil, fmt.Errorf("tensor: shape %v of %s needs %d bytes, got %d", t.Shape, t.DType, want, len(t.Data))
	}
	return &Frame{kind: KindTensor, payload: &t}, nil
}

// viewAs reinterprets a little-endian byte buffer as a slice of T without
// copying. Every target this engine builds for (amd64, arm64, wasm) is
// little-endian, which is what the wire format specifies.
func viewAs[T any](b []byte) []T {
	var zero T
	n := len(b) / int(unsafe.Sizeof(zero))
	if n == 0 {
		return nil
	}
	return unsafe.Slice((*T)(unsafe.Pointer(unsafe.SliceData(b))), n)
}

// Float32s views a float32 tensor's data without copying. Do not modify it.
func (t *Tensor) Float32s() []float32 { return viewAs[float32](t.Data) }

// Float64s views a float64 tensor's data without copying. Do not modify it.
func (t *Tensor) Float64s() []float64 { return viewAs[float64](t.Data) }

// Elements returns every element converted to float64, in C order.
func (t *Tensor) Elements() []float64 {
	out := make([]float64, t.Len())
	for i := range out {
		out[i] = t.At(i)
	}
	return out
}

// At returns element i (C order) converted to float64.
func (t *Tensor) At(i int) float64 {
	switch t.DType {
	case Float32:
		return float64(viewAs[float32](t.Data)[i])
	case Float64:
		return viewAs[float64](t.Data)[i]
	case Int8:
		return float64(int8(t.Data[i]))
	case Int16:
		return float64(viewAs[int16](t.Data)[i])
	case Int32:
		return float64(viewAs[int32](t.Data)[i])
	case Int64:
		return float64(viewAs[int64](t.Data)[i])
	case Uint8, Bool:
		return float64(t.Data[i])
	case Uint16:
		return float64(viewAs[uint16](t.Data)[i])
	case Uint32:
		return float64(viewAs[uint32](t.Data)[i])
	case Uint64:
		return float64(viewAs[uint64](t.Data)[i])
	}
	return 0
}

// TensorFromFloat64s builds a tensor of dtype d from float64 values,
// converting each element (integers truncate toward zero, as numpy's astype).
func TensorFromFloat64s(d DType, shape []int, values []float64) (*Frame, error) {
	size := d.Size()
	if size == 0 {
		return nil, fmt.Errorf("tensor: unknown dtype %q", d)
	}
	data := make([]byte, len(values)*size)
	for i, v := range values {
		switch d {
		case Float32:
			viewAs[float32](data)[i] = float32(v)
		case Float64:
			viewAs[float64](data)[i] = v
		case Int8:
			data[i] = byte(int8(v))
		case Int16:
			viewAs[int16](data)[i] = int16(v)
		case Int32:
			viewAs[int32](data)[i] = int32(v)
		case Int64:
			viewAs[int64](data)[i] = int64(v)
		case Uint8:
			data[i] = uint8(v)
		case Bool:
			if v != 0 {
				data[i] = 1
			}
		case Uint16:
			viewAs[uint16](data)[i] = uint16(v)
		case Uint32:
			viewAs[uint32](data)[i] = uint32(v)
		case Uint64:
			viewAs[uint64](data)[i] = uint64(v)
		}
	}
	return NewTensor(Tensor{DType: d, Shape: shape, Data: data})
}
