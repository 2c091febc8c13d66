//go:build !amd64 || purego

package resample

import "gonum.org/v1/gonum/blas/gonum"

// dot is the inner product of h with the first len(h) values of x, by
// gonum's Sdot: pure Go here (js/wasm, wasip1, arm64), SSE on amd64.
func dot(x, h []float32) float32 {
	return gonum.Implementation{}.Sdot(len(h), x, 1, h, 1)
}
