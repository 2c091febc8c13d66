package main

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestBinary_SpeechVAD runs examples/speech/vad.json from the command
// line on the two-utterance demo WAV: the binary links the speech nodes
// and finds the runtime and model in the checkout's .venv (make
// speech-models). A missing model is exit 2 with the install command.
func TestBinary_SpeechVAD(t *testing.T) {
	wav := filepath.Join(t.TempDir(), "speech.wav")
	out, err := exec.Command("sh", filepath.Join("..", "..", "examples", "audio", "make_speech_wav.sh"), wav).CombinedOutput()
	require.NoError(t, err, "make_speech_wav.sh (make speech-deps): %s", out)
	manifest := filepath.Join("..", "..", "examples", "speech", "vad.json")

	cmd := exec.Command(binary, "run", manifest, "--input-wav", wav)
	var stderr strings.Builder
	cmd.Stderr = &stderr
	stdout, err := cmd.Output()
	require.NoError(t, err, "%s (run `make speech-models` if the runtime or model is missing)", stderr.String())
	var utterances []struct {
		Audio struct {
			SampleRate int       `json:"sample_rate"`
			Samples    []float32 `json:"samples"`
		} `json:"audio"`
	}
	require.NoError(t, json.Unmarshal(stdout, &utterances))
	// The script's first utterance is 3031 ms of speech; Silero's 100 ms
	// minimum silence splits the second at a pause, so it comes as two.
	require.Len(t, utterances, 3)
	first := utterances[0].Audio
	require.Equal(t, 16000, first.SampleRate)
	require.InDelta(t, 3031+60, len(first.Samples)*1000/first.SampleRate, 200, "ms of the first utterance, padding included")

	cmd = exec.Command(binary, "run", manifest, "--input-wav", wav)
	cmd.Env = append(os.Environ(), "REMOTEMEDIA_MODELS="+t.TempDir())
	out, err = cmd.CombinedOutput()
	require.Equal(t, 2, exitCodeOf(t, err), "%s", out)
	require.Contains(t, string(out), "SileroVADNode: REMOTEMEDIA_MODELS=")
}
