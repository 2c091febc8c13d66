package logmel

import (
	"bytes"
	"encoding/binary"
	"math"
	"math/rand/v2"
	"os/exec"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/remotemedia/remotemedia/internal/testvenv"
)

// TestExtractor_MatchesNumpy compares the features of 8 s of audio (leading
// silence, a chirp, noise: the shape of a held utterance) with the numpy
// reference in testdata/whisper_logmel.py.
func TestExtractor_MatchesNumpy(t *testing.T) {
	py := testvenv.Python(t, "numpy")
	audio := testSignal(8 * SampleRate)
	want := reference(t, py, audio)

	got := make([]float32, Mels*Frames(len(audio)))
	require.NoError(t, New().Compute(got, audio))
	require.Len(t, got, len(want))
	var worst float64
	for i := range got {
		worst = math.Max(worst, math.Abs(float64(got[i]-want[i])))
	}
	t.Logf("largest difference from numpy: %.3g", worst)
	require.Less(t, worst, 1e-4)
}

func TestExtractor_Compute_Errors(t *testing.T) {
	e := New()
	require.ErrorContains(t, e.Compute(make([]float32, Mels), make([]float32, 100)), "at least 400 samples")
	require.ErrorContains(t, e.Compute(make([]float32, 3), make([]float32, 1600)), "dst holds 3 values")
}

func TestFrames(t *testing.T) {
	require.Equal(t, 800, Frames(128000))
	require.Equal(t, 10, Frames(1700))
}

// testSignal is 3 s of silence, then a 200–3000 Hz chirp under noise.
func testSignal(n int) []float32 {
	r := rand.New(rand.NewPCG(1, 2))
	x := make([]float32, n)
	start := 3 * SampleRate
	for i := start; i < n; i++ {
		tt := float64(i-start) / SampleRate
		f := 200 + 2800*tt/5
		x[i] = float32(0.3*math.Sin(2*math.Pi*f*tt) + 0.01*r.NormFloat64())
	}
	return x
}

func reference(t *testing.T, py string, audio []float32) []float32 {
	t.Helper()
	var in bytes.Buffer
	require.NoError(t, binary.Write(&in, binary.LittleEndian, audio))
	cmd := exec.Command(py, "testdata/whisper_logmel.py")
	cmd.Stdin = &in
	out, err := cmd.Output()
	require.NoError(t, err, "testdata/whisper_logmel.py")
	want := make([]float32, len(out)/4)
	require.NoError(t, binary.Read(bytes.NewReader(out), binary.LittleEndian, want))
	return want
}
