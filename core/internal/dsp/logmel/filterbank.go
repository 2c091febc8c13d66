package logmel

import "math"

// Slaney's mel scale: linear below 1 kHz, logarithmic above (librosa's
// htk=False, which Whisper uses).
const (
	slaneyMinLogHz  = 1000.0
	slaneyMinLogMel = 15.0
)

var slaneyLogStep = math.Log(6.4) / 27.0

func hzToMel(f float64) float64 {
	if f < slaneyMinLogHz {
		return 3 * f / 200
	}
	return slaneyMinLogMel + math.Log(f/slaneyMinLogHz)/slaneyLogStep
}

func melToHz(m float64) float64 {
	if m < slaneyMinLogMel {
		return 200 * m / 3
	}
	return slaneyMinLogHz * math.Exp(slaneyLogStep*(m-slaneyMinLogMel))
}

// melFilters returns mels triangular filters over bins FFT bins spanning
// 0..rate/2, each area-normalised (Slaney norm): filters[m][k].
func melFilters(mels, bins int, rate float64) [][]float64 {
	lo, hi := hzToMel(0), hzToMel(rate/2)
	edges := make([]float64, mels+2) // filter edge frequencies in Hz
	for i := range edges {
		edges[i] = melToHz(lo + (hi-lo)*float64(i)/float64(mels+1))
	}
	filters := make([][]float64, mels)
	for m := range filters {
		f := make([]float64, bins)
		norm := 2 / (edges[m+2] - edges[m])
		for k := range f {
			hz := rate / 2 * float64(k) / float64(bins-1)
			down := (hz - edges[m]) / (edges[m+1] - edges[m])
			up := (edges[m+2] - hz) / (edges[m+2] - edges[m+1])
			f[k] = math.Max(0, math.Min(down, up)) * norm
		}
		filters[m] = f
	}
	return filters
}
