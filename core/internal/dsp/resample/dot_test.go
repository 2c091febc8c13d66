package resample

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/assert"
	"gonum.org/v1/gonum/blas/gonum"
)

func TestDot(t *testing.T) {
	// Every length through the kernel's 32-, 8- and 1-wide paths, with x
	// longer than h as the resampler passes it.
	rng := rand.New(rand.NewPCG(5, 6))
	for n := 0; n <= 200; n++ {
		x, h := make([]float32, n+3), make([]float32, n)
		var want float64
		for i := range h {
			x[i], h[i] = float32(rng.NormFloat64()), float32(rng.NormFloat64())
			want += float64(x[i]) * float64(h[i])
		}
		x[n], x[n+1], x[n+2] = 1e9, 1e9, 1e9 // must not be read
		assert.InDelta(t, want, dot(x, h), 1e-4*math.Sqrt(float64(n+1)), "n=%d", n)
	}
}

func BenchmarkDot(b *testing.B) {
	x, h := make([]float32, 385), make([]float32, 385)
	var sink float32
	b.Run("dot", func(b *testing.B) {
		for b.Loop() {
			sink += dot(x, h)
		}
	})
	b.Run("gonum", func(b *testing.B) {
		for b.Loop() {
			sink += gonum.Implementation{}.Sdot(len(h), x, 1, h, 1)
		}
	})
	_ = sink
}
