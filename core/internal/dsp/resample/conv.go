package resample

// convAccGo adds to each dst[i] the inner product of h with x[i:i+len(h)];
// x holds len(dst)+len(h)-1 values or more. It is the portable form of
// convAcc (js/wasm, wasip1, arm64) and the reference the assembly kernel is
// tested against.
//
// Taps are summed from the outside in (h[0], h[n-1], h[1], h[n-2], ...):
// a windowed sinc's small tails go first, while the running sum is still
// small, and its large centre last. In float32 that order keeps the rounding
// error about 10 dB below a plain left-to-right sum at the 130-140 dB the
// veryhigh level reaches. For the same reason the sum starts from zero and
// is added to dst at the end: a decimator's polyphase streams each sum on
// their own. Four outputs share each tap load, so four independent sums
// hide the add latency.
func convAccGo(dst, x, h []float32) {
	n := len(h)
	if n == 0 {
		return
	}
	i := 0
	for ; i+4 <= len(dst); i += 4 {
		var a0, a1, a2, a3 float32
		xs := x[i : i+n+3]
		lo, hi := 0, n-1
		for ; lo < hi; lo, hi = lo+1, hi-1 {
			hl, hh := h[lo], h[hi]
			a0 += hl * xs[lo]
			a1 += hl * xs[lo+1]
			a2 += hl * xs[lo+2]
			a3 += hl * xs[lo+3]
			a0 += hh * xs[hi]
			a1 += hh * xs[hi+1]
			a2 += hh * xs[hi+2]
			a3 += hh * xs[hi+3]
		}
		if lo == hi {
			hl := h[lo]
			a0 += hl * xs[lo]
			a1 += hl * xs[lo+1]
			a2 += hl * xs[lo+2]
			a3 += hl * xs[lo+3]
		}
		dst[i] += a0
		dst[i+1] += a1
		dst[i+2] += a2
		dst[i+3] += a3
	}
	for ; i < len(dst); i++ {
		a, xs := float32(0), x[i:i+n]
		lo, hi := 0, n-1
		for ; lo < hi; lo, hi = lo+1, hi-1 {
			a += h[lo] * xs[lo]
			a += h[hi] * xs[hi]
		}
		if lo == hi {
			a += h[lo] * xs[lo]
		}
		dst[i] += a
	}
}
