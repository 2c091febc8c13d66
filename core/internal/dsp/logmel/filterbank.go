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

// filter is one mel band's weights over the FFT bins from first on; the
// bins outside it have weight 0.
type filter struct {
	first   int
	weights []float64
}

// apply is the band's energy in a power spectrum.
func (f filter) apply(power []float64) float64 {
	var sum float64
	for k, w := range f.weights {
		sum += w * power[f.first+k]
	}
	return sum
}

// sparse keeps the nonzero span of a dense row of weights.
func sparse(row []float64) filter {
	first, last := 0, len(row)-1
	for first < last && row[first] == 0 {
		first++
	}
	for last > first && row[last] == 0 {
		last--
	}
	return filter{first: first, weights: row[first : last+1]}
}

// melFilters returns mels triangular filters over bins FFT bins spanning
// 0..rate/2, each area-normalised (Slaney norm).
func melFilters(mels, bins int, rate float64) []filter {
	lo, hi := hzToMel(0), hzToMel(rate/2)
	edges := make([]float64, mels+2) // filter edge frequencies in Hz
	for i := range edges {
		edges[i] = melToHz(lo + (hi-lo)*float64(i)/float64(mels+1))
	}
	filters := make([]filter, mels)
	for m := range filters {
		f := make([]float64, bins)
		norm := 2 / (edges[m+2] - edges[m])
		for k := range f {
			hz := rate / 2 * float64(k) / float64(bins-1)
			down := (hz - edges[m]) / (edges[m+1] - edges[m])
			up := (edges[m+2] - hz) / (edges[m+2] - edges[m+1])
			f[k] = math.Max(0, math.Min(down, up)) * norm
		}
		filters[m] = sparse(f)
	}
	return filters
}
