package nodes

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/remotemedia/remotemedia/core/frame"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// s16Tensor builds an int16 tensor frame from values.
func s16Tensor(t *testing.T, shape []int, values []float64, meta map[string]any) *frame.Frame {
	t.Helper()
	f, err := frame.TensorFromFloat64s(frame.Int16, shape, values)
	require.NoError(t, err)
	if meta != nil {
		f = f.WithMeta(meta)
	}
	return f
}

func TestAudioFormat_ToS16(t *testing.T) {
	in := audioFrame(t, []float32{0, 1, -1, 2, 0.5, -0.25 - 0.6/32768}, 44100, 2, 1500*time.Microsecond).
		WithMeta(map[string]any{"src": "mic"})
	got, err := runNode(t, newNode(t, audioFormatType, `{"to": "s16"}`), in)
	require.NoError(t, err)
	require.Len(t, got, 1)
	ts := got[0].Tensor()
	require.NotNil(t, ts)
	assert.Equal(t, frame.Int16, ts.DType)
	assert.Equal(t, []int{3, 2}, ts.Shape)
	assert.Equal(t, []float64{0, 32767, -32768, 32767, 16384, -8193}, ts.Elements(), "clamped and rounded")
	assert.Equal(t, map[string]any{
		"src": "mic", "sample_rate": int64(44100), "channels": int64(2), "timestamp_ns": int64(1500000),
	}, got[0].Meta())
}

func TestAudioFormat_ToF32(t *testing.T) {
	tests := []struct {
		name     string
		in       *frame.Frame
		wantCh   int
		want     []float32
		wantTS   time.Duration
		wantMeta map[string]any
	}{
		{
			name: "shape [frames, channels], meta from a Go caller",
			in: s16Tensor(t, []int{2, 2}, []float64{16384, -32768, 0, 32767},
				map[string]any{"sample_rate": 16000, "channels": 2, "timestamp_ns": int64(20e6), "take": 1}),
			wantCh:   2,
			want:     []float32{0.5, -1, 0, 32767.0 / 32768},
			wantTS:   20 * time.Millisecond,
			wantMeta: map[string]any{"take": 1},
		},
		{
			name:   "shape [frames], meta decoded from the wire",
			in:     s16Tensor(t, []int{3}, []float64{8192, 0, -8192}, map[string]any{"sample_rate": json.Number("8000")}),
			wantCh: 1,
			want:   []float32{0.25, 0, -0.25},
		},
		{
			name:   "shape [frames] with meta channels",
			in:     s16Tensor(t, []int{4}, []float64{1, 2, 3, 4}, map[string]any{"sample_rate": 8000.0, "channels": 2}),
			wantCh: 2,
			want:   []float32{1.0 / 32768, 2.0 / 32768, 3.0 / 32768, 4.0 / 32768},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := runNode(t, newNode(t, audioFormatType, `{"to": "f32"}`), tt.in)
			require.NoError(t, err)
			require.Len(t, got, 1)
			a := got[0].Audio()
			require.NotNil(t, a)
			assert.Equal(t, tt.want, a.Samples)
			assert.Equal(t, tt.wantCh, a.Channels)
			assert.Equal(t, tt.wantTS, a.Timestamp)
			assert.Equal(t, tt.wantMeta, got[0].Meta())
		})
	}
}

func TestAudioFormat_RoundTrip(t *testing.T) {
	in := audioFrame(t, sine(480, 2, 48000, 1000, 0.9), 48000, 2, 3*time.Second)
	toS16, toF32 := newNode(t, audioFormatType, `{"to": "s16"}`), newNode(t, audioFormatType, `{"to": "f32"}`)
	pcm, err := runNode(t, toS16, in)
	require.NoError(t, err)
	back, err := runNode(t, toF32, pcm...)
	require.NoError(t, err)
	a := back[0].Audio()
	assert.InDeltaSlice(t, in.Audio().Samples, a.Samples, 0.5/32768, "half an LSB")
	assert.Equal(t, 48000, a.SampleRate)
	assert.Equal(t, 2, a.Channels)
	assert.Equal(t, 3*time.Second, a.Timestamp)
	assert.Empty(t, back[0].Meta())
}

func TestAudioFormat_AlreadyInFormatIsTheSameFrame(t *testing.T) {
	audio := audioFrame(t, []float32{0.5}, 8000, 1, 0)
	pcm := s16Tensor(t, []int{1, 1}, []float64{7}, nil)
	for to, in := range map[string]*frame.Frame{"f32": audio, "s16": pcm} {
		got, err := runNode(t, newNode(t, audioFormatType, `{"to": "`+to+`"}`), in)
		require.NoError(t, err)
		assert.Same(t, in, got[0], to)
	}
}

func TestAudioFormat_Errors(t *testing.T) {
	f32 := func(v float64) *frame.Frame {
		f, err := frame.TensorFromFloat64s(frame.Float32, []int{1}, []float64{v})
		require.NoError(t, err)
		return f
	}
	tests := []struct {
		name string
		to   string
		in   *frame.Frame
		want string
	}{
		{"text", "s16", frame.Text("x"), "AudioFormatNode needs audio or an int16 tensor; got text"},
		{"float tensor", "f32", f32(1), "AudioFormatNode needs audio or an int16 tensor; got a float32 tensor"},
		{"no rate", "f32", s16Tensor(t, []int{1}, []float64{1}, nil), `AudioFormatNode: an int16 tensor needs meta "sample_rate" to become audio`},
		{"bad rate", "f32", s16Tensor(t, []int{1}, []float64{1}, map[string]any{"sample_rate": "16k"}), `AudioFormatNode: meta "sample_rate" must be an integer; got 16k`},
		{"zero rate", "f32", s16Tensor(t, []int{1}, []float64{1}, map[string]any{"sample_rate": 0}), "AudioFormatNode: audio: sample_rate must be positive, got 0"},
		{"channels disagree", "f32", s16Tensor(t, []int{1, 2}, []float64{1, 2}, map[string]any{"sample_rate": 8000, "channels": 3}),
			"AudioFormatNode: an int16 tensor must be [frames, channels] or [frames]; got shape [1 2] with meta channels 3"},
		{"3-D", "f32", s16Tensor(t, []int{1, 1, 1}, []float64{1}, map[string]any{"sample_rate": 8000}),
			"AudioFormatNode: an int16 tensor must be [frames, channels] or [frames]; got shape [1 1 1] with meta channels 0"},
		{"ragged", "f32", s16Tensor(t, []int{3}, []float64{1, 2, 3}, map[string]any{"sample_rate": 8000, "channels": 2}),
			"AudioFormatNode: audio: 3 samples do not divide into 2 channels"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := runNode(t, newNode(t, audioFormatType, `{"to": "`+tt.to+`"}`), tt.in)
			assert.EqualError(t, err, tt.want)
		})
	}
	_, err := tryNewNode(audioFormatType, `{"to": "s24"}`)
	assert.EqualError(t, err, `param "to": must be one of f32|s16, got "s24"`)
}
