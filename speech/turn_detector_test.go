package speech

import (
	"maps"
	"os/exec"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/remotemedia/remotemedia/core/frame"
	"github.com/remotemedia/remotemedia/core/node"
)

// smart-turn judges prosody as well as words, and espeak-ng's flat voice
// scores many complete statements low (docs/SPEECH.md has the figures); a
// question ends with the rise the model hears as a finished turn.
const (
	completeTurn   = "Can you tell me the weather for tomorrow?"
	incompleteTurn = "I would like to order a pizza with"
)

// utteranceFrame is an utterance as SileroVADNode emits it.
func utteranceFrame(t *testing.T, samples []float32, start time.Duration) *frame.Frame {
	t.Helper()
	f, err := frame.NewAudio(frame.Audio{Samples: samples, SampleRate: 16000, Channels: 1, Timestamp: start})
	require.NoError(t, err)
	end := start + time.Duration(len(samples))*time.Second/16000
	return f.WithMeta(map[string]any{"start_ms": start.Milliseconds(), "end_ms": end.Milliseconds()})
}

func TestTurnDetector_CompleteSentenceEndsTheTurn(t *testing.T) {
	n := newSpeechNode(t, turnType, nil)
	var out collect
	speech := say(t, completeTurn, 16000)
	require.NoError(t, n.Process(t.Context(), utteranceFrame(t, speech, time.Second), &out))
	require.Len(t, out, 1, "a complete sentence is emitted at once")
	t.Logf("complete: turn_probability %.3f", out[0].Meta()["turn_probability"])
	require.Greater(t, out[0].Meta()["turn_probability"], 0.5)
	require.Equal(t, speech, out[0].Audio().Samples)
	require.Equal(t, time.Second, out[0].Audio().Timestamp)
	require.Equal(t, int64(1000), out[0].Meta()["start_ms"])
}

func TestTurnDetector_CutSentenceIsHeldAndJoined(t *testing.T) {
	n := newSpeechNode(t, turnType, nil)
	var out collect
	cut := say(t, incompleteTurn, 16000)
	rest := say(t, completeTurn, 16000)
	require.NoError(t, n.Process(t.Context(), utteranceFrame(t, cut, time.Second), &out))
	require.Empty(t, out, "a sentence cut mid-clause is held")
	require.Less(t, n.(*turnDetector).prob, float32(0.5))
	t.Logf("cut mid-clause: turn_probability %.3f", n.(*turnDetector).prob)

	restAt := 5 * time.Second
	require.NoError(t, n.Process(t.Context(), utteranceFrame(t, rest, restAt), &out))
	require.Len(t, out, 1)
	meta := out[0].Meta()
	t.Logf("joined: turn_probability %.3f", meta["turn_probability"])
	require.Greater(t, meta["turn_probability"], 0.5)
	require.Equal(t, int64(2), meta["utterances"])
	require.Equal(t, int64(1000), meta["start_ms"])
	require.Equal(t, (restAt + time.Duration(len(rest))*time.Second/16000).Milliseconds(), meta["end_ms"])
	require.Equal(t, concat(cut, rest), out[0].Audio().Samples)
}

func TestTurnDetector_HeldTurnIsEmittedAtEndOfStreamAndMaxHold(t *testing.T) {
	cut := say(t, incompleteTurn, 16000)
	n := newSpeechNode(t, turnType, nil)
	out := run(t, n, cut, 16000, len(cut), 0)
	require.Len(t, out, 1, "flush emits the held turn")
	require.Less(t, out[0].Meta()["turn_probability"], 0.5)

	n = newSpeechNode(t, turnType, map[string]any{"max_hold_ms": 1000})
	var got collect
	require.NoError(t, n.Process(t.Context(), utteranceFrame(t, cut, 0), &got))
	require.Len(t, got, 1, "an utterance longer than max_hold_ms is not held")
}

// TestTurnDetector_MatchesPythonOnnxruntime scores the same turn in Go and
// with the numpy features and Python's onnxruntime.
func TestTurnDetector_MatchesPythonOnnxruntime(t *testing.T) {
	py := venvPython(t)
	modelPath, err := smartTurnModel.locate("")
	require.NoError(t, err)
	for _, text := range []string{completeTurn, incompleteTurn} {
		speech := say(t, text, 16000)
		cmd := exec.Command(py, "testdata/smart_turn_score.py", modelPath)
		cmd.Stdin = writeFloats(t, speech)
		raw, err := cmd.Output()
		require.NoError(t, err, "testdata/smart_turn_score.py")
		want := floats(t, raw)[0]
		n := newSpeechNode(t, turnType, map[string]any{"threshold": 1.0})
		require.NoError(t, n.Process(t.Context(), utteranceFrame(t, speech, 0), &collect{}))
		require.InDelta(t, want, n.(*turnDetector).prob, 1e-4, text)
	}
}

func TestTurnDetector_WrongFormat(t *testing.T) {
	in, err := frame.NewAudio(frame.Audio{Samples: make([]float32, 960), SampleRate: 48000, Channels: 1})
	require.NoError(t, err)
	err = newSpeechNode(t, turnType, nil).Process(t.Context(), in, &collect{})
	require.ErrorContains(t, err, "TurnDetectorNode needs mono audio at 16000 Hz")
	require.ErrorContains(t, err, "AudioResampleNode")
}

// TestTurnDetector_Events: emit "events" gives one object per score, with
// the scores and meta the turns carry in the default mode.
func TestTurnDetector_Events(t *testing.T) {
	cut, rest := say(t, incompleteTurn, 16000), say(t, completeTurn, 16000)
	in := []*frame.Frame{utteranceFrame(t, cut, time.Second), utteranceFrame(t, rest, 5*time.Second), utteranceFrame(t, cut, 9*time.Second)}
	process := func(emit string) collect {
		n := newSpeechNode(t, turnType, map[string]any{"emit": emit})
		var out collect
		for _, f := range in {
			require.NoError(t, n.Process(t.Context(), f, &out))
		}
		require.NoError(t, n.(node.Flusher).Flush(t.Context(), &out))
		return out
	}
	turns, events := process("turns"), process("events")
	require.Len(t, turns, 2, "cut+complete, then the cut one flushed")
	require.Len(t, events, 4, "three scores and the flush")
	ends := []bool{false, true, false, true}
	for i, e := range events {
		require.Equal(t, ends[i], e.JSONValue().(map[string]any)["is_turn_end"], "event %d", i)
	}
	for i, e := range []*frame.Frame{events[1], events[3]} {
		want := maps.Clone(turns[i].Meta())
		want["is_turn_end"] = true
		require.Equal(t, want, e.JSONValue(), "turn %d", i)
	}
	require.Equal(t, events[2].JSONValue().(map[string]any)["turn_probability"], events[3].JSONValue().(map[string]any)["turn_probability"])
}
