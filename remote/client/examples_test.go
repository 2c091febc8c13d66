package client

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/remotemedia/remotemedia/internal/cli"
	"github.com/remotemedia/remotemedia/internal/testvectors"
	"github.com/remotemedia/remotemedia/remote/server"
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
