package resample

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/assert"
)

// qualityLimits are the figures each level is tested to meet, and the ones
// the docs state, over the level's passband (Design.PassbandEdge, a fraction
// of the lower Nyquist frequency).
var qualityLimits = map[Quality]struct {
	rippleDB    float64 // max |gain| in dB over the passband
	rejectionDB float64 // aliases and images at least this far below the signal
	passbandSNR float64 // multitone and sweep in the passband vs the ideal, dB
}{
	Low:      {rippleDB: 0.01, rejectionDB: 58, passbandSNR: 58},
	Medium:   {rippleDB: 0.001, rejectionDB: 78, passbandSNR: 78},
	High:     {rippleDB: 0.0002, rejectionDB: 95, passbandSNR: 95},
	VeryHigh: {rippleDB: 0.00001, rejectionDB: 130, passbandSNR: 135},
}

var qualityConversions = []struct{ in, out int }{
	{44100, 16000}, {48000, 16000}, {16000, 48000}, {22050, 44100},
	{44100, 48000}, {48000, 44100}, {8000, 44100},
	{44100, 16001}, // L = 16001: the interpolated-phase path
}

func TestResampler_Quality(t *testing.T) {
	for _, conv := range qualityConversions {
		for _, q := range []Quality{Low, Medium, High, VeryHigh} {
			t.Run(fmt.Sprintf("%d-%d/%s", conv.in, conv.out, q), func(t *testing.T) {
				t.Parallel()
				checkQuality(t, conv.in, conv.out, q)
			})
		}
	}
}

func checkQuality(t *testing.T, inRate, outRate int, q Quality) {
	lim, passband := qualityLimits[q], q.Design().PassbandEdge
	nyquist := 0.5 * float64(min(inRate, outRate))
	n := inRate / 8 // 125 ms per probe
	r, _ := New(inRate, outRate, 1, q)
	lo, hi := steadyRange(r, inRate, outRate, n)

	// Passband ripple and in-band images or aliases, one tone at a time.
	worstGain, worstResidual := 0.0, -math.MaxFloat64
	for i := 0; i <= 8; i++ {
		f := nyquist * passband * math.Max(0.01, float64(i)/8)
		s := tone(f)
		y := resampleAll(inRate, outRate, 1, q, s.sample(inRate, n, 1))
		g, res := compare(y, outRate, lo, hi, s.at)
		worstGain = math.Max(worstGain, math.Abs(g))
		worstResidual = math.Max(worstResidual, res)
	}
	assert.Less(t, worstGain, lim.rippleDB, "passband ripple, dB")
	assert.Less(t, worstResidual, -lim.rejectionDB, "worst image/alias of a passband tone, dB")

	// Band-limited white noise and a sine sweep across the passband must
	// come out as their ideal values at the output instants.
	rng := rand.New(rand.NewPCG(uint64(inRate), uint64(outRate)))
	noise := multitone(rng, 64, 20, nyquist*passband)
	_, res := compare(resampleAll(inRate, outRate, 1, q, noise.sample(inRate, n, 1)), outRate, lo, hi, noise.at)
	assert.Less(t, res, -lim.passbandSNR, "passband noise error, dB")
	sweep := chirp{f0: 20, f1: nyquist * passband, duration: 0.125}
	_, res = compare(resampleAll(inRate, outRate, 1, q, sweep.sample(inRate)), outRate, lo, hi, sweep.at)
	assert.Less(t, res, -lim.passbandSNR, "passband sweep error, dB")

	if outRate > inRate {
		return // upsampling has no stopband input; images were checked above
	}
	// Everything between the output Nyquist and the input Nyquist must be
	// rejected: tones, white noise and a sweep.
	inNyquist := 0.5 * float64(inRate)
	for i := 0; i <= 6; i++ {
		f := nyquist + (0.98*inNyquist-nyquist)*float64(i)/6
		s := tone(f)
		y := resampleAll(inRate, outRate, 1, q, s.sample(inRate, n, 1))
		assert.Less(t, levelDB(y, lo, hi, s.power()), -lim.rejectionDB, "alias of %.0f Hz, dB", f)
	}
	noise = multitone(rng, 64, nyquist, 0.98*inNyquist)
	y := resampleAll(inRate, outRate, 1, q, noise.sample(inRate, n, 1))
	assert.Less(t, levelDB(y, lo, hi, noise.power()), -lim.rejectionDB, "stopband noise alias, dB")
	sweep = chirp{f0: nyquist, f1: 0.98 * inNyquist, duration: 0.125}
	y = resampleAll(inRate, outRate, 1, q, sweep.sample(inRate))
	assert.Less(t, levelDB(y, lo, hi, 0.125), -lim.rejectionDB, "stopband sweep alias, dB")
}
