package num

import "unsafe"

// Number is every element type a tensor or audio buffer can hold.
type Number interface {
	~int8 | ~int16 | ~int32 | ~int64 | ~uint8 | ~uint16 | ~uint32 | ~uint64 | ~float32 | ~float64
}

// Apply sets dst[i] = src[i] op k for Add and Multiply. Integer results wrap
// on overflow, as numpy's do. dst and src must have the same length.
func Apply[T Number](op Op, dst, src []T, k T) {
	dst = dst[:len(src)]
	switch op {
	case Add:
		for i, v := range src {
			dst[i] = v + k
		}
	case Multiply:
		for i, v := range src {
			dst[i] = v * k
		}
	default:
		panic("num.Apply: only add and multiply are elementwise, got " + op.String())
	}
}

// View reinterprets a little-endian byte buffer as []T without copying when
// b is aligned for T, and copies into an aligned buffer otherwise (a frame
// decoded from the wire may start at any offset). Every target the engine
// builds for is little-endian.
func View[T Number](b []byte) []T {
	var zero T
	size := int(unsafe.Sizeof(zero))
	n := len(b) / size
	if n == 0 {
		return nil
	}
	if uintptr(unsafe.Pointer(unsafe.SliceData(b)))%uintptr(unsafe.Alignof(zero)) == 0 {
		return unsafe.Slice((*T)(unsafe.Pointer(unsafe.SliceData(b))), n)
	}
	out := make([]T, n)
	copy(unsafe.Slice((*byte)(unsafe.Pointer(unsafe.SliceData(out))), n*size), b)
	return out
}

// Bytes views s as its little-endian bytes without copying.
func Bytes[T Number](s []T) []byte {
	if len(s) == 0 {
		return []byte{}
	}
	var zero T
	return unsafe.Slice((*byte)(unsafe.Pointer(unsafe.SliceData(s))), len(s)*int(unsafe.Sizeof(zero)))
}
