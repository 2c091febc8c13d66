package main

import (
	"bytes"
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

// fifoWait: where a thread sleeps while it opens or reads a named pipe
// that has no writer.
var fifoWait = []string{"fifo", "pipe", "partner"}

// interruptWhenBlocked starts cmd, waits until it sleeps in the kernel in
// a function whose name holds one of blockedIn, and sends it one SIGINT:
// it must exit within 10 s with code 130 and the one line "error:
// interrupted". It returns what cmd wrote on stdout.
func interruptWhenBlocked(t *testing.T, cmd *exec.Cmd, blockedIn ...string) (stdout string) {
	t.Helper()
	var out, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &stderr
	require.NoError(t, cmd.Start())
	waitForWchan(cmd.Process.Pid, blockedIn...)
	require.NoError(t, cmd.Process.Signal(syscall.SIGINT))
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		assert.Equal(t, 130, exitCodeOf(t, err))
		assert.Equal(t, "error: interrupted\n", stderr.String())
	case <-time.After(10 * time.Second):
		require.NoError(t, cmd.Process.Kill())
		t.Fatal("remotemedia did not stop on the first SIGINT")
	}
	return out.String()
}

// waitForWchan waits until one of pid's threads sleeps in a kernel function
// whose name holds one of words. Where the kernel hides wchan it gives up
// after a few seconds, by which time the CLI's SIGINT handler is long
// installed.
func waitForWchan(pid int, words ...string) {
	deadline := time.Now().Add(5 * time.Second)
	for time.Now().Before(deadline) {
		tasks, _ := filepath.Glob(filepath.Join("/proc", strconv.Itoa(pid), "task", "*", "wchan"))
		for _, task := range tasks {
			wchan, _ := os.ReadFile(task)
			for _, w := range words {
				if bytes.Contains(wchan, []byte(w)) {
					return
				}
			}
		}
		time.Sleep(10 * time.Millisecond)
	}
}
