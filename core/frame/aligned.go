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
