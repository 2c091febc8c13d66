package resample

import "math"

// kaiserBeta is Kaiser's empirical β for a stopband attenuation in dB.
func kaiserBeta(attenuationDB float64) float64 {
	switch a := attenuationDB; {
	case a > 50:
		return 0.1102 * (a - 8.7)
	case a >= 21:
		return 0.5842*math.Pow(a-21, 0.4) + 0.07886*(a-21)
	default:
		return 0
	}
}

// kaiserLength is Kaiser's estimate of the taps needed for a transition band
// of width cycles per sample at the given attenuation.
func kaiserLength(attenuationDB, width float64) int {
	return int(math.Ceil((attenuationDB-7.95)/(2.285*2*math.Pi*width))) + 1
}

// kaiserWindow is the window at x in [-1, 1].
func kaiserWindow(x, beta float64) float64 {
	if x <= -1 || x >= 1 {
		return 0
	}
	return besselI0(beta*math.Sqrt(1-x*x)) / besselI0(beta)
}

// besselI0 is the modified Bessel function of the first kind, order 0, by its
// power series; it converges fast for the β values a window uses.
func besselI0(x float64) float64 {
	sum, term, q := 1.0, 1.0, x*x/4
	for k := 1.0; term > sum*1e-17; k++ {
		term *= q / (k * k)
		sum += term
	}
	return sum
}
