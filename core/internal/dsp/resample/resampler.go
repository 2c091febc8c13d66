package resample

import "fmt"

// Resampler converts one interleaved stream. It is not safe for concurrent
// use; give each stream its own.
type Resampler struct {
	channels int
	l, m     int64 // outRate/inRate reduced to lowest terms
	t        *table

	// history[c] holds channel c's input from absolute frame index base on;
	// frames before the stream's start are zeros.
	history  [][]float32
	base     int64
	received int64 // input frames given so far
	produced int64 // output frames emitted so far (k of the next output)
	pos      int64 // floor(k*m/l): the input frame the next output sits on
	phase    int64 // (k*m) mod l: its fractional position, in 1/l units

	sums         []float32 // scratch for integer ratios (integer.go)
	streams      [][]float32
	starts, rows []int32 // scratch for rational ratios (rows.go)
}

// New returns a resampler from inRate to outRate for interleaved audio with
// the given channel count.
func New(inRate, outRate, channels int, q Quality) (*Resampler, error) {
	if inRate <= 0 || outRate <= 0 {
		return nil, fmt.Errorf("resample: rates must be positive, got %d -> %d", inRate, outRate)
	}
	if channels <= 0 {
		return nil, fmt.Errorf("resample: channels must be positive, got %d", channels)
	}
	if q < Low || q > VeryHigh {
		return nil, fmt.Errorf("resample: invalid quality %d", int(q))
	}
	g := gcd(inRate, outRate)
	if size := tableBytes(outRate/g, inRate/g, q.Design()); size > MaxTableBytes {
		return nil, fmt.Errorf("resample: %d Hz -> %d Hz at %s quality needs a %d MB filter table, over the %d MB limit; "+
			"resample in two steps", inRate, outRate, q, size>>20, MaxTableBytes>>20)
	}
	r := &Resampler{
		channels: channels,
		l:        int64(outRate / g),
		m:        int64(inRate / g),
		t:        tableFor(outRate/g, inRate/g, q),
		history:  make([][]float32, channels),
	}
	r.Reset()
	return r, nil
}

// Reset forgets the stream so the resampler can start a new one.
func (r *Resampler) Reset() {
	for c := range r.history {
		r.history[c] = append(r.history[c][:0], make([]float32, r.t.past)...)
	}
	r.base = -int64(r.t.past)
	r.received, r.produced, r.pos, r.phase = 0, 0, 0, 0
}

// Taps is the filter length in input frames.
func (r *Resampler) Taps() int { return r.t.taps }

// Latency is how many input frames past an output's instant Process must
// have before it emits that output; Flush emits the rest.
func (r *Resampler) Latency() int { return r.t.half }

// Produced is the number of output frames emitted since the stream began.
func (r *Resampler) Produced() int64 { return r.produced }

// Ready is how many output frames Process would emit for inFrames more input.
func (r *Resampler) Ready(inFrames int) int {
	return int(r.outputsThrough(r.received+int64(inFrames)-int64(r.t.half)) - r.produced)
}

// Process appends to dst the output frames that src (interleaved, a whole
// number of frames) makes computable, and returns the extended slice.
func (r *Resampler) Process(dst, src []float32) []float32 {
	if len(src)%r.channels != 0 {
		panic(fmt.Sprintf("resample: %d samples are not whole frames of %d channels", len(src), r.channels))
	}
	// Work through large inputs a block at a time, so the history stays
	// small and in cache however much audio one call brings.
	for len(src) > 0 {
		n := min(len(src)/r.channels, blockFrames)
		r.appendInput(src[:n*r.channels], n)
		dst = r.emit(dst, r.outputsThrough(r.received-int64(r.t.half)))
		src = src[n*r.channels:]
	}
	return dst
}

// blockFrames is the most input Process buffers at once.
const blockFrames = 4096

// Flush ends the stream: it appends the remaining output frames, so the
// stream's total is ceil(received*outRate/inRate), then resets for a new
// stream.
func (r *Resampler) Flush(dst []float32) []float32 {
	for c := range r.history {
		r.history[c] = append(r.history[c], make([]float32, r.t.half)...)
	}
	dst = r.emit(dst, r.outputsThrough(r.received))
	r.Reset()
	return dst
}

// outputsThrough is the count of outputs whose time lies before input frame
// index end: ceil(end*l/m), or 0 when end <= 0.
func (r *Resampler) outputsThrough(end int64) int64 {
	if end <= 0 {
		return 0
	}
	return (end*r.l + r.m - 1) / r.m
}

func (r *Resampler) appendInput(src []float32, n int) {
	if r.channels == 1 {
		r.history[0] = append(r.history[0], src...)
	} else {
		for c, h := range r.history {
			for i := 0; i < n; i++ {
				h = append(h, src[i*r.channels+c])
			}
			r.history[c] = h
		}
	}
	r.received += int64(n)
}

// emit computes outputs until produced reaches total, then drops history no
// later output needs. Each kernel shape has its own path: integer ratios
// (integer.go), other exact ratios (rows.go), and the interpolated phases of
// a large L (emitInterpolated).
func (r *Resampler) emit(dst []float32, total int64) []float32 {
	if n := int(total - r.produced); n > 0 {
		switch {
		case r.t.poly != nil && r.l == 1:
			dst = r.emitDecimate(dst, n)
		case r.t.poly != nil:
			dst = r.emitInterpolate(dst, n)
		case r.t.exact:
			dst = r.emitRows(dst, n)
		default:
			dst = r.emitInterpolated(dst, n)
		}
		r.produced = total
	}
	r.trim()
	return dst
}

// emitInterpolated computes n outputs for a table of InterpolatedPhases rows,
// each interpolating linearly between its two nearest rows. The stream
// position lives in locals for the loop: it runs once per output sample.
func (r *Resampler) emitInterpolated(dst []float32, n int) []float32 {
	t, history := r.t, r.history
	step, stepFrac := r.m/r.l, r.m%r.l
	pos, phase := r.pos, r.phase
	for range n {
		start := int(pos - int64(t.past) - r.base)
		scaled := phase * int64(t.phases)
		p, frac := int(scaled/r.l), float32(scaled%r.l)/float32(r.l)
		row := t.row(p)
		for _, h := range history {
			x := h[start : start+t.taps]
			y := dot(x, row)
			if frac != 0 {
				y += frac * (dot(x, t.row(p+1)) - y)
			}
			dst = append(dst, y)
		}
		pos += step
		if phase += stepFrac; phase >= r.l {
			phase -= r.l
			pos++
		}
	}
	r.pos, r.phase = pos, phase
	return dst
}

// trim drops input frames before the next output's first tap, moving the
// rest to the front so the buffers stop growing in steady state.
func (r *Resampler) trim() {
	// With a large decimation the next output may sit past the input
	// received so far; drop only what exists and let base catch up later.
	drop := min(int(r.pos-int64(r.t.past)-r.base), len(r.history[0]))
	if drop <= 0 {
		return
	}
	for c, h := range r.history {
		r.history[c] = h[:copy(h, h[drop:])]
	}
	r.base += int64(drop)
}

func gcd(a, b int) int {
	for b != 0 {
		a, b = b, a%b
	}
	return a
}
