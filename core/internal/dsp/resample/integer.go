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

// emitDecimate computes n outputs of a decimation by m into scratch, then
// interleaves each channel's onto dst.
func (r *Resampler) emitDecimate(dst []float32, n int) []float32 {
	pp, m := r.t.poly, int(r.m)
	start := int(r.pos-int64(r.t.past)-r.base) + pp.off[0]
	dst, out := grow(dst, n*r.channels)
	for c, h := range r.history {
		y := r.sumScratch(n)
		if r.channels == 1 {
			y = out // mono: no interleaving, sum in place
			clear(y)
		}
		if m == 1 {
			convAcc(y, h[start:start+n-1+len(pp.streams[0])], pp.streams[0])
		} else {
			// Stream s holds every m-th input from start+s, as many as the
			// n outputs' windows cover.
			xs := r.deinterleave(h[start:], n, pp.streams)
			for s, taps := range pp.streams {
				convAcc(y, xs[s], taps)
			}
		}
		if r.channels > 1 {
			interleave(out, y, c, r.channels, 0, 1)
		}
	}
	r.pos += int64(m * n)
	return dst
}

// deinterleave splits src into the polyphase input streams n outputs need,
// in scratch: stream s gets src[s], src[s+m], ... for n-1+len(taps[s])
// values. One pass serves all streams for as long as all need values.
func (r *Resampler) deinterleave(src []float32, n int, taps [][]float32) [][]float32 {
	m := len(taps)
	if len(r.streams) != m {
		r.streams = make([][]float32, m)
	}
	common := n - 1 + len(taps[m-1]) // the last stream is the shortest
	for s, t := range taps {
		if need := n - 1 + len(t); cap(r.streams[s]) < need {
			r.streams[s] = make([]float32, need)
		} else {
			r.streams[s] = r.streams[s][:need]
		}
	}
	xs := r.streams
	switch m {
	case 2:
		x0, x1 := xs[0][:common], xs[1][:common]
		for i := range x1 {
			p := src[2*i : 2*i+2 : 2*i+2]
			x0[i], x1[i] = p[0], p[1]
		}
	case 3:
		x0, x1, x2 := xs[0][:common], xs[1][:common], xs[2][:common]
		for i := range x2 {
			p := src[3*i : 3*i+3 : 3*i+3]
			x0[i], x1[i], x2[i] = p[0], p[1], p[2]
		}
	default:
		common = 0
	}
	for s, x := range xs {
		for i := common; i < len(x); i++ {
			x[i] = src[s+m*i]
		}
	}
	return xs
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
