package resample

import (
	"math"
	"math/rand/v2"
)

// partial is one sinusoid of a test signal: amplitude, frequency (Hz), phase.
type partial struct{ amp, freq, phase float64 }

// signal is a sum of sinusoids, so its ideal value at any instant is known
// exactly: that is the reference a resampler's output is measured against.
type signal []partial

func (s signal) at(t float64) float64 {
	v := 0.0
	for _, p := range s {
		v += p.amp * math.Sin(2*math.Pi*p.freq*t+p.phase)
	}
	return v
}

// sample returns n frames at rate, the same value in every channel.
func (s signal) sample(rate, n, channels int) []float32 {
	out := make([]float32, n*channels)
	for i := 0; i < n; i++ {
		v := float32(s.at(float64(i) / float64(rate)))
		for c := 0; c < channels; c++ {
			out[i*channels+c] = v
		}
	}
	return out
}

func (s signal) power() float64 {
	p := 0.0
	for _, q := range s {
		p += q.amp * q.amp / 2
	}
	return p
}

// tone is one full-scale-ish sinusoid.
func tone(freq float64) signal { return signal{{amp: 0.5, freq: freq, phase: 0.3}} }

// multitone is band-limited white noise: k sinusoids of equal power at random
// frequencies in [lo, hi) with random phases, total RMS about 0.35.
func multitone(rng *rand.Rand, k int, lo, hi float64) signal {
	s := make(signal, k)
	for i := range s {
		s[i] = partial{amp: 0.5 / math.Sqrt(float64(k)), freq: lo + (hi-lo)*rng.Float64(), phase: 2 * math.Pi * rng.Float64()}
	}
	return s
}

// chirp is a linear sine sweep from f0 to f1 Hz over duration seconds.
type chirp struct{ f0, f1, duration float64 }

func (c chirp) at(t float64) float64 {
	return 0.5 * math.Sin(2*math.Pi*(c.f0*t+(c.f1-c.f0)*t*t/(2*c.duration)))
}

func (c chirp) sample(rate int) []float32 {
	n := int(c.duration * float64(rate))
	out := make([]float32, n)
	for i := range out {
		out[i] = float32(c.at(float64(i) / float64(rate)))
	}
	return out
}

// resampleAll runs x through a fresh resampler in one call plus Flush.
func resampleAll(inRate, outRate, channels int, q Quality, x []float32) []float32 {
	r, err := New(inRate, outRate, channels, q)
	if err != nil {
		panic(err)
	}
	return r.Flush(r.Process(nil, x))
}

// steadyRange is the output index range whose filter taps see only real
// input: the edges, where the stream's zero padding enters, are excluded.
func steadyRange(r *Resampler, inRate, outRate, inFrames int) (lo, hi int) {
	margin := int(math.Ceil(float64(r.Taps())*float64(outRate)/float64(inRate))) + 2
	total := int(math.Ceil(float64(inFrames) * float64(outRate) / float64(inRate)))
	return margin, total - margin
}

// compare measures y[lo:hi] (mono, output rate) against the ideal values
// ref(k/rate): the least-squares gain in dB, and the power of what is left
// once that scaled reference is removed, in dB relative to the reference.
func compare(y []float32, rate, lo, hi int, ref func(float64) float64) (gainDB, residualDB float64) {
	var yr, rr float64
	for k := lo; k < hi; k++ {
		v := ref(float64(k) / float64(rate))
		yr += float64(y[k]) * v
		rr += v * v
	}
	g := yr / rr
	var res float64
	for k := lo; k < hi; k++ {
		e := float64(y[k]) - g*ref(float64(k)/float64(rate))
		res += e * e
	}
	return 20 * math.Log10(g), 10 * math.Log10(res/rr)
}

// levelDB is the power of y[lo:hi] relative to refPower, in dB.
func levelDB(y []float32, lo, hi int, refPower float64) float64 {
	var p float64
	for _, v := range y[lo:hi] {
		p += float64(v) * float64(v)
	}
	return 10 * math.Log10(p/float64(hi-lo)/refPower)
}
