package nodes

import (
	"encoding/json"
	"math"
	"testing"
	"time"

	"github.com/remotemedia/remotemedia/core/frame"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// audioFrame builds an audio frame or fails the test.
func audioFrame(t testing.TB, samples []float32, rate, channels int, ts time.Duration) *frame.Frame {
	t.Helper()
	f, err := frame.NewAudio(frame.Audio{Samples: samples, SampleRate: rate, Channels: channels, Timestamp: ts})
	require.NoError(t, err)
	return f
}

// ramp returns n samples 0, 1, 2, ... scaled by step: every value differs,
// so a misplaced sample shows.
func ramp(n int, step float32) []float32 {
	out := make([]float32, n)
	for i := range out {
		out[i] = float32(i) * step
	}
	return out
}

// sine returns frames*channels samples of a sine at freq Hz and amplitude
// amp, the same on every channel.
func sine(frames, channels, rate int, freq, amp float64) []float32 {
	out := make([]float32, frames*channels)
	for i := range frames {
		v := float32(amp * math.Sin(2*math.Pi*freq*float64(i)/float64(rate)))
		for c := range channels {
			out[i*channels+c] = v
		}
	}
	return out
}

// oneSecondStereo48k is the benchmark input the issue names.
func oneSecondStereo48k(b *testing.B) *frame.Frame {
	return audioFrame(b, sine(48000, 2, 48000, 440, 0.5), 48000, 2, 0)
}

func TestAudioOf(t *testing.T) {
	a, err := audioOf("X", audioFrame(t, []float32{1}, 8000, 1, 0))
	require.NoError(t, err)
	assert.Equal(t, []float32{1}, a.Samples)

	_, err = audioOf("AudioGainNode", frame.Text("hi"))
	assert.EqualError(t, err, "AudioGainNode needs an audio frame; got text")
}

func TestAudioClock_At(t *testing.T) {
	var c audioClock
	c.restart(time.Second, 48000)
	assert.Equal(t, time.Second, c.at(0))
	assert.Equal(t, time.Second+20833*time.Microsecond+333, c.at(1000))
	// Many small steps land exactly where one big step does.
	for range 3000 {
		c.advance(1)
	}
	assert.Equal(t, time.Second+62500*time.Microsecond, c.at(0))
}

func TestAudioClock_Contiguous(t *testing.T) {
	var c audioClock
	c.restart(0, 16000) // one sample is 62.5 µs
	c.advance(80)       // 5 ms, plus 80 frames pending: 10 ms
	tests := []struct {
		ts   time.Duration
		want bool
	}{
		{10 * time.Millisecond, true},
		{10*time.Millisecond + 31*time.Microsecond, true},
		{10*time.Millisecond - 31*time.Microsecond, true},
		{10*time.Millisecond + 32*time.Microsecond, false},
		{10*time.Millisecond - 32*time.Microsecond, false},
		{0, false},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, c.contiguous(tt.ts, 80), "ts=%v", tt.ts)
	}
}

func TestMetaInt(t *testing.T) {
	meta := map[string]any{
		"int": 3, "int64": int64(4), "float": float64(5), "number": json.Number("6"),
		"fraction": 1.5, "text": "7", "bignumber": json.Number("1e99"),
	}
	for key, want := range map[string]int64{"int": 3, "int64": 4, "float": 5, "number": 6} {
		got, ok, err := metaInt(meta, key)
		require.NoError(t, err)
		assert.True(t, ok)
		assert.Equal(t, want, got, key)
	}
	_, ok, err := metaInt(meta, "missing")
	assert.NoError(t, err)
	assert.False(t, ok)
	for _, key := range []string{"fraction", "text", "bignumber"} {
		_, ok, err := metaInt(meta, key)
		assert.True(t, ok)
		assert.ErrorContains(t, err, `meta "`+key+`" must be an integer`)
	}
}
