//go:build amd64 && !purego

package resample

import "fmt"

//go:noescape
func convAccFMA(dst, x, h []float32)

// convAcc adds to each dst[i] the inner product of h with x[i:i+len(h)]:
// the AVX2+FMA kernel when the CPU has it (hasFMA, dot_amd64.go).
func convAcc(dst, x, h []float32) {
	if len(dst) == 0 || len(h) == 0 {
		return
	}
	if len(x) < len(dst)+len(h)-1 {
		panic(fmt.Sprintf("resample: convAcc needs %d inputs, got %d", len(dst)+len(h)-1, len(x)))
	}
	if hasFMA {
		convAccFMA(dst, x, h)
		return
	}
	convAccGo(dst, x, h)
}
