package cli

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// heapProbe is a stdout that records the live heap once, at the first write
// after `after` newlines.
type heapProbe struct {
	after, lines int
	heap         uint64
}

func (h *heapProbe) Write(p []byte) (int, error) {
	h.lines += bytes.Count(p, []byte("\n"))
	if h.heap == 0 && h.lines >= h.after {
		h.heap = liveHeap()
	}
	return len(p), nil
}

func liveHeap() uint64 {
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.HeapAlloc
}

// A batch run held about 475 bytes per item, and --jsonl about 180, though it
// streams (issue 9). These measure the live heap a run adds per item, which
// is a matter of data structures, not of speed: 200,000 small items through
// the calculator (two nodes).
func TestRun_MemoryPerItem(t *testing.T) {
	const n = 200_000
	items := make([]string, n)
	for i := range items {
		items[i] = strconv.Itoa(i % 1000)
	}
	input := filepath.Join(t.TempDir(), "in.json")
	require.NoError(t, os.WriteFile(input, []byte("["+strings.Join(items, ",")+"]"), 0o644))
	calc := writeFile(t, "calc.json", calculatorManifest)

	for _, tt := range []struct {
		name     string
		args     []string
		after    int // lines before the probe
		maxBytes uint64
	}{
		// Measured as printing starts: each output and its place in the
		// result (122 bytes before the fix).
		{"batch", nil, 0, 80},
		// Measured half way: the input document (4 bytes an item here) and
		// the read buffer's slack; every frame is gone once printed (all
		// inputs were decoded up front before the fix).
		{"jsonl", []string{"--jsonl"}, n / 2, 16},
	} {
		t.Run(tt.name, func(t *testing.T) {
			before := liveHeap()
			probe := &heapProbe{after: tt.after}
			args := append([]string{"run", calc, "--input-file", input}, tt.args...)
			var stderr bytes.Buffer
			code := Main(context.Background(), args, IO{Stdin: strings.NewReader(""), Stdout: probe, Stderr: &stderr}, Options{})
			require.Equal(t, ExitOK, code, stderr.String())
			require.NotZero(t, probe.heap)
			perItem := (max(probe.heap, before) - before) / n
			t.Logf("%s: %d live bytes per item", tt.name, perItem)
			assert.LessOrEqual(t, perItem, tt.maxBytes)
		})
	}
}
