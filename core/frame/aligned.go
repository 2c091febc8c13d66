package frame

import "unsafe"

// alignedBytes returns n zeroed bytes starting on an 8-byte boundary, so the
// result can be viewed as any tensor element type (see viewAs). A plain
// make([]byte, n) only promises byte alignment.
func alignedBytes(n int) []byte {
	if n == 0 {
		return nil
	}
	words := make([]uint64, (n+7)/8)
	return unsafe.Slice((*byte)(unsafe.Pointer(unsafe.SliceData(words))), n)
}

// bytesOf views the memory of s as bytes without copying. Like viewAs it
// relies on every target being little-endian, as the wire format is.
func bytesOf[T any](s []T) []byte {
	if len(s) == 0 {
		return nil
	}
	var zero T
	return unsafe.Slice((*byte)(unsafe.Pointer(unsafe.SliceData(s))), len(s)*int(unsafe.Sizeof(zero)))
}

// AlignedCopy returns a copy of b that starts on an 8-byte boundary, as
// tensor data must (NewTensor's views rely on it). Decoders of foreign
// buffers (remote/wire) use it; nil for an empty b.
func AlignedCopy(b []byte) []byte {
	out := alignedBytes(len(b))
	copy(out, b)
	return out
}
