package speech

import (
	"bytes"
	"context"
	"encoding/binary"
	"math"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/remotemedia/remotemedia/core/frame"
	"github.com/remotemedia/remotemedia/core/node"
	"github.com/remotemedia/remotemedia/internal/testvenv"
)

// say speaks text with espeak-ng and returns it as mono float32 at rate,
// with espeak's leading and trailing silence trimmed by sox. CI installs
// both (make speech-deps).
func say(t testing.TB, text string, rate int) []float32 {
	t.Helper()
	for _, tool := range []string{"espeak-ng", "sox"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Fatalf("%s is not installed: run `make speech-deps` (apt-get install espeak-ng sox)", tool)
		}
	}
	raw := filepath.Join(t.TempDir(), "raw.wav")
	out, err := exec.Command("espeak-ng", "-v", "en-us", "-s", "150", "-w", raw, text).CombinedOutput()
	require.NoError(t, err, "espeak-ng: %s", out)
	cmd := exec.Command("sox", raw, "-r", strconv.Itoa(rate), "-c", "1", "-e", "floating-point", "-b", "32", "-t", "raw", "-",
		"silence", "1", "0.01", "0.1%", "reverse", "silence", "1", "0.01", "0.1%", "reverse")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	pcm, err := cmd.Output()
	require.NoError(t, err, "sox: %s", stderr.String())
	return floats(t, pcm)
}

func floats(t testing.TB, b []byte) []float32 {
	t.Helper()
	x := make([]float32, len(b)/4)
	require.NoError(t, binary.Read(bytes.NewReader(b), binary.LittleEndian, x))
	return x
}

func silence(seconds float64, rate int) []float32 { return make([]float32, int(seconds*float64(rate))) }

// noise is white noise with the given RMS level in dBFS.
func noise(seconds float64, rate int, dBFS float64) []float32 {
	r := rand.New(rand.NewPCG(7, 11))
	rms := math.Pow(10, dBFS/20)
	x := make([]float32, int(seconds*float64(rate)))
	for i := range x {
		x[i] = float32(rms * r.NormFloat64())
	}
	return x
}

func concat(parts ...[]float32) []float32 {
	var out []float32
	for _, p := range parts {
		out = append(out, p...)
	}
	return out
}

// newSpeechNode builds a node of type typ the way a pipeline does (params
// validated, then New and Init), failing with the install target when the
// runtime or models are missing.
func newSpeechNode(t testing.TB, typ string, params map[string]any) node.Node {
	t.Helper()
	spec, ok := node.Default().Lookup(typ)
	require.True(t, ok)
	p, errs := spec.ValidateParams(params)
	require.Empty(t, errs)
	n, err := spec.New(p)
	if err != nil {
		t.Fatalf("%v\n(run `%s` to install ONNX Runtime and the models)", err, testvenv.InstallTarget)
	}
	t.Cleanup(func() { require.NoError(t, n.(node.Closer).Close()) })
	require.NoError(t, n.(node.Initializer).Init(context.Background()))
	return n
}

type collect []*frame.Frame

func (c *collect) Emit(f *frame.Frame) error { *c = append(*c, f); return nil }

// run feeds audio to n in chunks of chunk samples, stamped from start, then
// flushes it, and returns every output.
func run(t testing.TB, n node.Node, audio []float32, rate, chunk int, start time.Duration) []*frame.Frame {
	t.Helper()
	var out collect
	ctx := context.Background()
	for i := 0; i < len(audio); i += chunk {
		f, err := frame.NewAudio(frame.Audio{
			Samples: append([]float32(nil), audio[i:min(i+chunk, len(audio))]...), SampleRate: rate, Channels: 1,
			Timestamp: start + time.Duration(i)*time.Second/time.Duration(rate),
		})
		require.NoError(t, err)
		require.NoError(t, n.Process(ctx, f, &out))
	}
	require.NoError(t, n.(node.Flusher).Flush(ctx, &out))
	return out
}

// venvPython is the project venv's python with onnxruntime and numpy.
func venvPython(t testing.TB) string { return testvenv.Python(t, "numpy", "onnxruntime") }

func writeFloats(t testing.TB, x []float32) *bytes.Buffer {
	t.Helper()
	var b bytes.Buffer
	require.NoError(t, binary.Write(&b, binary.LittleEndian, x))
	return &b
}

// truncatedCopy writes the first half of the file at src to dir/name.
func truncatedCopy(t testing.TB, src, dir, name string) string {
	t.Helper()
	data, err := os.ReadFile(src)
	require.NoError(t, err)
	dst := filepath.Join(dir, name)
	require.NoError(t, os.WriteFile(dst, data[:len(data)/2], 0o644))
	return dst
}
