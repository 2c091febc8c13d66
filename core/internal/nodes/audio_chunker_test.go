package nodes

import (
	"context"
	"fmt"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/remotemedia/remotemedia/core/frame"
	"github.com/remotemedia/remotemedia/core/internal/wav"
	"github.com/remotemedia/remotemedia/core/node"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// chunkOut is the part of an output frame the chunker decides.
type chunkOut struct {
	Samples   []float32
	Timestamp time.Duration
}

func chunkOuts(t *testing.T, frames []*frame.Frame, rate, channels int) []chunkOut {
	t.Helper()
	out := make([]chunkOut, len(frames))
	for i, f := range frames {
		a := f.Audio()
		require.NotNil(t, a, "output %d", i)
		require.Equal(t, rate, a.SampleRate)
		require.Equal(t, channels, a.Channels)
		out[i] = chunkOut{a.Samples, a.Timestamp}
	}
	return out
}

// splitAudio cuts samples into inputs of the given frame counts, each
// stamped with the time of its first sample as a WAV reader would.
func splitAudio(t *testing.T, samples []float32, rate, channels int, sizes []int) []*frame.Frame {
	t.Helper()
	var inputs []*frame.Frame
	pos := 0
	for _, n := range sizes {
		end := min(len(samples), pos+n*channels)
		inputs = append(inputs, audioFrame(t, samples[pos:end], rate, channels, wav.FramesToDuration(int64(pos/channels), rate)))
		pos = end
	}
	require.Equal(t, len(samples), pos, "sizes must cover the samples")
	return inputs
}

func TestAudioChunker_Process(t *testing.T) {
	ms := time.Millisecond
	tests := []struct {
		name   string
		params string
		sizes  []int // input frame counts of a mono ramp at 1 kHz
		want   []chunkOut
	}{
		{
			name:   "remainder carried across inputs, short last frame",
			params: `{"frame_samples": 4}`,
			sizes:  []int{3, 3, 4},
			want: []chunkOut{
				{ramp(4, 1), 0},
				{[]float32{4, 5, 6, 7}, 4 * ms},
				{[]float32{8, 9}, 8 * ms},
			},
		},
		{
			name:   "pad_last pads with silence",
			params: `{"frame_samples": 4, "pad_last": true}`,
			sizes:  []int{6},
			want:   []chunkOut{{ramp(4, 1), 0}, {[]float32{4, 5, 0, 0}, 4 * ms}},
		},
		{
			name:   "frame_ms at 1 kHz",
			params: `{"frame_ms": 5}`,
			sizes:  []int{10},
			want:   []chunkOut{{ramp(5, 1), 0}, {[]float32{5, 6, 7, 8, 9}, 5 * ms}},
		},
		{
			name:   "frame_ms rounds to the nearest sample",
			params: `{"frame_ms": 2.6}`,
			sizes:  []int{6},
			want:   []chunkOut{{ramp(3, 1), 0}, {[]float32{3, 4, 5}, 3 * ms}},
		},
		{
			name:   "exact fit leaves nothing to flush",
			params: `{"frame_samples": 2, "pad_last": true}`,
			sizes:  []int{2, 2},
			want:   []chunkOut{{ramp(2, 1), 0}, {[]float32{2, 3}, 2 * ms}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			total := 0
			for _, n := range tt.sizes {
				total += n
			}
			got, err := runNode(t, newNode(t, audioChunkerType, tt.params), splitAudio(t, ramp(total, 1), 1000, 1, tt.sizes)...)
			require.NoError(t, err)
			assert.Equal(t, tt.want, chunkOuts(t, got, 1000, 1))
		})
	}
}

// TestAudioChunker_StreamingEquivalence: however the input is split, the
// output frames are identical to those from one whole input.
func TestAudioChunker_StreamingEquivalence(t *testing.T) {
	configs := []struct {
		params         string
		rate, channels int
	}{
		{`{"frame_ms": 20}`, 44100, 2},
		{`{"frame_ms": 20, "pad_last": true}`, 16000, 1},
		{`{"frame_samples": 1000}`, 48000, 3},
		{`{"frame_ms": 10}`, 22050, 1}, // 220.5 samples: rounds to 221
	}
	for _, cfg := range configs {
		t.Run(fmt.Sprintf("%s %d Hz x%d", cfg.params, cfg.rate, cfg.channels), func(t *testing.T) {
			frames := cfg.rate*3/2 + 17
			samples := ramp(frames*cfg.channels, 1e-5)
			whole, err := runNode(t, newNode(t, audioChunkerType, cfg.params), splitAudio(t, samples, cfg.rate, cfg.channels, []int{frames})...)
			require.NoError(t, err)
			want := chunkOuts(t, whole, cfg.rate, cfg.channels)

			rng := rand.New(rand.NewPCG(uint64(cfg.rate), uint64(cfg.channels)))
			for trial := range 20 {
				var sizes []int
				for left := frames; left > 0; {
					n := min(left, 1+rng.IntN(3000))
					sizes = append(sizes, n)
					left -= n
				}
				got, err := runNode(t, newNode(t, audioChunkerType, cfg.params), splitAudio(t, samples, cfg.rate, cfg.channels, sizes)...)
				require.NoError(t, err)
				require.Equal(t, want, chunkOuts(t, got, cfg.rate, cfg.channels), "trial %d, sizes %v", trial, sizes)
			}
		})
	}
}

func TestAudioChunker_GapStartsNewRun(t *testing.T) {
	n := newNode(t, audioChunkerType, `{"frame_samples": 4}`)
	got, err := runNode(t, n,
		audioFrame(t, []float32{1, 2, 3, 4, 5, 6}, 1000, 1, 0),
		audioFrame(t, []float32{7, 8, 9, 10, 11}, 1000, 1, 100*time.Millisecond), // 94 ms of nothing before it
	)
	require.NoError(t, err)
	assert.Equal(t, []chunkOut{
		{[]float32{1, 2, 3, 4}, 0},
		{[]float32{5, 6}, 4 * time.Millisecond},
		{[]float32{7, 8, 9, 10}, 100 * time.Millisecond},
		{[]float32{11}, 104 * time.Millisecond},
	}, chunkOuts(t, got, 1000, 1))
}

func TestAudioChunker_FormatChange(t *testing.T) {
	n := newNode(t, audioChunkerType, `{"frame_samples": 2}`)
	got, err := runNode(t, n,
		audioFrame(t, []float32{1, 2}, 1000, 1, 0),
		audioFrame(t, []float32{1, 2, 3, 4}, 2000, 2, 0), // nothing pending: a new run
		audioFrame(t, []float32{5, 6}, 2000, 2, time.Millisecond),
	)
	require.NoError(t, err)
	require.Len(t, got, 3)
	assert.Equal(t, 2000, got[1].Audio().SampleRate)

	_, err = runNode(t, newNode(t, audioChunkerType, `{"frame_samples": 2}`),
		audioFrame(t, []float32{1}, 1000, 1, 0),
		audioFrame(t, []float32{1, 2}, 2000, 2, 0),
	)
	assert.EqualError(t, err, "AudioChunkerNode: input changed from 1000 Hz, 1 channels to 2000 Hz, 2 channels mid-stream; "+
		"put an AudioResampleNode and an AudioMixNode before it")
}

func TestAudioChunker_Errors(t *testing.T) {
	tests := []struct {
		params string
		want   string
	}{
		{`{}`, "AudioChunkerNode: set exactly one of frame_ms and frame_samples"},
		{`{"frame_ms": 20, "frame_samples": 320}`, "AudioChunkerNode: set exactly one of frame_ms and frame_samples"},
		{`{"frame_ms": 0}`, "AudioChunkerNode: frame_ms must be positive; got 0"},
		{`{"frame_samples": 0}`, `param "frame_samples": must be >= 1, got 0`},
		{`{"frame_ms": 20, "pad_last": "yes"}`, `param "pad_last": must be a boolean, got string "yes"`},
	}
	for _, tt := range tests {
		_, err := tryNewNode(audioChunkerType, tt.params)
		assert.EqualError(t, err, tt.want, tt.params)
	}

	_, err := runNode(t, newNode(t, audioChunkerType, `{"frame_ms": 0.1}`), audioFrame(t, []float32{1}, 4000, 1, 0))
	assert.EqualError(t, err, "AudioChunkerNode: frame_ms 0.1 is less than one sample at 4000 Hz")
	_, err = runNode(t, newNode(t, audioChunkerType, `{"frame_ms": 20}`), frame.Text("x"))
	assert.EqualError(t, err, "AudioChunkerNode needs an audio frame; got text")
}

func TestAudioChunker_EmitErrorStops(t *testing.T) {
	stop := fmt.Errorf("run stopping")
	n := newNode(t, audioChunkerType, `{"frame_samples": 1}`)
	err := n.Process(context.Background(), audioFrame(t, []float32{1, 2}, 1000, 1, 0), &collector{err: stop})
	assert.ErrorIs(t, err, stop)
}

func BenchmarkAudioChunker_Process(b *testing.B) {
	second := oneSecondStereo48k(b).Audio().Samples
	for _, inMs := range []int{1000, 10} {
		b.Run(fmt.Sprintf("%dms_inputs_to_20ms", inMs), func(b *testing.B) {
			var inputs []*frame.Frame
			step := 2 * 48 * inMs
			for i := 0; i < len(second); i += step {
				inputs = append(inputs, audioFrame(b, second[i:i+step], 48000, 2, wav.FramesToDuration(int64(i/2), 48000)))
			}
			b.SetBytes(int64(4 * len(second)))
			b.ReportAllocs()
			ctx := context.Background()
			n := newNode(b, audioChunkerType, `{"frame_ms": 20}`)
			for b.Loop() {
				for _, in := range inputs {
					if err := n.Process(ctx, in, discard{}); err != nil {
						b.Fatal(err)
					}
				}
				if err := n.(node.Flusher).Flush(ctx, discard{}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
