package cli

import (
	"bytes"
	"context"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
	"go.uber.org/goleak"

	"github.com/remotemedia/remotemedia/internal/testvectors"
)

func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

// cliResult is what one in-process CLI invocation produced.
type cliResult struct {
	code           int
	stdout, stderr string
}

// runCLI runs the CLI in-process with args and stdin.
func runCLI(t *testing.T, stdin string, args ...string) cliResult {
	t.Helper()
	return runCLIContext(t, context.Background(), strings.NewReader(stdin), args...)
}

func runCLIContext(t *testing.T, ctx context.Context, stdin io.Reader, args ...string) cliResult {
	t.Helper()
	var stdout, stderr bytes.Buffer
	code := Main(ctx, args, IO{Stdin: stdin, Stdout: &stdout, Stderr: &stderr}, Options{})
	return cliResult{code: code, stdout: stdout.String(), stderr: stderr.String()}
}

// writeFile writes content to name in a fresh temp dir and returns its path.
func writeFile(t *testing.T, name, content string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	require.NoError(t, os.WriteFile(path, []byte(content), 0o644))
	return path
}

// repoRoot is the repository root.
func repoRoot(t *testing.T) string { return testvectors.RepoRoot(t) }

const calculatorManifest = `{
  "version": "v1",
  "metadata": {"name": "calc"},
  "nodes": [
    {"id": "multiply", "node_type": "MultiplyNode", "params": {"multiplier": 2}},
    {"id": "add", "node_type": "AddNode", "params": {"addend": 10}}
  ],
  "connections": [{"from": "multiply", "to": "add"}]
}`

const twoSinkManifest = `{
  "version": "v1",
  "nodes": [
    {"id": "src", "node_type": "PassThrough", "params": {}},
    {"id": "double", "node_type": "MultiplyNode", "params": {"multiplier": 2}},
    {"id": "plus", "node_type": "AddNode", "params": {"addend": 100}}
  ],
  "connections": [{"from": "src", "to": "double"}, {"from": "src", "to": "plus"}]
}`
