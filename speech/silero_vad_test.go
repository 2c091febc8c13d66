package speech

import (
	"fmt"
	"math"
	"os/exec"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/remotemedia/remotemedia/core/frame"
	"github.com/remotemedia/remotemedia/core/node"
)

const sentence = "The quick brown fox jumps over the lazy dog near the river bank."

// TestSileroVAD_SentencePaddedWithSilence: one utterance, its edges within
// 200 ms of where the speech was put, its audio the input's samples.
func TestSileroVAD_SentencePaddedWithSilence(t *testing.T) {
	for _, rate := range []int{16000, 8000} {
		t.Run(fmt.Sprint(rate), func(t *testing.T) {
			speech := say(t, sentence, rate)
			audio := concat(silence(1, rate), speech, silence(1, rate))
			out := run(t, newSpeechNode(t, sileroType, nil), audio, rate, 480, 0)
			require.Len(t, out, 1)
			a, meta := out[0].Audio(), out[0].Meta()
			wantEnd := 1000 + int64(len(speech))*1000/int64(rate)
			t.Logf("utterance %v–%v ms, truth 1000–%d ms, probability %.3f", meta["start_ms"], meta["end_ms"], wantEnd, meta["probability"])
			require.InDelta(t, 1000, meta["start_ms"], 200)
			require.InDelta(t, wantEnd, meta["end_ms"], 200)
			require.Greater(t, meta["probability"], 0.5)
			require.Equal(t, rate, a.SampleRate)
			require.Equal(t, 1, a.Channels)
			require.Equal(t, time.Duration(meta["start_ms"].(int64))*time.Millisecond, a.Timestamp.Round(time.Millisecond))
			first := int(a.Timestamp.Seconds() * float64(rate))
			require.Equal(t, audio[first:first+a.Frames()], a.Samples)
		})
	}
}

func TestSileroVAD_NoSpeech(t *testing.T) {
	for name, audio := range map[string][]float32{
		"silence":        silence(3, 16000),
		"noise -40 dBFS": noise(3, 16000, -40),
	} {
		t.Run(name, func(t *testing.T) {
			require.Empty(t, run(t, newSpeechNode(t, sileroType, nil), audio, 16000, 320, 0))
			events := run(t, newSpeechNode(t, sileroType, map[string]any{"emit": "events"}), audio, 16000, 320, 0)
			require.Len(t, events, len(audio)/512+1)
			for _, e := range events {
				require.False(t, e.JSONValue().(map[string]any)["has_speech"].(bool))
			}
		})
	}
}

// TestSileroVAD_ChunkingDoesNotMatter: the same events and utterances
// whatever size the input frames are.
func TestSileroVAD_ChunkingDoesNotMatter(t *testing.T) {
	audio := concat(silence(0.7, 16000), say(t, "we are ready now", 16000), silence(0.6, 16000),
		say(t, sentence, 16000), silence(0.5, 16000))
	for _, emit := range []string{"events", "utterances"} {
		t.Run(emit, func(t *testing.T) {
			want := run(t, newSpeechNode(t, sileroType, map[string]any{"emit": emit}), audio, 16000, 512, 0)
			require.NotEmpty(t, want)
			for _, chunk := range []int{160, 320, 1000, 4096} {
				got := run(t, newSpeechNode(t, sileroType, map[string]any{"emit": emit}), audio, 16000, chunk, 0)
				require.Len(t, got, len(want), "chunk %d", chunk)
				for i := range want {
					require.True(t, frame.Equal(want[i], got[i]), "chunk %d, output %d: %v != %v", chunk, i, got[i].JSONValue(), want[i].JSONValue())
				}
			}
		})
	}
}

// TestSileroVAD_MatchesPythonOnnxruntime compares every window's
// probability with the model run by Python's onnxruntime
// (testdata/silero_probs.py).
func TestSileroVAD_MatchesPythonOnnxruntime(t *testing.T) {
	py := venvPython(t)
	model, err := sileroVADModel.locate("")
	require.NoError(t, err)
	for _, rate := range []int{16000, 8000} {
		t.Run(fmt.Sprint(rate), func(t *testing.T) {
			audio := concat(silence(0.5, rate), say(t, sentence, rate), noise(0.5, rate, -30))
			cmd := exec.Command(py, "testdata/silero_probs.py", model, fmt.Sprint(rate))
			cmd.Stdin = writeFloats(t, audio)
			pcm, err := cmd.Output()
			require.NoError(t, err, "testdata/silero_probs.py")
			want := floats(t, pcm)

			events := run(t, newSpeechNode(t, sileroType, map[string]any{"emit": "events"}), audio, rate, 1000, 0)
			require.Len(t, events, len(want))
			var speech int
			var worst float64
			for i, e := range events {
				p := e.JSONValue().(map[string]any)["speech_probability"].(float64)
				require.InDelta(t, want[i], p, 1e-4, "window %d", i)
				worst = max(worst, math.Abs(p-float64(want[i])))
				if p > 0.5 {
					speech++
				}
			}
			t.Logf("%d windows, largest difference from Python: %.3g", len(events), worst)
			require.Greater(t, speech, len(events)/3, "the sentence's windows are speech")
		})
	}
}

// TestSileroVAD_TimesFollowTheInput: times count from the first frame's
// timestamp, as the input's timeline.
func TestSileroVAD_TimesFollowTheInput(t *testing.T) {
	audio := concat(silence(1, 16000), say(t, sentence, 16000), silence(1, 16000))
	at0 := run(t, newSpeechNode(t, sileroType, nil), audio, 16000, 320, 0)
	at5 := run(t, newSpeechNode(t, sileroType, nil), audio, 16000, 320, 5*time.Second)
	require.Len(t, at0, 1)
	require.Len(t, at5, 1)
	require.Equal(t, at0[0].Meta()["start_ms"].(int64)+5000, at5[0].Meta()["start_ms"])
	require.Equal(t, at0[0].Audio().Timestamp+5*time.Second, at5[0].Audio().Timestamp)
}

func TestSileroVAD_WrongFormat(t *testing.T) {
	for _, f := range []frame.Audio{
		{Samples: make([]float32, 960), SampleRate: 48000, Channels: 1},
		{Samples: make([]float32, 640), SampleRate: 16000, Channels: 2},
	} {
		in, err := frame.NewAudio(f)
		require.NoError(t, err)
		err = newSpeechNode(t, sileroType, nil).Process(t.Context(), in, &collect{})
		require.ErrorContains(t, err, "SileroVADNode needs mono audio at 16000 or 8000 Hz")
		require.ErrorContains(t, err, "AudioResampleNode")
		require.ErrorContains(t, err, "AudioMixNode")
	}
	err := newSpeechNode(t, sileroType, nil).Process(t.Context(), frame.Text("hi"), &collect{})
	require.ErrorContains(t, err, "SileroVADNode needs an audio frame")
}

// TestSileroVAD_HammerParallelStreams: nodes running at once, each with its
// own session, give the same results as one alone.
func TestSileroVAD_HammerParallelStreams(t *testing.T) {
	audio := concat(silence(0.5, 16000), say(t, sentence, 16000), silence(0.5, 16000))
	want := run(t, newSpeechNode(t, sileroType, map[string]any{"emit": "events"}), audio, 16000, 320, 0)
	const streams = 4
	nodes := make([]node.Node, streams)
	for i := range nodes {
		nodes[i] = newSpeechNode(t, sileroType, map[string]any{"emit": "events"})
	}
	results := make([][]*frame.Frame, streams)
	var wg sync.WaitGroup
	for i := range nodes {
		wg.Go(func() { results[i] = run(t, nodes[i], audio, 16000, 160*(i+1), 0) })
	}
	wg.Wait()
	for _, got := range results {
		require.Len(t, got, len(want))
		for j := range want {
			require.True(t, frame.Equal(want[j], got[j]))
		}
	}
}

func TestSileroVAD_NegThresholdAboveThreshold(t *testing.T) {
	err := buildErr(t, sileroType, map[string]any{"threshold": 0.5, "neg_threshold": 0.6})
	require.ErrorContains(t, err, "SileroVADNode: neg_threshold 0.6 must not exceed threshold 0.5")
}

// TestSileroVAD_PaddingLongerThanSilence: with speech_pad_ms above
// min_silence_duration_ms the utterance is held until the audio of its end
// padding has arrived, and holds exactly start_ms..end_ms.
func TestSileroVAD_PaddingLongerThanSilence(t *testing.T) {
	speech := say(t, sentence, 16000)
	audio := concat(silence(1, 16000), speech, silence(1, 16000))
	params := map[string]any{"speech_pad_ms": 300, "min_silence_duration_ms": 100}
	out := run(t, newSpeechNode(t, sileroType, params), audio, 16000, 320, 0)
	require.Len(t, out, 1)
	meta, a := out[0].Meta(), out[0].Audio()
	wantEnd := 1000 + int64(len(speech))*1000/16000 + 300
	require.InDelta(t, 700, meta["start_ms"], 200)
	require.InDelta(t, wantEnd, meta["end_ms"], 200)
	require.InDelta(t, meta["end_ms"].(int64)-meta["start_ms"].(int64), a.Duration().Milliseconds(), 1)
}
