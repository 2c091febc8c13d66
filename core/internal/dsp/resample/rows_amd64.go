//go:build amd64 && !purego

package resample

import "fmt"

//go:noescape
func dotRowsFMA(dst, x, coefs []float32, phase, l, step, frac, taps int)

// dotRows sets dst[i] to the inner product of row phase(i) of coefs with
// x[start(i):][:taps] (walk, rows.go). The kernel needs taps to be a
// multiple of 8 (the table pads rows to tapBlock); x and coefs must hold
// every window and row, checked here once for the last output.
func dotRows(dst, x, coefs []float32, w walk, taps int) {
	if len(dst) == 0 {
		return
	}
	if !hasFMA || taps%8 != 0 {
		dotRowsGo(dst, x, coefs, w, taps)
		return
	}
	last, _ := w.end(len(dst) - 1)
	if w.phase < 0 || w.phase >= w.l || w.frac < 0 || w.frac >= w.l || w.step < 0 ||
		last+taps > len(x) || w.l*taps > len(coefs) {
		panic(fmt.Sprintf("resample: dotRows walk %+v for %d outputs of %d taps is out of range (%d inputs, %d coefficients)",
			w, len(dst), taps, len(x), len(coefs)))
	}
	dotRowsFMA(dst, x, coefs, w.phase, w.l, w.step, w.frac, taps)
}
