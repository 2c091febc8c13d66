//go:build !amd64 || purego

package resample

// convAcc adds to each dst[i] the inner product of h with x[i:i+len(h)].
func convAcc(dst, x, h []float32) { convAccGo(dst, x, h) }
