package vad

import (
	"math"

	"gonum.org/v1/gonum/dsp/fourier"
)

// Speech band edges, Hz: the telephone band.
const (
	bandLowHz  = 300
	bandHighHz = 3400
)

// spectrum describes the spectral shape of one analysis window.
type spectrum struct {
	flatnessDB float64 // spectral flatness in the speech band, dB (0 = flat)
	bandRatio  float64 // share of the window's power in the speech band
}

// analyser computes features; it owns its buffers so a hop allocates nothing.
type analyser struct {
	hop, window      int
	lowBin, highBin  int
	fft              *fourier.FFT
	hann, buf, power []float64
	coefs            []complex128
}

func newAnalyser(sampleRate int) *analyser {
	hop := (sampleRate + 50) / 100
	window := 2 * hop
	size := fastFFTSize(window)
	a := &analyser{
		hop: hop, window: window,
		fft:   fourier.NewFFT(size),
		hann:  make([]float64, window),
		buf:   make([]float64, size),
		power: make([]float64, size/2+1),
		coefs: make([]complex128, size/2+1),
	}
	for i := range a.hann {
		a.hann[i] = 0.5 - 0.5*math.Cos(2*math.Pi*(float64(i)+0.5)/float64(window))
	}
	binHz := float64(sampleRate) / float64(size)
	a.lowBin = int(math.Ceil(bandLowHz / binHz))
	a.highBin = int(math.Floor(bandHighHz / binHz))
	return a
}

// energyDB is the mean power of the hop (the second half of window), in dB
// re full scale: a full-scale sine is -3 dB.
func (a *analyser) energyDB(window []float32) float64 {
	var power float64
	for _, v := range window[a.hop:] {
		power += float64(v) * float64(v)
	}
	return 10 * math.Log10(power/float64(a.hop)+1e-12)
}

// spectrum analyses the whole Hann-windowed window.
func (a *analyser) spectrum(window []float32) spectrum {
	for i, v := range window {
		a.buf[i] = float64(v) * a.hann[i]
	}
	a.coefs = a.fft.Coefficients(a.coefs, a.buf)
	var total, band, logSum float64
	for i, c := range a.coefs {
		p := real(c)*real(c) + imag(c)*imag(c)
		a.power[i] = p
		total += p
	}
	// A floor far below any real signal keeps the logs finite in digital
	// silence, where the spectrum then counts as flat.
	eps := 1e-20 + total*1e-12
	for _, p := range a.power[a.lowBin : a.highBin+1] {
		band += p
		logSum += math.Log(p + eps)
	}
	n := float64(a.highBin - a.lowBin + 1)
	s := spectrum{flatnessDB: 10 / math.Ln10 * (logSum/n - math.Log(band/n+eps))}
	if total > 0 {
		s.bandRatio = band / total
	}
	return s
}

// fastFFTSize is the smallest n >= atLeast whose only prime factors are 2, 3
// and 5, the sizes gonum's FFT handles fastest. For 16 kHz it is the window
// itself (320), with no zero padding to pay for.
func fastFFTSize(atLeast int) int {
	for n := atLeast; ; n++ {
		m := n
		for _, p := range []int{2, 3, 5} {
			for m%p == 0 {
				m /= p
			}
		}
		if m == 1 {
			return n
		}
	}
}
