package logmel

import (
	"fmt"
	"math"

	"gonum.org/v1/gonum/dsp/fourier"
)

// The Whisper front end at 16 kHz.
const (
	SampleRate = 16000
	NFFT       = 400
	Hop        = 160
	Mels       = 80
	bins       = NFFT/2 + 1
	melFloor   = 1e-10
	// normEps is the variance floor of the waveform normalisation.
	normEps = 1e-7
)

// Extractor computes log-mel spectrograms. It holds the FFT plan, window
// and filterbank, and reuses its buffers, so it is not safe for concurrent
// use: make one per goroutine.
type Extractor struct {
	fft     *fourier.FFT
	window  []float64
	filters []filter
	frame   []float64
	coeffs  []complex128
	power   []float64
	padded  []float64
	logs    []float64
}

// New returns an Extractor.
func New() *Extractor {
	window := make([]float64, NFFT)
	for i := range window { // periodic Hann, as torch.hann_window
		window[i] = 0.5 - 0.5*math.Cos(2*math.Pi*float64(i)/NFFT)
	}
	return &Extractor{
		fft:     fourier.NewFFT(NFFT),
		window:  window,
		filters: melFilters(Mels, bins, SampleRate),
		frame:   make([]float64, NFFT),
		coeffs:  make([]complex128, bins),
		power:   make([]float64, bins),
	}
}

// Frames is the number of feature frames for n samples: one per hop, as
// Whisper drops the last frame of the centred STFT.
func Frames(n int) int { return n / Hop }

// Compute writes the normalised log-mel features of audio (16 kHz mono)
// into dst, mel-major: dst[m*frames+t] with frames = Frames(len(audio)),
// the layout of an [80, frames] tensor. dst must hold Mels*frames values.
func (e *Extractor) Compute(dst []float32, audio []float32) error {
	frames := Frames(len(audio))
	if len(audio) < NFFT {
		return fmt.Errorf("logmel: need at least %d samples, got %d", NFFT, len(audio))
	}
	if len(dst) != Mels*frames {
		return fmt.Errorf("logmel: dst holds %d values, want %d×%d", len(dst), Mels, frames)
	}
	e.pad(audio)
	maxLog := math.Inf(-1)
	if cap(e.logs) < Mels*frames {
		e.logs = make([]float64, Mels*frames)
	}
	logs := e.logs[:Mels*frames]
	for t := 0; t < frames; t++ {
		e.powerAt(t * Hop)
		for m, f := range e.filters {
			v := math.Log10(math.Max(f.apply(e.power), melFloor))
			logs[m*frames+t] = v
			maxLog = math.Max(maxLog, v)
		}
	}
	for i, v := range logs {
		dst[i] = float32((math.Max(v, maxLog-8) + 4) / 4)
	}
	return nil
}

// pad normalises audio to zero mean and unit variance (in float32, as the
// reference does) and reflect-pads it by NFFT/2 on both sides.
func (e *Extractor) pad(audio []float32) {
	var mean, sq float64
	for _, v := range audio {
		mean += float64(v)
	}
	mean /= float64(len(audio))
	for _, v := range audio {
		d := float64(v) - mean
		sq += d * d
	}
	m32 := float32(mean)
	scale := float32(math.Sqrt(sq/float64(len(audio)) + normEps))
	half := NFFT / 2
	n := len(audio)
	if cap(e.padded) < n+NFFT {
		e.padded = make([]float64, n+NFFT)
	}
	p := e.padded[:n+NFFT]
	for i, v := range audio {
		p[half+i] = float64((v - m32) / scale)
	}
	for i := 1; i <= half; i++ { // reflect, excluding the edge sample
		p[half-i] = p[half+i]
		p[half+n-1+i] = p[half+n-1-i]
	}
}

// powerAt computes |FFT|² of the windowed frame starting at padded[start].
func (e *Extractor) powerAt(start int) {
	for i, w := range e.window {
		e.frame[i] = e.padded[start+i] * w
	}
	e.fft.Coefficients(e.coeffs, e.frame)
	for k, c := range e.coeffs {
		e.power[k] = real(c)*real(c) + imag(c)*imag(c)
	}
}
