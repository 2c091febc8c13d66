// Package kernel is the FIR filter of examples/wasm/fir, shared by that Go
// guest and the WASM host's native-Go benchmark, so both run the same Go.
// It is the algorithm of examples/wasm/fir_rust in scalar Go: four outputs
// per pass over the reversed taps, each with its own accumulator.
package kernel

import "fmt"

// MaxTaps bounds a filter's length.
const MaxTaps = 8192

// FIR filters one mono stream: y[n] = sum_k taps[k] x[n-k], carrying the
// last len(taps)-1 samples of each block over to the next.
type FIR struct {
	rev     []float32 // the taps reversed: y[n] = sum_j rev[j] * ext[n+j]
	ext     []float32 // history, then the block, then 3 zeros
	history int
}

// New returns a filter with these taps.
func New(taps []float32) (*FIR, error) {
	if len(taps) == 0 || len(taps) > MaxTaps {
		return nil, fmt.Errorf("fir: param taps has %d taps, want 1 to %d", len(taps), MaxTaps)
	}
	rev := make([]float32, len(taps))
	for j, t := range taps {
		rev[len(taps)-1-j] = t
	}
	return &FIR{rev: rev, ext: make([]float32, len(taps)-1), history: len(taps) - 1}, nil
}

// Process filters in into out, which has in's length.
func (f *FIR) Process(in, out []float32) {
	f.ext = append(append(f.ext[:f.history], in...), 0, 0, 0)
	n := len(in)
	for i := 0; i < n; i += 4 {
		y0, y1, y2, y3 := dot4(f.rev, f.ext[i:])
		for o, y := range [4]float32{y0, y1, y2, y3} {
			if i+o < n {
				out[i+o] = y
			}
		}
	}
	copy(f.ext, f.ext[n:n+f.history])
}

// dot4 is the outputs at ext[0:], ext[1:], ext[2:] and ext[3:].
func dot4(rev, ext []float32) (y0, y1, y2, y3 float32) {
	ext = ext[:len(rev)+3]
	for j, h := range rev {
		x := ext[j : j+4 : j+4]
		y0 += h * x[0]
		y1 += h * x[1]
		y2 += h * x[2]
		y3 += h * x[3]
	}
	return y0, y1, y2, y3
}
