package resample

import "fmt"

// Quality trades filter length (CPU) for passband width and stopband depth.
type Quality int

const (
	Low Quality = iota
	Medium
	High
	// VeryHigh is at least as good as python-soxr's "HQ" on every measure
	// of benchmarks/audio/resample_vs_soxr.py: its passband is as wide
	// (0.913) and its errors are 1-15 dB lower (docs/PERFORMANCE.md).
	VeryHigh
)

var qualityNames = [...]string{Low: "low", Medium: "medium", High: "high", VeryHigh: "veryhigh"}

func (q Quality) String() string {
	if q < Low || q > VeryHigh {
		return fmt.Sprintf("quality(%d)", int(q))
	}
	return qualityNames[q]
}

// ParseQuality maps "low", "medium", "high" or "veryhigh" to a Quality.
func ParseQuality(s string) (Quality, error) {
	for q, name := range qualityNames {
		if name == s {
			return Quality(q), nil
		}
	}
	return 0, fmt.Errorf("resample: unknown quality %q, want low|medium|high|veryhigh", s)
}

// Design is a quality level's filter target. Band edges are fractions of the
// lower Nyquist frequency of the two rates; the stopband starts at that
// Nyquist, so nothing aliases into the output band.
type Design struct {
	PassbandEdge  float64
	StopbandEdge  float64
	AttenuationDB float64
}

var designs = [...]Design{
	Low:    {PassbandEdge: 0.80, StopbandEdge: 1.0, AttenuationDB: 60},
	Medium: {PassbandEdge: 0.85, StopbandEdge: 1.0, AttenuationDB: 80},
	High:   {PassbandEdge: 0.90, StopbandEdge: 1.0, AttenuationDB: 100},
	// 132 dB is the least that beats soxr HQ's measured alias level at
	// 16k→8k (by 1.3 dB); 130 dB passes by 0.6 dB, too close to call.
	VeryHigh: {PassbandEdge: 0.913, StopbandEdge: 1.0, AttenuationDB: 132},
}

// Design returns the filter target of q.
func (q Quality) Design() Design {
	if q < Low || q > VeryHigh {
		panic(fmt.Sprintf("resample: invalid quality %d", int(q)))
	}
	return designs[q]
}
