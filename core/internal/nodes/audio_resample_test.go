package nodes

import (
	"fmt"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/remotemedia/remotemedia/core/frame"
	"github.com/remotemedia/remotemedia/core/internal/dsp/resample"
	"github.com/remotemedia/remotemedia/core/internal/wav"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// randomSizes splits total frames into random input sizes of 0..maxSize.
func randomSizes(rng *rand.Rand, total, maxSize int) []int {
	var sizes []int
	for total > 0 {
		n := min(rng.IntN(maxSize+1), total)
		sizes = append(sizes, n)
		total -= n
	}
	return sizes
}

func TestAudioResample_Process(t *testing.T) {
	tests := []struct {
		rate, target, channels int
		quality                string
		start                  time.Duration
	}{
		{48000, 16000, 2, "medium", 0},
		{44100, 16000, 1, "high", 0},
		{16000, 48000, 1, "low", 0},
		{22050, 44100, 1, "medium", 1500 * time.Millisecond},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("%d-%d/%dch/%s", tt.rate, tt.target, tt.channels, tt.quality), func(t *testing.T) {
			frames := tt.rate * 3 / 10
			samples := sine(frames, tt.channels, tt.rate, 440, 0.5)
			inputs := splitAudio(t, samples, tt.rate, tt.channels, randomSizes(rand.New(rand.NewPCG(1, 2)), frames, tt.rate/20))
			for i, in := range inputs { // shift the whole stream to start at tt.start
				a := in.Audio()
				inputs[i] = audioFrame(t, a.Samples, a.SampleRate, a.Channels, a.Timestamp+tt.start)
			}
			outs, err := runNode(t, newNode(t, "AudioResampleNode", fmt.Sprintf(`{"target_rate": %d, "quality": %q}`, tt.target, tt.quality)), inputs...)
			require.NoError(t, err)

			q, err := resample.ParseQuality(tt.quality)
			require.NoError(t, err)
			r, err := resample.New(tt.rate, tt.target, tt.channels, q)
			require.NoError(t, err)
			want := r.Flush(r.Process(nil, samples))

			var got []float32
			for i, f := range outs {
				a := f.Audio()
				require.NotNil(t, a)
				assert.Equal(t, tt.target, a.SampleRate)
				assert.Equal(t, tt.channels, a.Channels)
				assert.Equal(t, tt.start+wav.FramesToDuration(int64(len(got)/tt.channels), tt.target), a.Timestamp, "output %d timestamp", i)
				got = append(got, a.Samples...)
			}
			require.Len(t, got, len(want))
			assert.InDeltaSlice(t, want, got, 1e-6)
			assert.Len(t, got, tt.channels*((frames*tt.target+tt.rate-1)/tt.rate), "ceil(n*target/rate) frames")
		})
	}
}

func TestAudioResample_Process_SameRatePassesThrough(t *testing.T) {
	in := audioFrame(t, sine(160, 1, 16000, 440, 0.5), 16000, 1, 20*time.Millisecond)
	outs, err := runNode(t, newNode(t, "AudioResampleNode", `{"target_rate": 16000}`), in)
	require.NoError(t, err)
	require.Len(t, outs, 1)
	assert.Same(t, in, outs[0])
}

func TestAudioResample_Process_GapRestartsClock(t *testing.T) {
	// A gap in the input timestamps ends a run: its tail is emitted and the
	// next run's outputs are stamped from the input after the gap.
	first := audioFrame(t, sine(4800, 1, 48000, 440, 0.5), 48000, 1, 0)
	second := audioFrame(t, sine(4800, 1, 48000, 440, 0.5), 48000, 1, 5*time.Second)
	outs, err := runNode(t, newNode(t, "AudioResampleNode", `{"target_rate": 16000}`), first, second)
	require.NoError(t, err)
	var frames int
	var secondRun *frame.Audio
	for _, f := range outs {
		if f.Audio().Timestamp >= 5*time.Second && secondRun == nil {
			secondRun = f.Audio()
			assert.Equal(t, 1600, frames, "the first run is complete before the gap")
		}
		frames += f.Audio().Frames()
	}
	require.NotNil(t, secondRun)
	assert.Equal(t, 5*time.Second, secondRun.Timestamp)
	assert.Equal(t, 3200, frames)
}

func TestAudioResample_Process_Errors(t *testing.T) {
	mono48 := audioFrame(t, make([]float32, 480), 48000, 1, 0)
	tests := []struct {
		name   string
		inputs []*frame.Frame
		want   string
	}{
		{"rate changes", []*frame.Frame{mono48, audioFrame(t, make([]float32, 441), 44100, 1, 10*time.Millisecond)},
			"AudioResampleNode: input changed from 48000 Hz, 1 channels to 44100 Hz, 1 channels mid-stream"},
		{"channels change", []*frame.Frame{mono48, audioFrame(t, make([]float32, 960), 48000, 2, 10*time.Millisecond)},
			"AudioResampleNode: input changed from 48000 Hz, 1 channels to 48000 Hz, 2 channels mid-stream"},
		{"not audio", []*frame.Frame{frame.Text("hello")}, "AudioResampleNode needs an audio frame; got text"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := runNode(t, newNode(t, "AudioResampleNode", `{"target_rate": 16000}`), tt.inputs...)
			assert.ErrorContains(t, err, tt.want)
		})
	}
}

func TestAudioResample_New_Errors(t *testing.T) {
	tests := []struct{ params, want string }{
		{`{}`, `param "target_rate": required param is missing`},
		{`{"target_rate": 0}`, `param "target_rate": must be >= 1`},
		{`{"target_rate": 16000, "quality": "best"}`, `param "quality": must be one of low|medium|high`},
	}
	for _, tt := range tests {
		t.Run(tt.params, func(t *testing.T) {
			_, err := tryNewNode("AudioResampleNode", tt.params)
			assert.ErrorContains(t, err, tt.want)
		})
	}
}

func TestAudioResample_Flush_NoInput(t *testing.T) {
	outs, err := runNode(t, newNode(t, "AudioResampleNode", `{"target_rate": 16000}`))
	require.NoError(t, err)
	assert.Empty(t, outs)
}
