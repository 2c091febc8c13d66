package client

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/remotemedia/remotemedia/core"
	"github.com/remotemedia/remotemedia/core/frame"
	"github.com/remotemedia/remotemedia/internal/cli"
	"github.com/remotemedia/remotemedia/internal/testvectors"
	"github.com/remotemedia/remotemedia/remote/server"
	// The server and the local run both need EspeakTTSNode.
	_ "github.com/remotemedia/remotemedia/speech"
)

// exampleEndpoint is the address the examples name; tests point it at
// their own server.
const exampleEndpoint = "127.0.0.1:50051"

func runExample(t *testing.T, args ...string) string {
	t.Helper()
	var stdout, stderr bytes.Buffer
	code := cli.Main(context.Background(), args, cli.IO{Stdin: strings.NewReader(""), Stdout: &stdout, Stderr: &stderr}, cli.Options{})
	require.Equal(t, cli.ExitOK, code, stderr.String())
	return stdout.String()
}

// TestExample_CalculatorSplit runs examples/remote/calculator_split.json
// with `remotemedia run` against remote/server on loopback: its output is the
// expected one, and that of the same nodes in one process.
func TestExample_CalculatorSplit(t *testing.T) {
	dir := filepath.Join(testvectors.RepoRoot(t), "examples", "remote")
	addr, _ := serveReal(t, server.Options{})
	manifest, err := os.ReadFile(filepath.Join(dir, "calculator_split.json"))
	require.NoError(t, err)
	require.Contains(t, string(manifest), exampleEndpoint)
	split := filepath.Join(t.TempDir(), "calculator_split.json")
	require.NoError(t, os.WriteFile(split, []byte(strings.ReplaceAll(string(manifest), exampleEndpoint, addr)), 0o644))

	input := filepath.Join(dir, "calculator_split.input.json")
	expected, err := os.ReadFile(filepath.Join(dir, "calculator_split.expected.json"))
	require.NoError(t, err)
	got := runExample(t, "run", split, "--input-file", input)
	assert.Equal(t, string(bytes.TrimSpace(expected)), strings.TrimSpace(got))
	local := runExample(t, "run", filepath.Join(dir, "calculator_local.json"), "--input-file", input)
	assert.Equal(t, local, got)
}

// TestExample_SplitTTS runs examples/remote/split_tts.json, espeak-ng on
// remote/server and the resampler here, against tts_local.json: the same
// audio, sample for sample, with the same timestamps and metadata.
func TestExample_SplitTTS(t *testing.T) {
	if _, err := exec.LookPath("espeak-ng"); err != nil {
		t.Skip("espeak-ng is not installed (make speech-deps installs it)")
	}
	dir := filepath.Join(testvectors.RepoRoot(t), "examples", "remote")
	addr, _ := serveReal(t, server.Options{})
	manifest, err := os.ReadFile(filepath.Join(dir, "split_tts.json"))
	require.NoError(t, err)
	require.Contains(t, string(manifest), exampleEndpoint)
	split := pipeline(t, strings.ReplaceAll(string(manifest), exampleEndpoint, addr), core.NewConfig())
	localJSON, err := os.ReadFile(filepath.Join(dir, "tts_local.json"))
	require.NoError(t, err)
	local := pipeline(t, string(localJSON), core.NewConfig())

	texts := []*frame.Frame{frame.Text("Hello from the server."), frame.Text("The audio comes back in order, sentence by sentence.")}
	want, err := local.Run(context.Background(), texts)
	require.NoError(t, err)
	got, err := split.Run(context.Background(), texts)
	require.NoError(t, err)
	require.Len(t, got.Outputs["to16k"], len(want.Outputs["to16k"]))
	require.NotEmpty(t, want.Outputs["to16k"])
	for i, w := range want.Outputs["to16k"] {
		g := got.Outputs["to16k"][i]
		wa, ga := w.Audio(), g.Audio()
		require.NotNil(t, ga)
		assert.Equal(t, 16000, ga.SampleRate)
		assert.Equal(t, wa.Channels, ga.Channels)
		assert.Equal(t, wa.Timestamp, ga.Timestamp)
		assert.Equal(t, wa.Samples, ga.Samples, "output %d", i)
		assert.Equal(t, w.Meta(), g.Meta(), "output %d", i)
	}
}
