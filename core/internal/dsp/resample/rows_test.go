package resample

import (
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestDotRows_MatchesPureGo(t *testing.T) {
	// Random walks (odd steps and phases, ratios up and down) over random
	// data, odd output counts through every loop of the kernel; x ends at
	// the last window, so a read past it would fault or differ.
	rng := rand.New(rand.NewPCG(11, 12))
	for _, taps := range []int{8, 16, 40, 64, 136, 360} {
		for _, n := range []int{1, 2, 7, 33, 161, 500} {
			l := 1 + rng.IntN(200)
			m := 1 + rng.IntN(500)
			w := walk{phase: rng.IntN(l), l: l, step: m / l, frac: m % l}
			last, _ := w.end(n - 1)
			x := make([]float32, last+taps)
			coefs := make([]float32, l*taps)
			for i := range x {
				x[i] = float32(rng.NormFloat64())
			}
			for i := range coefs {
				coefs[i] = float32(rng.NormFloat64())
			}
			got, want := make([]float32, n), make([]float32, n)
			dotRows(got, x, coefs, w, taps)
			dotRowsGo(want, x, coefs, w, taps)
			for i := range want {
				require.InDelta(t, want[i], got[i], 1e-4, "taps=%d n=%d walk=%+v i=%d", taps, n, w, i)
			}
		}
	}
}

func TestDotRows_PanicsOutOfRange(t *testing.T) {
	w := walk{phase: 0, l: 3, step: 1, frac: 2}
	require.Panics(t, func() { dotRows(make([]float32, 10), make([]float32, 20), make([]float32, 3*8), w, 8) })
}
