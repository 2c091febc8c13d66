package resample

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestConvAcc_MatchesPureGo(t *testing.T) {
	// Odd output counts through every block width (64, 8, 1) and odd tap
	// counts, on random data with random starting sums; x has spare values
	// past the last one read, which must not be read.
	rng := rand.New(rand.NewPCG(7, 8))
	for _, n := range []int{1, 3, 7, 8, 9, 63, 64, 65, 71, 130, 200, 333} {
		for _, taps := range []int{1, 2, 5, 8, 31, 64, 131, 393} {
			x := make([]float32, n+taps-1+5)
			h := make([]float32, taps)
			start := make([]float32, n)
			for i := range x {
				x[i] = float32(rng.NormFloat64())
			}
			for i := range h {
				h[i] = float32(rng.NormFloat64())
			}
			for i := range start {
				start[i] = float32(rng.NormFloat64())
			}
			for i := n + taps - 1; i < len(x); i++ {
				x[i] = float32(math.NaN())
			}
			got, want := append([]float32(nil), start...), append([]float32(nil), start...)
			convAcc(got, x, h)
			convAccGo(want, x, h)
			for i := range want {
				exact := float64(start[i])
				for q := range h {
					exact += float64(h[q]) * float64(x[i+q])
				}
				tol := 1e-5 * math.Sqrt(float64(taps))
				require.InDelta(t, exact, got[i], tol, "kernel n=%d taps=%d i=%d", n, taps, i)
				require.InDelta(t, exact, want[i], tol, "pure Go n=%d taps=%d i=%d", n, taps, i)
			}
		}
	}
}

func TestConvAcc_NoTaps(t *testing.T) {
	// A polyphase stream may have no taps; it adds nothing and reads nothing.
	dst := []float32{1, 2, 3}
	convAcc(dst, make([]float32, 2), nil)
	convAccGo(dst, make([]float32, 2), nil)
	assert.Equal(t, []float32{1, 2, 3}, dst)
}

func TestConvAcc_BlockIndependent(t *testing.T) {
	// An output's value must not depend on which block computes it: the
	// same outputs computed in one call and one at a time are identical.
	rng := rand.New(rand.NewPCG(9, 10))
	x, h := make([]float32, 300), make([]float32, 97)
	for i := range x {
		x[i] = float32(rng.NormFloat64())
	}
	for i := range h {
		h[i] = float32(rng.NormFloat64())
	}
	whole := make([]float32, len(x)-len(h)+1)
	convAcc(whole, x, h)
	for i := range whole {
		one := make([]float32, 1)
		convAcc(one, x[i:], h)
		assert.Equal(t, whole[i], one[0], "output %d", i)
	}
}

func BenchmarkConvAcc(b *testing.B) {
	dst, x, h := make([]float32, 320), make([]float32, 320+392), make([]float32, 392)
	b.Run("kernel", func(b *testing.B) {
		for b.Loop() {
			convAcc(dst, x, h)
		}
	})
	b.Run("purego", func(b *testing.B) {
		for b.Loop() {
			convAccGo(dst, x, h)
		}
	})
}
