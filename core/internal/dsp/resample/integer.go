package resample

import "slices"

// Integer ratios (decimation by M, interpolation by L: 48k→16k, 16k→8k,
// 16k→48k, 8k→16k) are computed a block of outputs at a time by convAcc,
// which vectorises across outputs instead of taps. For decimation the taps
// and input are split into M polyphase streams so that consecutive outputs
// read consecutive inputs; for interpolation each phase is one stream.

// polyphase is a table's rows rearranged for convAcc, with the zero padding
// of designTable dropped.
type polyphase struct {
	// For decimation (L = 1): streams[r][q] is tap off+r+M*q of the one row.
	// For interpolation (M = 1): streams[p] is row p's taps from off[p] on.
	streams [][]float32
	off     []int
}

// newPolyphase rearranges t for l/m, or returns nil when neither is 1.
func newPolyphase(t *table, l, m int) *polyphase {
	switch {
	case l == 1:
		row := t.row(0)
		first, last := nonzeroSpan(row)
		row = row[first:last]
		pp := &polyphase{streams: make([][]float32, m), off: []int{first}}
		for r := range pp.streams {
			for j := r; j < len(row); j += m {
				pp.streams[r] = append(pp.streams[r], row[j])
			}
		}
		return pp
	case m == 1:
		pp := &polyphase{streams: make([][]float32, l), off: make([]int, l)}
		for p := range pp.streams {
			row := t.row(p)
			first, last := nonzeroSpan(row)
			pp.streams[p], pp.off[p] = row[first:last], first
		}
		return pp
	}
	return nil
}

// nonzeroSpan is the range [first, last) of row outside which every tap is 0.
func nonzeroSpan(row []float32) (first, last int) {
	last = len(row)
	for first < last && row[first] == 0 {
		first++
	}
	for last > first && row[last-1] == 0 {
		last--
	}
	return first, last
}

// emitDecimate computes n outputs of a decimation by m into each channel's
// scratch, then interleaves them onto dst.
func (r *Resampler) emitDecimate(dst []float32, n int) []float32 {
	pp, m := r.t.poly, int(r.m)
	start := int(r.pos-int64(r.t.past)-r.base) + pp.off[0]
	dst, out := grow(dst, n*r.channels)
	for c, h := range r.history {
		y, part := r.sumScratch(n), r.partScratch(n)
		for s, taps := range pp.streams {
			if len(taps) == 0 {
				continue
			}
			// Stream s: every m-th input from start+s, as many as the n
			// outputs' windows cover.
			need := n - 1 + len(taps)
			x := r.streamScratch(need)
			if m == 1 {
				x = h[start : start+need]
			} else {
				for i := range x {
					x[i] = h[start+s+m*i]
				}
			}
			// Each stream sums on its own, then adds in: a running sum
			// across streams would round the later streams' small taps
			// against the earlier ones' large total (about 5 dB of
			// stopband at 48k→16k high).
			clear(part)
			convAcc(part, x, taps)
			for i, v := range part {
				y[i] += v
			}
		}
		interleave(out, y, c, r.channels, 0, 1)
	}
	r.pos += int64(m * n)
	return dst
}

// emitInterpolate computes n outputs of an interpolation by l: each phase's
// outputs sit at consecutive input frames, so each is one convAcc call.
func (r *Resampler) emitInterpolate(dst []float32, n int) []float32 {
	pp, l := r.t.poly, int(r.l)
	phase := int(r.phase)
	dst, out := grow(dst, n*r.channels)
	for p, taps := range pp.streams {
		d := (p - phase + l) % l // first output of phase p, from the block's start
		if d >= n {
			continue
		}
		count := (n - d + l - 1) / l
		start := int(r.pos+int64((phase+d)/l)-int64(r.t.past)-r.base) + pp.off[p]
		for c, h := range r.history {
			y := r.sumScratch(count)
			convAcc(y, h[start:start+count-1+len(taps)], taps)
			interleave(out, y, c, r.channels, d, l)
		}
	}
	r.pos += int64((phase + n) / l)
	r.phase = int64((phase + n) % l)
	return dst
}

// grow extends dst by n samples and returns it with the new part.
func grow(dst []float32, n int) ([]float32, []float32) {
	k := len(dst)
	dst = slices.Grow(dst, n)[:k+n]
	return dst, dst[k:]
}

// interleave writes y[i] to output frame first+i*step, channel c.
func interleave(out, y []float32, c, channels, first, step int) {
	for i, v := range y {
		out[(first+i*step)*channels+c] = v
	}
}

// sumScratch is a zeroed buffer for n outputs of one channel, reused once
// they are interleaved.
func (r *Resampler) sumScratch(n int) []float32 {
	if cap(r.sums) < n {
		r.sums = make([]float32, n)
	}
	y := r.sums[:n]
	clear(y)
	return y
}

// partScratch is a buffer for one stream's share of n outputs.
func (r *Resampler) partScratch(n int) []float32 {
	if cap(r.part) < n {
		r.part = make([]float32, n)
	}
	return r.part[:n]
}

// streamScratch is a buffer for one polyphase input stream.
func (r *Resampler) streamScratch(n int) []float32 {
	if cap(r.stream) < n {
		r.stream = make([]float32, n)
	}
	return r.stream[:n]
}
