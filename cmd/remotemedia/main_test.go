package main

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// binary is the remotemedia command built once for the end-to-end tests.
var binary string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "remotemedia-e2e")
	if err != nil {
		panic(err)
	}
	binary = filepath.Join(dir, "remotemedia")
	build := exec.Command("go", "build", "-o", binary, ".")
	build.Stderr = os.Stderr
	code := 1
	if build.Run() == nil {
		code = m.Run()
	}
	os.RemoveAll(dir)
	os.Exit(code)
}

// exitCodeOf is the process's exit code, failing the test on other errors.
func exitCodeOf(t *testing.T, err error) int {
	t.Helper()
	var exit *exec.ExitError
	if errors.As(err, &exit) {
		return exit.ExitCode()
	}
	require.NoError(t, err)
	return 0
}

func TestBinary_Run(t *testing.T) {
	examples := filepath.Join("..", "..", "examples")
	bad := filepath.Join(t.TempDir(), "bad.json")
	require.NoError(t, os.WriteFile(bad, []byte(`{"version": "v1", "nodes": [{"id": "a", "node_type": "AddNod"}]}`), 0o644))
	tests := []struct {
		name       string
		args       []string
		stdin      string
		wantCode   int
		wantStdout string
		wantStderr string
	}{
		{name: "README calculator", args: []string{"run", filepath.Join(examples, "calculator.json"), "--input", "[5,7,3]"},
			wantStdout: "[20,24,16]\n"},
		{name: "stdin jsonl", args: []string{"run", filepath.Join(examples, "calculator.json"), "--jsonl"},
			stdin: "[1, 2]", wantStdout: "12\n14\n"},
		{name: "node failure", args: []string{"run", filepath.Join(examples, "calculator.json"), "--input", `["x"]`},
			wantCode: 1, wantStderr: "error: node[multiply] input[0]: "},
		{name: "invalid manifest", args: []string{"validate", bad}, wantCode: 2,
			wantStderr: `error: invalid manifest: $.nodes[0].node_type: unknown node_type "AddNod"`},
		{name: "usage", args: []string{"graph"}, wantCode: 2, wantStderr: "error: accepts 1 arg(s), received 0\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cmd := exec.Command(binary, tt.args...)
			cmd.Stdin = strings.NewReader(tt.stdin)
			var stdout, stderr bytes.Buffer
			cmd.Stdout, cmd.Stderr = &stdout, &stderr
			code := exitCodeOf(t, cmd.Run())
			assert.Equal(t, tt.wantCode, code, stderr.String())
			assert.Equal(t, tt.wantStdout, stdout.String())
			if tt.wantStderr != "" {
				assert.True(t, strings.HasPrefix(stderr.String(), tt.wantStderr), stderr.String())
			} else {
				assert.Empty(t, stderr.String())
			}
		})
	}
}

// TestBinary_Interrupt sends SIGINT to a run left waiting on stdin: it must
// stop promptly with exit 130 and one error line.
func TestBinary_Interrupt(t *testing.T) {
	cmd := exec.Command(binary, "run", filepath.Join("..", "..", "examples", "calculator.json"))
	stdin, err := cmd.StdinPipe()
	require.NoError(t, err)
	defer stdin.Close()
	// It reads its stdin, a pipe, only once its SIGINT handler is installed.
	stdout := interruptWhenBlocked(t, cmd, "pipe")
	assert.Empty(t, stdout)
}
