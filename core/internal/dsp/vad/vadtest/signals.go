// Package vadtest generates speech-like test signals whose speech spans are
// known exactly, for the detector's tests and the nodes that use it.
package vadtest

import (
	"math"
	"math/rand/v2"
	"time"
)

// Voiced is a speech-like signal: a harmonic series whose pitch glides
// between F0From and F0To (Hz) with a 5 Hz vibrato, shaped by three formant
// resonances and a spectral tilt, amplitude-modulated at a syllable rate of
// 4 Hz (dipping 14 dB between syllables), with 10 ms fades at both ends.
// Its RMS is 0.1 (-20 dBFS).
type Voiced struct {
	F0From, F0To float64
	Duration     time.Duration
}

// VoicedRMS is the RMS of every rendered Voiced signal.
const VoicedRMS = 0.1

var formants = []struct{ freq, bandwidth float64 }{{700, 110}, {1220, 120}, {2600, 160}}

// formantGain is the magnitude response of three second-order resonators
// with a -6 dB/octave tilt above 500 Hz, the shape of a vowel's spectrum.
func formantGain(f float64) float64 {
	g := 0.0
	for _, fm := range formants {
		r := f / fm.freq
		g += 1 / math.Hypot(1-r*r, f*fm.bandwidth/(fm.freq*fm.freq))
	}
	return g / math.Max(1, f/500)
}

// Render samples the signal at rate.
func (v Voiced) Render(rate int) []float32 {
	n := int(v.Duration.Seconds() * float64(rate))
	out := make([]float32, n)
	var phases, gains [64]float64
	fade := rate / 100
	for i := range out {
		t := float64(i) / float64(rate)
		f0 := v.F0From + (v.F0To-v.F0From)*t/v.Duration.Seconds() + 3*math.Sin(2*math.Pi*5*t)
		if i%(rate/1000) == 0 { // the spectral envelope moves slowly: update it every 1 ms
			for h := range gains {
				gains[h] = formantGain(float64(h) * f0)
			}
		}
		s := 0.0
		for h := 1; h < len(phases) && float64(h)*f0 < 0.45*float64(rate); h++ {
			phases[h] += 2 * math.Pi * float64(h) * f0 / float64(rate)
			s += gains[h] * math.Sin(phases[h])
		}
		env := 0.2 + 0.8*math.Pow(math.Cos(math.Pi*4*t), 2)
		env *= math.Min(1, float64(min(i, n-1-i))/float64(fade))
		out[i] = float32(s * env)
	}
	scaleToRMS(out, VoicedRMS)
	return out
}

func scaleToRMS(x []float32, rms float64) {
	var p float64
	for _, v := range x {
		p += float64(v) * float64(v)
	}
	k := float32(rms / math.Sqrt(p/float64(len(x))))
	for i := range x {
		x[i] *= k
	}
}

// Span is where speech is, from the start of the scene.
type Span struct{ Start, End time.Duration }

// Scene lays Parts out one after another, with white noise of RMS Noise
// added everywhere (0 for digital silence).
type Scene struct {
	Rate  int
	Parts []Part
	Noise float64
	Seed  uint64
}

// Part is speech (Voice set) or a pause lasting Gap, optionally filled with
// a white-noise burst of RMS Burst.
type Part struct {
	Voice *Voiced
	Gap   time.Duration
	Burst float64
}

// Render returns the scene's samples and its speech spans.
func (s Scene) Render() ([]float32, []Span) {
	rng := rand.New(rand.NewPCG(s.Seed, 7))
	var samples []float32
	var speech []Span
	var at time.Duration
	for _, p := range s.Parts {
		if p.Voice != nil {
			samples = append(samples, p.Voice.Render(s.Rate)...)
			speech = append(speech, Span{at, at + p.Voice.Duration})
			at += p.Voice.Duration
			continue
		}
		n := int(p.Gap.Seconds() * float64(s.Rate))
		for i := 0; i < n; i++ {
			samples = append(samples, float32(rng.NormFloat64()*p.Burst))
		}
		at += p.Gap
	}
	for i := range samples {
		samples[i] += float32(rng.NormFloat64() * s.Noise)
	}
	return samples, speech
}

// NoiseRMS is the white-noise RMS snrDB below a Voiced signal.
func NoiseRMS(snrDB float64) float64 { return VoicedRMS * math.Pow(10, -snrDB/20) }

// TwoUtterances is 0.6 s of pause, 1.3 s of low voice, 0.8 s of pause,
// 1.0 s of high voice and 0.7 s of pause, with white noise of RMS noise.
func TwoUtterances(rate int, noise float64) Scene {
	return Scene{Rate: rate, Noise: noise, Seed: uint64(rate), Parts: []Part{
		{Gap: 600 * time.Millisecond},
		{Voice: &Voiced{F0From: 110, F0To: 140, Duration: 1300 * time.Millisecond}},
		{Gap: 800 * time.Millisecond},
		{Voice: &Voiced{F0From: 220, F0To: 180, Duration: time.Second}},
		{Gap: 700 * time.Millisecond},
	}}
}
