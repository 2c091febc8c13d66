// Package audio_test runs speech.json end to end on real speech that
// make_speech_wav.sh synthesises with espeak-ng and sox, through the public
// API only, as a user of the engine would.
package audio_test

import (
	"context"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"testing"

	"github.com/remotemedia/remotemedia/core"
	"github.com/remotemedia/remotemedia/core/frame"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// utterances matches make_speech_wav.sh's report of where the speech is.
var utterances = regexp.MustCompile(`utterance 1 at (\d+)-(\d+) ms, utterance 2 at (\d+)-(\d+) ms`)

// makeSpeechWAV runs the script and returns the file and the utterances'
// [start, end] in ms.
func makeSpeechWAV(t *testing.T) (string, [][2]float64) {
	t.Helper()
	if testing.Short() {
		t.Skip("needs espeak-ng and sox; skipped in -short mode")
	}
	path := filepath.Join(t.TempDir(), "speech.wav")
	out, err := exec.Command("sh", "make_speech_wav.sh", path).CombinedOutput()
	require.NoError(t, err, "make_speech_wav.sh (CI needs: apt-get install -y espeak-ng sox): %s", out)
	m := utterances.FindStringSubmatch(string(out))
	require.NotNil(t, m, "script output: %s", out)
	ms := make([]float64, 4)
	for i := range ms {
		ms[i], _ = strconv.ParseFloat(m[i+1], 64)
	}
	return path, [][2]float64{{ms[0], ms[1]}, {ms[2], ms[3]}}
}

func TestSpeechPipeline_FindsBothUtterances(t *testing.T) {
	path, want := makeSpeechWAV(t)
	inputs := readWAVFrames(t, path, 20)

	cfg := core.NewConfig()
	m, err := core.LoadManifest("speech.json", cfg)
	require.NoError(t, err)
	p, err := core.NewPipeline(m, cfg)
	require.NoError(t, err)
	res, err := p.Run(context.Background(), inputs)
	require.NoError(t, err)

	segments := res.Outputs["vad"]
	t.Logf("scripted utterances %v ms, detected %v", want, jsonValues(segments))
	require.Len(t, segments, 2, "one segment per utterance: %v", jsonValues(segments))
	for i, seg := range segments {
		v, ok := seg.JSONValue().(map[string]any)
		require.True(t, ok, "segment %d is %v", i, seg.JSONValue())
		start, end := number(t, v["start_ms"]), number(t, v["end_ms"])
		// The VAD pads segments by speech_pad_ms (30) and decides per 20 ms
		// frame; quiet consonants at the edges may fall either side.
		assert.InDelta(t, want[i][0], start, 100, "segment %d start", i)
		assert.InDelta(t, want[i][1], end, 150, "segment %d end", i)
	}
}

// readWAVFrames streams a WAV file into audio frames of frameMs, as the CLI's
// --input-wav does.
func readWAVFrames(t *testing.T, path string, frameMs int) []*frame.Frame {
	t.Helper()
	f, err := os.Open(path)
	require.NoError(t, err)
	defer f.Close()
	r, err := core.NewWAVReader(f)
	require.NoError(t, err)
	info := r.Info()
	var frames []*frame.Frame
	for {
		ts := r.Timestamp()
		samples, err := r.ReadFrames(info.SampleRate * frameMs / 1000)
		if err == io.EOF {
			return frames
		}
		require.NoError(t, err)
		a, err := frame.NewAudio(frame.Audio{Samples: samples, SampleRate: info.SampleRate, Channels: info.Channels, Timestamp: ts})
		require.NoError(t, err)
		frames = append(frames, a)
	}
}

func number(t *testing.T, v any) float64 {
	t.Helper()
	switch n := v.(type) {
	case float64:
		return n
	case int64:
		return float64(n)
	case int:
		return float64(n)
	}
	t.Fatalf("not a number: %v (%T)", v, v)
	return 0
}

func jsonValues(frames []*frame.Frame) []any {
	out := make([]any, len(frames))
	for i, f := range frames {
		out[i] = f.JSONValue()
	}
	return out
}
