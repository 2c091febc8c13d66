package vad

import (
	"bytes"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"github.com/remotemedia/remotemedia/core/internal/dsp/resample"
	"github.com/remotemedia/remotemedia/core/internal/dsp/vad/vadtest"
	"github.com/remotemedia/remotemedia/core/internal/wav"
	"github.com/stretchr/testify/require"
)

// TestDetector_RealSpeech speaks two phrases with espeak-ng, trims each to
// its speech with sox, joins them with 0.5 s of silence before, 1.0 s
// between and 0.5 s after, resamples the 22.05 kHz result to 16 kHz and
// expects one segment per phrase, edges within boundaryTolerance of where
// the silence was inserted. CI must install espeak-ng and sox.
func TestDetector_RealSpeech(t *testing.T) {
	for _, tool := range []string{"espeak-ng", "sox"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Skipf("%s is not installed (apt-get install espeak-ng sox)", tool)
		}
	}
	dir := t.TempDir()
	path := func(name string) string { return filepath.Join(dir, name) }
	run := func(name string, args ...string) {
		t.Helper()
		out, err := exec.Command(name, args...).CombinedOutput()
		require.NoError(t, err, "%s %v: %s", name, args, out)
	}
	phrases := []string{"we are ready now", "my name is anna and i live in london"}
	var lengths []time.Duration
	for i, text := range phrases {
		raw, trimmed := path("raw.wav"), path(string(rune('a'+i))+".wav")
		run("espeak-ng", "-w", raw, text)
		// Cut espeak's own leading and trailing silence.
		run("sox", raw, trimmed, "silence", "1", "0.01", "0.1%", "reverse", "silence", "1", "0.01", "0.1%", "reverse")
		info, _ := readWAV(t, trimmed)
		lengths = append(lengths, info.Duration())
	}
	run("sox", path("a.wav"), path("a_pad.wav"), "pad", "0.5", "1.0")
	run("sox", path("b.wav"), path("b_pad.wav"), "pad", "0", "0.5")
	run("sox", path("a_pad.wav"), path("b_pad.wav"), path("joined.wav"))

	info, samples := readWAV(t, path("joined.wav"))
	require.Equal(t, 1, info.Channels)
	r, err := resample.New(info.SampleRate, 16000, 1, resample.Medium)
	require.NoError(t, err)
	speech16k := r.Flush(r.Process(nil, samples))

	aStart := 500 * time.Millisecond
	bStart := aStart + lengths[0] + time.Second
	want := []vadtest.Span{{Start: aStart, End: aStart + lengths[0]}, {Start: bStart, End: bStart + lengths[1]}}
	for _, snrDB := range []float64{math.Inf(1), 20, 10} {
		t.Run(fmt.Sprintf("SNR %v dB", snrDB), func(t *testing.T) {
			noisy := addNoise(speech16k, want, 16000, snrDB)
			assertSegments(t, want, detect(t, 16000, defaultRules, noisy, 20*time.Millisecond, 0))
		})
	}
}

// addNoise returns x plus white noise snrDB below the RMS of x over the
// speech segments.
func addNoise(x []float32, speech []vadtest.Span, rate int, snrDB float64) []float32 {
	var p float64
	var n int
	for _, s := range speech {
		for _, v := range x[int(s.Start.Seconds()*float64(rate)):int(s.End.Seconds()*float64(rate))] {
			p += float64(v) * float64(v)
			n++
		}
	}
	rms := math.Sqrt(p/float64(n)) * math.Pow(10, -snrDB/20)
	rng := rand.New(rand.NewPCG(11, 13))
	out := make([]float32, len(x))
	for i, v := range x {
		out[i] = v + float32(rng.NormFloat64()*rms)
	}
	return out
}

func readWAV(t *testing.T, path string) (*wav.Info, []float32) {
	t.Helper()
	data, err := os.ReadFile(path)
	require.NoError(t, err)
	info, samples, err := wav.Read(bytes.NewReader(data))
	require.NoError(t, err)
	return info, samples
}
