//go:build amd64 && !purego

package resample

import (
	"golang.org/x/sys/cpu"
	"gonum.org/v1/gonum/blas/gonum"
)

// hasFMA selects the AVX2+FMA kernel, about twice as fast as gonum's SSE one
// on the long filters the high quality levels use.
var hasFMA = cpu.X86.HasAVX2 && cpu.X86.HasFMA

//go:noescape
func dotFMA(x, h []float32) float32

// dot is the inner product of h with the first len(h) values of x.
func dot(x, h []float32) float32 {
	if hasFMA {
		return dotFMA(x[:len(h)], h)
	}
	return gonum.Implementation{}.Sdot(len(h), x, 1, h, 1)
}
