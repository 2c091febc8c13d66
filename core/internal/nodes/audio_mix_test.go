package nodes

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/remotemedia/remotemedia/core/frame"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestAudioMix_Process(t *testing.T) {
	tests := []struct {
		name     string
		from, to int
		in, want []float32
	}{
		{"stereo to mono", 2, 1, []float32{1, 0, 0.5, -0.5, -1, -0.5}, []float32{0.5, 0, -0.75}},
		{"mono to stereo", 1, 2, []float32{0.1, 0.2}, []float32{0.1, 0.1, 0.2, 0.2}},
		{"mono to 3", 1, 3, []float32{0.1, 0.2}, []float32{0.1, 0.1, 0.1, 0.2, 0.2, 0.2}},
		{"3 to 1", 3, 1, []float32{0.1, 0.2, 0.3}, []float32{0.2}},
		{"4 to 2 folds ch2 onto ch0 and ch3 onto ch1", 4, 2, []float32{1, 2, 3, 4}, []float32{2, 3}},
		{"3 to 2 averages ch0 and ch2, keeps ch1", 3, 2, []float32{1, 5, 3, -1, 7, -3}, []float32{2, 5, -2, 7}},
		{"6 to 1 averages all", 6, 1, []float32{1, 2, 3, 4, 5, 9}, []float32{4}},
		{"2 to 3 repeats L R L", 2, 3, []float32{0.1, 0.2, 0.3, 0.4}, []float32{0.1, 0.2, 0.1, 0.3, 0.4, 0.3}},
		{"empty", 2, 1, []float32{}, []float32{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			n := newNode(t, audioMixType, fmt.Sprintf(`{"to_channels": %d}`, tt.to))
			in := audioFrame(t, tt.in, 22050, tt.from, 7*time.Millisecond).WithMeta(map[string]any{"src": "mic"})
			got, err := runNode(t, n, in)
			require.NoError(t, err)
			require.Len(t, got, 1)
			a := got[0].Audio()
			require.NotNil(t, a)
			assert.InDeltaSlice(t, tt.want, a.Samples, 1e-6)
			assert.Equal(t, tt.to, a.Channels)
			assert.Equal(t, 22050, a.SampleRate)
			assert.Equal(t, 7*time.Millisecond, a.Timestamp)
			assert.Equal(t, map[string]any{"src": "mic"}, got[0].Meta())
		})
	}
}

func TestAudioMix_SameChannelsIsTheSameFrame(t *testing.T) {
	in := audioFrame(t, []float32{1, 2}, 8000, 2, 0)
	got, err := runNode(t, newNode(t, audioMixType, `{"to_channels": 2}`), in)
	require.NoError(t, err)
	assert.Same(t, in, got[0])
}

func TestAudioMix_Errors(t *testing.T) {
	_, err := tryNewNode(audioMixType, `{"to_channels": 0}`)
	assert.EqualError(t, err, `param "to_channels": must be >= 1, got 0`)
	_, err = tryNewNode(audioMixType, `{"to_channels": 1.5}`)
	assert.EqualError(t, err, `param "to_channels": must be an integer, got 1.5`)

	_, err = runNode(t, newNode(t, audioMixType, `{"to_channels": 1}`), frame.Bytes([]byte{1}))
	assert.EqualError(t, err, "AudioMixNode needs an audio frame; got bytes")
}

func BenchmarkAudioMix_Process(b *testing.B) {
	in := oneSecondStereo48k(b)
	for _, to := range []string{"1", "3"} {
		b.Run("stereo_to_"+to, func(b *testing.B) {
			n := newNode(b, audioMixType, `{"to_channels": `+to+`}`)
			b.SetBytes(int64(4 * len(in.Audio().Samples)))
			b.ReportAllocs()
			for b.Loop() {
				if err := n.Process(context.Background(), in, discard{}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
