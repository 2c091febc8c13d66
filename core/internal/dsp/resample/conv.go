package resample

// convAccGo adds to each dst[i] the inner product of h with x[i:i+len(h)],
// taps in order, one output at a time; x holds len(dst)+len(h)-1 values or
// more. It is the portable form of convAcc (js/wasm, wasip1, arm64) and the
// reference the assembly kernel is tested against. Four outputs share each
// tap load, so four independent sums hide the add latency.
func convAccGo(dst, x, h []float32) {
	n := len(h)
	i := 0
	for ; i+4 <= len(dst); i += 4 {
		a0, a1, a2, a3 := dst[i], dst[i+1], dst[i+2], dst[i+3]
		xs := x[i : i+n+3]
		for q, hq := range h {
			a0 += hq * xs[q]
			a1 += hq * xs[q+1]
			a2 += hq * xs[q+2]
			a3 += hq * xs[q+3]
		}
		dst[i], dst[i+1], dst[i+2], dst[i+3] = a0, a1, a2, a3
	}
	for ; i < len(dst); i++ {
		a, xs := dst[i], x[i:i+n]
		for q, hq := range h {
			a += hq * xs[q]
		}
		dst[i] = a
	}
}
