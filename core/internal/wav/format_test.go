package wav

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var allFormats = []Format{PCM8, PCM16, PCM24, PCM32, Float32, Float64, MuLaw, ALaw}

func TestParseFormat(t *testing.T) {
	for _, f := range allFormats {
		got, err := ParseFormat(f.String())
		require.NoError(t, err)
		assert.Equal(t, f, got)
	}
	got, err := ParseFormat("F32")
	require.NoError(t, err)
	assert.Equal(t, Float32, got)

	_, err = ParseFormat("s12")
	assert.EqualError(t, err, `wav: unknown sample format "s12"; want one of s8, s16, s24, s32, f32, f64, ulaw, alaw`)
}

func TestFormat_BytesPerSample(t *testing.T) {
	want := map[Format]int{PCM8: 1, PCM16: 2, PCM24: 3, PCM32: 4, Float32: 4, Float64: 8, Format(99): 0}
	for f, n := range want {
		assert.Equal(t, n, f.BytesPerSample(), f.String())
	}
}

func TestFloat32ToS16(t *testing.T) {
	nan := float32(0)
	nan /= nan
	tests := []struct {
		in   float32
		want int16
	}{
		{0, 0},
		{1, 32767},
		{2, 32767},
		{-1, -32768},
		{-3, -32768},
		{0.5, 16384},
		{1.4 / 32768, 1},   // rounds down
		{1.6 / 32768, 2},   // rounds up
		{-1.6 / 32768, -2}, // symmetric
		{0.5 / 32768, 1},   // halves round away from zero
		{-0.5 / 32768, -1},
		{32766.5 / 32768, 32767},
		{32767.5 / 32768, 32767}, // would round to 32768: clamped
		{-32768.5 / 32768, -32768},
		{1e-30, 0},
		{nan, 0},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, Float32ToS16(tt.in), "in=%v", tt.in)
	}
}

func TestS16ToFloat32_RoundTrip(t *testing.T) {
	for v := -32768; v <= 32767; v++ {
		require.Equal(t, int16(v), Float32ToS16(S16ToFloat32(int16(v))))
	}
}

// TestQuantize_MatchesMathRound pins quantize's fast rounding to the obvious
// definition, on random bit patterns (NaN, Inf, subnormals) and on values
// near full scale.
func TestQuantize_MatchesMathRound(t *testing.T) {
	reference := func(x float32, bits uint) int64 {
		if x != x {
			return 0
		}
		limit := float64(int64(1) << (bits - 1))
		v := math.Round(float64(x) * limit)
		return int64(max(-limit, min(limit-1, v)))
	}
	rng := rand.New(rand.NewPCG(1, 2))
	for i := range 400_000 {
		x := math.Float32frombits(rng.Uint32())
		if i%2 == 0 {
			x = float32(rng.Float64()*2.2 - 1.1)
		}
		for _, bits := range []uint{8, 16, 24, 32} {
			if want, got := reference(x, bits), quantize(x, bits); want != got {
				t.Fatalf("quantize(%v, %d) = %d, want %d", x, bits, got, want)
			}
		}
	}
}
