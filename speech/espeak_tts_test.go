package speech

import (
	"fmt"
	"math"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/remotemedia/remotemedia/core"
	"github.com/remotemedia/remotemedia/core/frame"
	"github.com/remotemedia/remotemedia/internal/testvectors"
)

// runTTS runs one EspeakTTSNode with params (a JSON object) on texts.
func runTTS(t *testing.T, params string, texts ...string) ([]*frame.Frame, error) {
	t.Helper()
	manifest := fmt.Sprintf(`{"version": "v1", "nodes": [{"id": "tts", "node_type": "EspeakTTSNode", "params": %s}]}`, params)
	cfg := core.NewConfig()
	m, err := core.ParseManifest([]byte(manifest), cfg)
	if err != nil {
		return nil, err
	}
	p, err := core.NewPipeline(m, cfg)
	require.NoError(t, err)
	in := make([]*frame.Frame, len(texts))
	for i, s := range texts {
		in[i] = frame.Text(s)
	}
	res, err := p.Run(t.Context(), in)
	if err != nil {
		return nil, err
	}
	return res.Outputs["tts"], nil
}

// requireEspeak fails, never skips: CI installs espeak-ng (make speech-deps).
func requireEspeak(t *testing.T) {
	t.Helper()
	if _, err := exec.LookPath("espeak-ng"); err != nil {
		t.Fatal("espeak-ng is not installed: run `make speech-deps` (apt-get install espeak-ng)")
	}
}

func TestEspeakTTS_speaksTextAsMonoAudioAtTheVoiceRate(t *testing.T) {
	requireEspeak(t)
	out, err := runTTS(t, `{}`, "Hello there, how are you today?", "   ")
	require.NoError(t, err)
	require.Len(t, out, 1, "a blank text gives no frame")
	a := out[0].Audio()
	require.Equal(t, 22050, a.SampleRate)
	require.Equal(t, 1, a.Channels)
	require.Equal(t, time.Duration(0), a.Timestamp)
	require.InDelta(t, 2.0, a.Duration().Seconds(), 1.0)
	require.Greater(t, espeakRMS(a.Samples), 0.01, "speech, not silence")
	require.Equal(t, "Hello there, how are you today?", out[0].Meta()[espeakMetaText])
}

func TestEspeakTTS_longTextIsSplitIntoContiguousFrames(t *testing.T) {
	requireEspeak(t)
	text := strings.Repeat("This sentence is spoken again. ", 6)
	out, err := runTTS(t, `{"max_chars": 70}`, text, "And the end.")
	require.NoError(t, err)
	require.Len(t, out, 4) // six sentences in pairs, then the second input
	frames := 0
	var spoken []string
	for _, f := range out {
		start := time.Duration(frames) * time.Second / 22050
		require.Equal(t, start, f.Audio().Timestamp, "each frame starts where the previous one ended")
		frames += f.Audio().Frames()
		spoken = append(spoken, f.Meta()[espeakMetaText].(string))
	}
	require.Equal(t, strings.Fields(text+"And the end."), strings.Fields(strings.Join(spoken, " ")))
}

func TestEspeakTTS_rateAndWordGapChangeTheDuration(t *testing.T) {
	requireEspeak(t)
	const text = "The quick brown fox jumps over the lazy dog."
	slow, err := runTTS(t, `{"rate_wpm": 100}`, text)
	require.NoError(t, err)
	fast, err := runTTS(t, `{"rate_wpm": 300}`, text)
	require.NoError(t, err)
	require.Greater(t, slow[0].Audio().Duration(), 2*fast[0].Audio().Duration())
	plain, err := runTTS(t, `{}`, text)
	require.NoError(t, err)
	gaps, err := runTTS(t, `{"word_gap": 10}`, text)
	require.NoError(t, err)
	// Nine words, so eight pauses of about 100 ms more.
	require.InDelta(t, 0.9, (gaps[0].Audio().Duration() - plain[0].Audio().Duration()).Seconds(), 0.3)
}

func TestEspeakTTS_textStartingWithADashIsSpokenNotAnOption(t *testing.T) {
	requireEspeak(t)
	out, err := runTTS(t, `{}`, "-h --version")
	require.NoError(t, err)
	require.Len(t, out, 1)
	require.Greater(t, espeakRMS(out[0].Audio().Samples), 0.01)
}

// TestEspeakTTS_errors: a missing voice or program is found when the
// manifest is validated (validation builds each Go node), before any input.
func TestEspeakTTS_errors(t *testing.T) {
	requireEspeak(t)
	_, err := runTTS(t, `{"voice": "nonexistentvoice"}`, "Hello.") // not "no-…": that is Norwegian
	require.ErrorContains(t, err, "$.nodes[0].params: EspeakTTSNode: espeak-ng -v nonexistentvoice")
	require.ErrorContains(t, err, "voice does not exist")

	t.Setenv("PATH", t.TempDir())
	_, err = runTTS(t, `{}`, "Hello.")
	require.ErrorContains(t, err, "$.nodes[0].params: EspeakTTSNode: espeak-ng not found on PATH: apt-get install espeak-ng")
}

func TestEspeakTTS_rejectsNonText(t *testing.T) {
	requireEspeak(t)
	cfg := core.NewConfig()
	m, err := core.ParseManifest([]byte(`{"version": "v1", "nodes": [{"id": "tts", "node_type": "EspeakTTSNode"}]}`), cfg)
	require.NoError(t, err)
	p, err := core.NewPipeline(m, cfg)
	require.NoError(t, err)
	_, err = p.Run(t.Context(), []*frame.Frame{frame.JSON(map[string]any{"text": "hi"})})
	require.ErrorContains(t, err, "EspeakTTSNode needs text frames (or JSON strings), got json")
}

// TestExample_TTS runs examples/speech/tts.json, as `remotemedia run` does.
func TestExample_TTS(t *testing.T) {
	requireEspeak(t)
	cfg := core.NewConfig()
	m, err := core.LoadManifest(filepath.Join(testvectors.RepoRoot(t), "examples", "speech", "tts.json"), cfg)
	require.NoError(t, err)
	p, err := core.NewPipeline(m, cfg)
	require.NoError(t, err)
	res, err := p.Run(t.Context(), []*frame.Frame{frame.Text("Hello there.")})
	require.NoError(t, err)
	require.Len(t, res.Outputs["tts"], 1)
	require.Equal(t, 22050, res.Outputs["tts"][0].Audio().SampleRate)
}

func TestDecodeEspeakWAV_rejectsOtherHeaders(t *testing.T) {
	_, err := decodeEspeakWAV([]byte("RIFF"))
	require.ErrorContains(t, err, "not the 44-byte WAV header espeak-ng writes")
}

func espeakRMS(x []float32) float64 {
	var sum float64
	for _, v := range x {
		sum += float64(v) * float64(v)
	}
	return math.Sqrt(sum / float64(max(1, len(x))))
}
