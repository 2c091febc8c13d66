package main

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// limitedRun runs the binary under prlimit (1 GiB of data segment) and a
// timeout, so a regression that reads without bound fails the test instead
// of reaching the OOM killer.
func limitedRun(t *testing.T, args ...string) (code int, stderr string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, "prlimit", append([]string{"--data=" + strconv.Itoa(1<<30), "--", binary}, args...)...)
	var errBuf bytes.Buffer
	cmd.Stderr = &errBuf
	code = exitCodeOf(t, cmd.Run())
	require.NoError(t, ctx.Err(), "timed out")
	return code, errBuf.String()
}

func TestBinary_EndlessInputsFailAtTheirCap(t *testing.T) {
	if _, err := exec.LookPath("prlimit"); err != nil {
		t.Skip("prlimit not installed")
	}
	calc := filepath.Join("..", "..", "examples", "calculator.json")
	for _, tt := range []struct {
		name       string
		args       []string
		wantStderr string
	}{
		{"input file", []string{"run", calc, "--input-file", "/dev/zero"},
			"error: invalid input: /dev/zero is larger than the limit of 256 MiB\n"},
		{"manifest", []string{"run", "/dev/zero", "--input", "1"},
			"error: invalid input: read manifest: /dev/zero is larger than the limit of 16 MiB\n"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			code, stderr := limitedRun(t, tt.args...)
			assert.Equal(t, 2, code, stderr)
			assert.Equal(t, tt.wantStderr, stderr)
		})
	}
}

// A named pipe with no writer blocks the open itself; the first SIGINT must
// still stop the command.
func TestBinary_InterruptWhileOpeningTheInputFile(t *testing.T) {
	fifo := filepath.Join(t.TempDir(), "fifo")
	require.NoError(t, syscall.Mkfifo(fifo, 0o644))
	cmd := exec.Command(binary, "run", filepath.Join("..", "..", "examples", "calculator.json"), "--input-file", fifo)
	interruptWhenBlocked(t, cmd, fifoWait...)
}

// A manifest on a named pipe: reading it must neither lose its first bytes
// to the package sniffing nor ignore SIGINT while no writer comes.
func TestBinary_ManifestOnANamedPipe(t *testing.T) {
	fifo := filepath.Join(t.TempDir(), "manifest")
	require.NoError(t, syscall.Mkfifo(fifo, 0o644))
	manifest, err := os.ReadFile(filepath.Join("..", "..", "examples", "calculator.json"))
	require.NoError(t, err)
	go func() {
		if w, err := os.OpenFile(fifo, os.O_WRONLY, 0); err == nil {
			w.Write(manifest)
			w.Close()
		}
	}()
	out, err := exec.Command(binary, "run", fifo, "--input", "[5]").CombinedOutput()
	require.NoError(t, err, string(out))
	assert.Equal(t, "[20]\n", string(out))

	t.Run("interrupted while no writer comes", func(t *testing.T) {
		interruptWhenBlocked(t, exec.Command(binary, "run", fifo, "--input", "[5]"), fifoWait...)
	})
}
