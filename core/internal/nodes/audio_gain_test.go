package nodes

import (
	"context"
	"fmt"
	"math"
	"testing"
	"time"

	"github.com/remotemedia/remotemedia/core/frame"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestAudioGain_Process(t *testing.T) {
	double := 20 * math.Log10(2)
	in := audioFrame(t, []float32{0.25, -0.5, 0.75, 0}, 16000, 2, 40*time.Millisecond).WithMeta(map[string]any{"take": 3})
	tests := []struct {
		name   string
		params string
		want   []float32
	}{
		{"double", fmt.Sprintf(`{"gain_db": %v}`, double), []float32{0.5, -1, 1.5, 0}},
		{"halve", fmt.Sprintf(`{"gain_db": %v}`, -double), []float32{0.125, -0.25, 0.375, 0}},
		{"-120 dB", `{"gain_db": -120}`, []float32{0.25e-6, -0.5e-6, 0.75e-6, 0}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := runNode(t, newNode(t, audioGainType, tt.params), in)
			require.NoError(t, err)
			require.Len(t, got, 1)
			a := got[0].Audio()
			require.NotNil(t, a)
			assert.InDeltaSlice(t, tt.want, a.Samples, 1e-6)
			assert.Equal(t, 16000, a.SampleRate)
			assert.Equal(t, 2, a.Channels)
			assert.Equal(t, 40*time.Millisecond, a.Timestamp)
			assert.Equal(t, map[string]any{"take": 3}, got[0].Meta())
			assert.Equal(t, []float32{0.25, -0.5, 0.75, 0}, in.Audio().Samples, "input untouched")
		})
	}
}

func TestAudioGain_ZeroDBIsTheSameFrame(t *testing.T) {
	in := audioFrame(t, []float32{0.1, 0.2}, 8000, 1, 0)
	got, err := runNode(t, newNode(t, audioGainType, `{"gain_db": 0}`), in)
	require.NoError(t, err)
	assert.Same(t, in, got[0])
}

func TestAudioGain_Errors(t *testing.T) {
	_, err := tryNewNode(audioGainType, `{}`)
	assert.EqualError(t, err, `param "gain_db": required param is missing`)
	_, err = tryNewNode(audioGainType, `{"gain_db": 200}`)
	assert.EqualError(t, err, `param "gain_db": must be <= 120, got 200`)

	_, err = runNode(t, newNode(t, audioGainType, `{"gain_db": 3}`), frame.JSON(1.0))
	assert.EqualError(t, err, "AudioGainNode needs an audio frame; got json")
}

func BenchmarkAudioGain_Process(b *testing.B) {
	n := newNode(b, audioGainType, `{"gain_db": -6}`)
	in := oneSecondStereo48k(b)
	b.SetBytes(int64(4 * len(in.Audio().Samples)))
	b.ReportAllocs()
	for b.Loop() {
		if err := n.Process(context.Background(), in, discard{}); err != nil {
			b.Fatal(err)
		}
	}
}
