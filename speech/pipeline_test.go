package speech

import (
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/remotemedia/remotemedia/core"
	"github.com/remotemedia/remotemedia/core/frame"
	"github.com/remotemedia/remotemedia/internal/testvectors"
)

// stereo48k frames mono 16 kHz audio as 20 ms frames of 48 kHz stereo, the
// shape of a typical WAV input (each sample repeated: a crude upsampling
// that keeps the speech).
func stereo48k(t *testing.T, mono16k []float32) []*frame.Frame {
	t.Helper()
	var frames []*frame.Frame
	const per = 320 // 20 ms at 16 kHz
	for i := 0; i < len(mono16k); i += per {
		chunk := mono16k[i:min(i+per, len(mono16k))]
		s := make([]float32, 0, 6*len(chunk))
		for _, v := range chunk {
			s = append(s, v, v, v, v, v, v)
		}
		f, err := frame.NewAudio(frame.Audio{Samples: s, SampleRate: 48000, Channels: 2,
			Timestamp: time.Duration(i) * time.Second / 16000})
		require.NoError(t, err)
		frames = append(frames, f)
	}
	return frames
}

// TestExample_VAD runs examples/speech/vad.json on 48 kHz stereo input.
func TestExample_VAD(t *testing.T) {
	path := filepath.Join(testvectors.RepoRoot(t), "examples", "speech", "vad.json")
	m, err := core.LoadManifest(path, core.NewConfig())
	require.NoError(t, err)
	p, err := core.NewPipeline(m, core.NewConfig())
	require.NoError(t, err)
	speech := say(t, sentence, 16000)
	res, err := p.Run(t.Context(), stereo48k(t, concat(silence(1, 16000), speech, silence(1, 16000))))
	require.NoError(t, err, "run `make speech-models` if the runtime or model is missing")
	require.Len(t, res.Outputs["vad"], 1)
	require.InDelta(t, 1000, res.Outputs["vad"][0].Meta()["start_ms"], 200)
}

// TestPipeline_VADThenTurn: a question then a cut sentence, each followed
// by a pause, make one turn for the question and one held to the end.
func TestPipeline_VADThenTurn(t *testing.T) {
	m, err := core.ParseManifest([]byte(`{"version": "v1", "nodes": [
		{"id": "vad", "node_type": "SileroVADNode"},
		{"id": "turn", "node_type": "TurnDetectorNode"}],
		"connections": [{"from": "vad", "to": "turn"}]}`), core.NewConfig())
	require.NoError(t, err)
	p, err := core.NewPipeline(m, core.NewConfig())
	require.NoError(t, err)
	audio := concat(silence(0.5, 16000), say(t, completeTurn, 16000), silence(1, 16000),
		say(t, incompleteTurn, 16000), silence(1, 16000))
	var inputs []*frame.Frame
	for i := 0; i < len(audio); i += 320 {
		f, err := frame.NewAudio(frame.Audio{Samples: audio[i:min(i+320, len(audio))], SampleRate: 16000, Channels: 1,
			Timestamp: time.Duration(i) * time.Second / 16000})
		require.NoError(t, err)
		inputs = append(inputs, f)
	}
	res, err := p.Run(t.Context(), inputs)
	require.NoError(t, err)
	turns := res.Outputs["turn"]
	require.Len(t, turns, 2)
	t.Logf("turn probabilities: %.3f, %.3f", turns[0].Meta()["turn_probability"], turns[1].Meta()["turn_probability"])
	require.Greater(t, turns[0].Meta()["turn_probability"], 0.5)
	require.Less(t, turns[1].Meta()["turn_probability"], 0.5, "the cut sentence was held to the end of stream")
	require.InDelta(t, 500, turns[0].Meta()["start_ms"], 200)
}
