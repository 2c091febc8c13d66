package speech

// history keeps the recent samples of a stream, addressed by their index
// from the start of the stream, so an utterance can be cut out once its
// end is known while memory stays bounded by what may still be needed.
type history struct {
	samples []float32
	first   int64 // stream index of samples[0]
}

// end is the stream index just after the newest sample.
func (h *history) end() int64 { return h.first + int64(len(h.samples)) }

func (h *history) append(x []float32) { h.samples = append(h.samples, x...) }

// slice copies the samples in [from, to), clipped to what is kept.
func (h *history) slice(from, to int64) []float32 {
	from, to = max(from, h.first), min(to, h.end())
	if from >= to {
		return nil
	}
	return append([]float32(nil), h.samples[from-h.first:to-h.first]...)
}

// dropBefore forgets the samples before index i.
func (h *history) dropBefore(i int64) {
	n := min(max(i-h.first, 0), int64(len(h.samples)))
	if n == 0 {
		return
	}
	// Shift down rather than reslice so the backing array is reused.
	h.samples = h.samples[:copy(h.samples, h.samples[n:])]
	h.first += n
}
