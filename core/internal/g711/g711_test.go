package g711

import (
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
)

// Decoding then encoding gives every code back, but for μ-law's two zeros
// (0x7F, negative zero, encodes as 0xFF, positive zero).
func TestRoundTrip_EveryCode(t *testing.T) {
	for _, l := range []Law{MuLaw, ALaw} {
		codes := make([]byte, 256)
		for i := range codes {
			codes[i] = byte(i)
		}
		samples := make([]float32, 256)
		l.Decode(samples, codes)
		back := make([]byte, 256)
		l.Encode(back, samples)
		for c := range 256 {
			want := byte(c)
			if l == MuLaw && want == 0x7F {
				want = 0xFF
			}
			assert.Equal(t, want, back[c], "%s code 0x%02x", l, c)
		}
	}
}

func TestEncode_ClipsAndNaNIsSilence(t *testing.T) {
	for _, l := range []Law{MuLaw, ALaw} {
		codes := make([]byte, 5)
		l.Encode(codes, []float32{1, 5, -1, -5, float32(math.NaN())})
		assert.Equal(t, codes[0], codes[1], "%s: beyond +1 clips to the top code", l)
		assert.Equal(t, codes[2], codes[3], "%s: beyond -1 clips to the bottom code", l)
		var silence [1]byte
		l.Encode(silence[:], []float32{0})
		assert.Equal(t, silence[0], codes[4], "%s: NaN codes silence", l)
		assert.Zero(t, l.Linear(silence[0])>>4, "%s: silence decodes near zero", l)
	}
}

// Companding keeps the error proportional to the level: within the step
// of the segment the sample falls in (at most 1/16 of its magnitude above
// the first segments).
func TestDecodeEncode_ErrorIsRelative(t *testing.T) {
	for _, l := range []Law{MuLaw, ALaw} {
		for _, x := range []float32{0.9, 0.5, -0.25, 0.1, -0.01} {
			var c [1]byte
			var y [1]float32
			l.Encode(c[:], []float32{x})
			l.Decode(y[:], c[:])
			assert.InDelta(t, x, y[0], math.Abs(float64(x))/16, "%s at %v", l, x)
		}
	}
}
