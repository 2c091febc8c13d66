package nodes

import (
	"testing"
	"time"

	"github.com/remotemedia/remotemedia/core/frame"
	"github.com/remotemedia/remotemedia/core/internal/dsp/vad/vadtest"
	"github.com/remotemedia/remotemedia/core/internal/wav"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// vadTolerance is how far a reported segment edge may sit from the true
// edge of the generated speech (it includes the 30 ms default padding).
const vadTolerance = 60 * time.Millisecond

// speechFrames renders the two-utterance scene at 20 dB SNR and cuts it into
// 20 ms frames stamped from start, duplicated on every channel.
func speechFrames(t *testing.T, rate, channels int, start time.Duration) ([]*frame.Frame, []vadtest.Span) {
	t.Helper()
	mono, speech := vadtest.TwoUtterances(rate, vadtest.NoiseRMS(20)).Render()
	step := rate / 50
	var frames []*frame.Frame
	for i := 0; i < len(mono); i += step {
		chunk := mono[i:min(i+step, len(mono))]
		samples := make([]float32, 0, len(chunk)*channels)
		for _, v := range chunk {
			for range channels {
				samples = append(samples, v)
			}
		}
		frames = append(frames, audioFrame(t, samples, rate, channels, start+wav.FramesToDuration(int64(i), rate)))
	}
	return frames, speech
}

// segmentsOf reads the events a VADNode emitted.
func segmentsOf(t *testing.T, outs []*frame.Frame) []vadtest.Span {
	t.Helper()
	var segs []vadtest.Span
	for _, f := range outs {
		ev, ok := f.JSONValue().(map[string]any)
		require.True(t, ok, "event must be a JSON object, got %v", f.JSONValue())
		require.Len(t, ev, 2)
		start, end := ev["start_ms"].(int64), ev["end_ms"].(int64)
		segs = append(segs, vadtest.Span{Start: time.Duration(start) * time.Millisecond, End: time.Duration(end) * time.Millisecond})
	}
	return segs
}

// assertSpeech checks one segment per span, edges within vadTolerance of the
// span shifted by offset.
func assertSpeech(t *testing.T, speech []vadtest.Span, offset time.Duration, got []vadtest.Span) {
	t.Helper()
	require.Len(t, got, len(speech), "segments %v", got)
	for i, s := range speech {
		assert.InDelta(t, offset+s.Start, got[i].Start, float64(vadTolerance), "segment %d start", i)
		assert.InDelta(t, offset+s.End, got[i].End, float64(vadTolerance), "segment %d end", i)
	}
}

func TestVAD_Process_Events(t *testing.T) {
	tests := []struct {
		name           string
		rate, channels int
		start          time.Duration
	}{
		{"16 kHz mono", 16000, 1, 0},
		{"16 kHz stereo, stream starting at 2 s", 16000, 2, 2 * time.Second},
		{"48 kHz mono", 48000, 1, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			inputs, speech := speechFrames(t, tt.rate, tt.channels, tt.start)
			outs, err := runNode(t, newNode(t, "VADNode", `{}`), inputs...)
			require.NoError(t, err)
			assertSpeech(t, speech, tt.start, segmentsOf(t, outs))
		})
	}
}

func TestVAD_Process_Gate(t *testing.T) {
	inputs, _ := speechFrames(t, 16000, 1, 0)
	events, err := runNode(t, newNode(t, "VADNode", `{}`), inputs...)
	require.NoError(t, err)
	segs := segmentsOf(t, events)

	outs, err := runNode(t, newNode(t, "VADNode", `{"mode": "gate"}`), inputs...)
	require.NoError(t, err)
	// Exactly the input frames that overlap a segment, unchanged, in order.
	var want []*frame.Frame
	for _, in := range inputs {
		a := in.Audio()
		for _, s := range segs {
			if a.Timestamp < s.End && s.Start < a.Timestamp+a.Duration() {
				want = append(want, in)
				break
			}
		}
	}
	require.NotEmpty(t, want)
	require.Len(t, outs, len(want))
	for i := range want {
		assert.Same(t, want[i], outs[i], "frame %d", i)
	}
}

func TestVAD_Process_Errors(t *testing.T) {
	tests := []struct {
		name   string
		inputs []*frame.Frame
		want   string
	}{
		{"rate too low", []*frame.Frame{audioFrame(t, make([]float32, 80), 4000, 1, 0)},
			"VADNode: vad: sample rate 4000 Hz is too low, need at least 8000 Hz; put an AudioResampleNode to 16000 Hz before it"},
		{"rate changes", []*frame.Frame{audioFrame(t, make([]float32, 320), 16000, 1, 0), audioFrame(t, make([]float32, 960), 48000, 1, 20*time.Millisecond)},
			"VADNode: input changed from 16000 Hz, 1 channels to 48000 Hz, 1 channels mid-stream; a stream must keep one format"},
		{"not audio", []*frame.Frame{frame.JSON(1.0)}, "VADNode needs an audio frame; got json"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := runNode(t, newNode(t, "VADNode", `{}`), tt.inputs...)
			assert.EqualError(t, err, tt.want)
		})
	}
}

func TestVAD_New_Errors(t *testing.T) {
	tests := []struct{ params, want string }{
		{`{"threshold": 1.5}`, `param "threshold": must be <= 1`},
		{`{"min_speech_ms": -1}`, `param "min_speech_ms": must be >= 0`},
		{`{"mode": "both"}`, `param "mode": must be one of events|gate`},
	}
	for _, tt := range tests {
		t.Run(tt.params, func(t *testing.T) {
			_, err := tryNewNode("VADNode", tt.params)
			assert.ErrorContains(t, err, tt.want)
		})
	}
}

func TestVAD_Flush_NoInput(t *testing.T) {
	outs, err := runNode(t, newNode(t, "VADNode", `{"mode": "gate"}`))
	require.NoError(t, err)
	assert.Empty(t, outs)
}

func TestVAD_Process_AfterAudioResample(t *testing.T) {
	// The speech example's chain without the mixer: 48 kHz in, resampled to
	// 16 kHz, then detected; times stay in the source's timeline.
	inputs, speech := speechFrames(t, 48000, 1, 0)
	resampled, err := runNode(t, newNode(t, "AudioResampleNode", `{"target_rate": 16000}`), inputs...)
	require.NoError(t, err)
	outs, err := runNode(t, newNode(t, "VADNode", `{}`), resampled...)
	require.NoError(t, err)
	assertSpeech(t, speech, 0, segmentsOf(t, outs))
}
