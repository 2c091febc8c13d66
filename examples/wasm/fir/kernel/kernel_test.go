package kernel

import (
	"math"
	"testing"
)

// direct is y[n] = sum_k taps[k] x[n-k] over the whole signal, x[<0] = 0.
func direct(taps, x []float32) []float64 {
	y := make([]float64, len(x))
	for n := range x {
		for k, h := range taps {
			if n-k >= 0 {
				y[n] += float64(h) * float64(x[n-k])
			}
		}
	}
	return y
}

// Filtering a signal in blocks of any size, history carried across them,
// gives the direct convolution of the whole signal.
func TestFIR_Process(t *testing.T) {
	x := make([]float32, 300)
	for i := range x {
		x[i] = float32(math.Sin(float64(i)*0.37) + 0.1*float64(i%7))
	}
	for _, taps := range [][]float32{{1}, {0.5, -0.25}, {1, 2, 3, 4, 5}, make([]float32, 70)} {
		if len(taps) == 70 {
			for i := range taps {
				taps[i] = float32(i%5) - 2
			}
		}
		want := direct(taps, x)
		for _, block := range []int{1, 3, 4, 64, 300} {
			f, err := New(taps)
			if err != nil {
				t.Fatal(err)
			}
			for start := 0; start < len(x); start += block {
				end := min(start+block, len(x))
				out := make([]float32, end-start)
				f.Process(x[start:end], out)
				for i, y := range out {
					if d := math.Abs(float64(y) - want[start+i]); d > 1e-4*(1+math.Abs(want[start+i])) {
						t.Fatalf("%d taps, blocks of %d: y[%d] = %v, want %v", len(taps), block, start+i, y, want[start+i])
					}
				}
			}
		}
	}
}

func TestNew_refusesBadLengths(t *testing.T) {
	for _, n := range []int{0, MaxTaps + 1} {
		if _, err := New(make([]float32, n)); err == nil {
			t.Errorf("New with %d taps: no error", n)
		}
	}
}
