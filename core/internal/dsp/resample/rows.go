package resample

// Rational ratios with an exact table (44.1k→16k, 44.1k↔48k): every
// output has its own phase, so each is one inner product of a row with the
// input, as dot computes it. dotRows runs a block of them in one call and
// steps the position and phase itself, to save the per-output call, slicing
// and bounds checks that dominate short filters.

// walk is where a block of outputs starts and how it advances: output i of
// the block reads x from start(i) and table row phase(i), where each output
// moves the input by step frames and the phase by frac/l (carrying into the
// position at l).
type walk struct {
	phase, l, step, frac int
}

// end returns the window start (relative to the first output's) and phase
// after n outputs.
func (w walk) end(n int) (start, phase int) {
	f := w.phase + n*w.frac
	return n*w.step + f/w.l, f % w.l
}

// dotRowsGo sets dst[i] to the inner product of row phase(i) of coefs with
// x[start(i):][:taps]: the portable form of dotRows, and its reference.
func dotRowsGo(dst, x, coefs []float32, w walk, taps int) {
	start, phase := 0, w.phase
	for i := range dst {
		dst[i] = dot(x[start:start+taps], coefs[phase*taps:(phase+1)*taps])
		start += w.step
		if phase += w.frac; phase >= w.l {
			phase -= w.l
			start++
		}
	}
}

// emitRows computes n outputs of a rational ratio with an exact table.
func (r *Resampler) emitRows(dst []float32, n int) []float32 {
	t := r.t
	w := walk{phase: int(r.phase), l: int(r.l), step: int(r.m / r.l), frac: int(r.m % r.l)}
	first := int(r.pos - int64(t.past) - r.base)
	last, _ := w.end(n - 1)
	dst, out := grow(dst, n*r.channels)
	for c, h := range r.history {
		y := out
		if r.channels > 1 {
			y = r.sumScratch(n)
		}
		dotRows(y, h[first:first+last+t.taps], t.coefs[:t.phases*t.taps], w, t.taps)
		if r.channels > 1 {
			interleave(out, y, c, r.channels, 0, 1)
		}
	}
	advance, phase := w.end(n)
	r.pos += int64(advance)
	r.phase = int64(phase)
	return dst
}
