//go:build !amd64 || purego

package resample

// dotRows sets dst[i] to the inner product of row phase(i) of coefs with
// x[start(i):][:taps] (walk, rows.go).
func dotRows(dst, x, coefs []float32, w walk, taps int) {
	dotRowsGo(dst, x, coefs, w, taps)
}
