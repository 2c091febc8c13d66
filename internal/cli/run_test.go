package cli

import (
	"context"
	"io"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestRun_Command(t *testing.T) {
	calc := writeFile(t, "calc.json", calculatorManifest)
	twoSinks := writeFile(t, "two.json", twoSinkManifest)
	inputFile := writeFile(t, "in.json", "[1, 2]")
	python := writeFile(t, "py.json", `{"version":"v1","nodes":[{"id":"t","node_type":"TextProcessorNode","params":{}}],"connections":[]}`)
	wasm := writeFile(t, "wasm.json", `{"version":"v1","nodes":[{"id":"w","node_type":"wasm:echo","params":{}}],"connections":[]}`)
	pass := writeFile(t, "pass.json", `{"version":"v1","nodes":[{"id":"p","node_type":"PassThrough","params":{}}],"connections":[]}`)

	tests := []struct {
		name       string
		args       []string
		stdin      string
		wantCode   int
		wantStdout string   // exact, when set
		wantStderr []string // substrings
	}{
		{name: "input flag", args: []string{"run", calc, "--input", "[5,7,3]"}, wantStdout: "[20,24,16]\n"},
		{name: "input file", args: []string{"run", calc, "--input-file", inputFile}, wantStdout: "[12,14]\n"},
		{name: "stdin", args: []string{"run", calc}, stdin: "[1]", wantStdout: "[12]\n"},
		{name: "input file dash is stdin", args: []string{"run", calc, "--input-file", "-"}, stdin: "[2]", wantStdout: "[14]\n"},
		{name: "non-array is one item", args: []string{"run", calc, "--input", "4"}, wantStdout: "[18]\n"},
		{name: "empty array", args: []string{"run", calc, "--input", "[]"}, wantStdout: "[]\n"},
		{name: "strings are text frames", args: []string{"run", pass, "--input", `["a b", {"k": 1.50}]`},
			wantStdout: `["a b",{"k":1.50}]` + "\n"},
		{name: "several sinks", args: []string{"run", twoSinks, "--input", "[10]"},
			wantStdout: `{"double":[20],"plus":[110]}` + "\n"},
		{name: "jsonl single sink", args: []string{"run", calc, "--jsonl", "--input", "[5,7]"}, wantStdout: "20\n24\n"},
		{name: "node failure names node and input", args: []string{"run", calc, "--input", `[1, {"a": 1}]`},
			wantCode: ExitFailure, wantStderr: []string{"error: node[multiply] input[1]:"}},
		{name: "node failure jsonl", args: []string{"run", calc, "--jsonl", "--input", `[{"a": 1}]`},
			wantCode: ExitFailure, wantStderr: []string{"node[multiply] input[0]"}},
		{name: "skip errors", args: []string{"run", calc, "--skip-errors", "--input", `[5, {"a": 1}, 3]`},
			wantStdout: "[20,16]\n", wantStderr: []string{"skipped: node[multiply] input[1]:"}},
		{name: "skip errors jsonl", args: []string{"run", calc, "--skip-errors", "--jsonl", "--input", `[5, "x"]`},
			wantStdout: "20\n", wantStderr: []string{"skipped: node[multiply] input[1]:"}},
		{name: "bad input JSON", args: []string{"run", calc, "--input", "[5,"},
			wantCode: ExitInvalid, wantStderr: []string{"error: invalid input: --input: invalid JSON at 1:"}},
		{name: "empty stdin", args: []string{"run", calc}, stdin: " \n",
			wantCode: ExitInvalid, wantStderr: []string{"stdin is empty"}},
		{name: "missing input file", args: []string{"run", calc, "--input-file", "/nonexistent/in.json"},
			wantCode: ExitInvalid, wantStderr: []string{"error: invalid input:", "/nonexistent/in.json"}},
		{name: "input and input-file", args: []string{"run", calc, "--input", "1", "--input-file", inputFile},
			wantCode: ExitInvalid, wantStderr: []string{"exclude each other"}},
		{name: "negative queue size", args: []string{"run", calc, "--queue-size", "-1", "--input", "1"},
			wantCode: ExitInvalid, wantStderr: []string{"error: --queue-size: queue size -1 is out of range 0..4096 (0 means the default, 16)"}},
		// 10^9 used to allocate 8 GB of channel and die with a Go stack trace.
		{name: "huge queue size", args: []string{"run", calc, "--queue-size", "1000000000", "--input", "1"},
			wantCode: ExitInvalid, wantStderr: []string{"error: --queue-size: queue size 1000000000 is out of range 0..4096"}},
		{name: "largest queue size", args: []string{"run", calc, "--queue-size", "4096", "--input", "[1]"}, wantStdout: "[12]\n"},
		{name: "missing manifest", args: []string{"run", "/nonexistent/m.json", "--input", "1"},
			wantCode: ExitInvalid, wantStderr: []string{"read manifest"}},
		{name: "python node", args: []string{"run", python, "--input", "[1]"}, wantCode: ExitInvalid,
			wantStderr: []string{"TextProcessorNode needs the Python runtime: use the pip-installed remotemedia"}},
		{name: "wasm node without module", args: []string{"run", wasm, "--input", "[1]"}, wantCode: ExitInvalid,
			wantStderr: []string{"$.nodes[0].node_type", `WebAssembly module "echo"`}},
		{name: "no manifest argument", args: []string{"run"}, wantCode: ExitInvalid, wantStderr: []string{"error: "}},
		{name: "unknown flag", args: []string{"run", calc, "--nope"}, wantCode: ExitInvalid,
			wantStderr: []string{"error: unknown flag: --nope"}},
		{name: "unknown command", args: []string{"frobnicate"}, wantCode: ExitInvalid,
			wantStderr: []string{`error: unknown command "frobnicate"`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := runCLI(t, tt.stdin, tt.args...)
			assert.Equal(t, tt.wantCode, res.code, "stderr: %s", res.stderr)
			if tt.wantCode == ExitOK || tt.wantStdout != "" {
				assert.Equal(t, tt.wantStdout, res.stdout)
			}
			for _, s := range tt.wantStderr {
				assert.Contains(t, res.stderr, s)
			}
			assertErrorLines(t, res.stderr)
		})
	}
}

// assertErrorLines checks stderr holds only one-line messages: no stack
// traces, no usage dumps.
func assertErrorLines(t *testing.T, stderr string) {
	t.Helper()
	assert.NotContains(t, stderr, "goroutine ")
	assert.NotContains(t, stderr, "Usage:")
	for _, line := range strings.Split(strings.TrimSuffix(stderr, "\n"), "\n") {
		if line != "" {
			assert.Regexp(t, `^(error|skipped|warning): `, line)
		}
	}
}

func TestRun_JSONLSeveralSinks(t *testing.T) {
	path := writeFile(t, "two.json", twoSinkManifest)
	res := runCLI(t, "", "run", path, "--jsonl", "--input", "[1, 2]")
	require.Equal(t, ExitOK, res.code, res.stderr)
	// Sinks run concurrently, so only each sink's own order is fixed.
	bySink := map[string][]string{}
	for _, line := range strings.Split(strings.TrimSpace(res.stdout), "\n") {
		sink := line[strings.LastIndex(line, `"sink":`):]
		bySink[sink] = append(bySink[sink], line)
	}
	assert.Equal(t, map[string][]string{
		`"sink":"double"}`: {`{"input":0,"output":2,"sink":"double"}`, `{"input":1,"output":4,"sink":"double"}`},
		`"sink":"plus"}`:   {`{"input":0,"output":101,"sink":"plus"}`, `{"input":1,"output":102,"sink":"plus"}`},
	}, bySink)
}

func TestRun_Metrics(t *testing.T) {
	path := writeFile(t, "calc.json", calculatorManifest)
	for _, mode := range [][]string{nil, {"--jsonl"}} {
		args := append([]string{"run", path, "--metrics", "--input", "[1,2,3]"}, mode...)
		res := runCLI(t, "", args...)
		require.Equal(t, ExitOK, res.code, res.stderr)
		lines := strings.Split(strings.TrimSpace(res.stderr), "\n")
		require.Len(t, lines, 5, res.stderr)
		assert.Equal(t, []string{"node", "type", "in", "out", "errors", "busy", "p50", "p95", "p99", "queue"},
			strings.Fields(lines[0]))
		for i, want := range [][]string{{"multiply", "MultiplyNode"}, {"add", "AddNode"}} {
			cols := strings.Fields(lines[i+1])
			require.Len(t, cols, 10, lines[i+1])
			assert.Equal(t, append(want, "3", "3", "0"), cols[:5])
			assert.Regexp(t, `^0/\d+$`, cols[9])
		}
		// Only the sink has a latency from input, one per output.
		assert.Equal(t, []string{"sink", "outputs", "from-input", "p50", "p95", "p99"}, strings.Fields(lines[3]))
		cols := strings.Fields(lines[4])
		require.Len(t, cols, 5, lines[4])
		assert.Equal(t, []string{"add", "3"}, cols[:2])
		for _, d := range cols[2:] {
			_, err := time.ParseDuration(d)
			assert.NoError(t, err, d)
		}
	}
}

func TestRun_Interrupted(t *testing.T) {
	path := writeFile(t, "calc.json", calculatorManifest)
	t.Run("before the run", func(t *testing.T) {
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		res := runCLIContext(t, ctx, strings.NewReader("[1]"), "run", path)
		assert.Equal(t, ExitInterrupted, res.code)
		assert.Equal(t, "error: interrupted\n", res.stderr)
	})
	t.Run("waiting for stdin", func(t *testing.T) {
		stdin, feed := io.Pipe()
		defer feed.Close() // ends the stdin reader left blocked
		ctx, cancel := context.WithCancel(context.Background())
		time.AfterFunc(20*time.Millisecond, cancel)
		res := runCLIContext(t, ctx, stdin, "run", path)
		assert.Equal(t, ExitInterrupted, res.code)
		assert.Equal(t, "error: interrupted\n", res.stderr)
	})
}
