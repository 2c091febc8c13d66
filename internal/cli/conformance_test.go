package cli

import (
	"encoding/json"
	"sort"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/remotemedia/remotemedia/internal/testvectors"
)

// TestMain_Conformance runs every shared conformance case through the CLI:
// manifest in a temp file, input with --input.
func TestMain_Conformance(t *testing.T) {
	for _, tc := range testvectors.Manifests(t) {
		t.Run(tc.Name, func(t *testing.T) {
			path := writeFile(t, "manifest.json", string(tc.Manifest))
			res := runCLI(t, "", "run", path, "--input", string(tc.Input))
			require.Equal(t, tc.Expect.Exit, res.code, "stdout: %s\nstderr: %s", res.stdout, res.stderr)
			assertErrorLines(t, res.stderr)
			if tc.Expect.Output != nil {
				assert.Equal(t, plainJSON(t, string(tc.Expect.Output)), plainJSON(t, res.stdout))
			}
			if tc.Expect.OutputSorted != nil {
				assert.Equal(t, sortedValues(t, string(tc.Expect.OutputSorted)), sortedValues(t, res.stdout))
			}
			if tc.Expect.OutputInputOrder != nil {
				assertInputOrder(t, tc.Expect.OutputInputOrder, res.stdout)
			}
			for _, s := range tc.Expect.OutputContains {
				assert.Contains(t, res.stdout, s)
			}
			for _, s := range tc.Expect.MessageContains {
				assert.Contains(t, res.stderr, s)
			}
			t.Run("jsonl", func(t *testing.T) { checkStreamed(t, tc, path) })
		})
	}
}

// checkStreamed runs a case again with --jsonl, the streaming path: same
// exit code and messages, and for a single sink the same outputs, in any
// order across fan-in branches.
func checkStreamed(t *testing.T, tc testvectors.ManifestCase, path string) {
	res := runCLI(t, "", "run", path, "--jsonl", "--input", string(tc.Input))
	require.Equal(t, tc.Expect.Exit, res.code, "stdout: %s\nstderr: %s", res.stdout, res.stderr)
	for _, s := range tc.Expect.MessageContains {
		assert.Contains(t, res.stderr, s)
	}
	want := tc.Expect.Output
	if want == nil {
		want = tc.Expect.OutputSorted
	}
	if want == nil {
		return
	}
	if _, isList := plainJSON(t, string(want)).([]any); !isList {
		return // several sinks: lines are {"sink", "input", "output"}, checked in TestRun_JSONLSeveralSinks
	}
	lines := strings.Split(strings.TrimSpace(res.stdout), "\n")
	assert.Equal(t, sortedValues(t, string(want)), sortedValues(t, "["+strings.Join(lines, ",")+"]"))
}

// assertInputOrder checks a single-sink output is the outputs of input 0,
// then those of input 1, and so on: chunk i, sorted, is groups[i] sorted.
func assertInputOrder(t *testing.T, groupsJSON json.RawMessage, stdout string) {
	t.Helper()
	var groups []json.RawMessage
	require.NoError(t, json.Unmarshal(groupsJSON, &groups))
	outputs := sortable(t, plainJSON(t, stdout))
	at := 0
	for i, group := range groups {
		want := sortedValues(t, string(group))
		require.LessOrEqual(t, at+len(want), len(outputs), "too few outputs for input %d", i)
		chunk := append([]string(nil), outputs[at:at+len(want)]...)
		sort.Strings(chunk)
		assert.Equal(t, want, chunk, "outputs of input %d", i)
		at += len(want)
	}
	assert.Equal(t, len(outputs), at, "outputs beyond the expected groups")
}

// plainJSON decodes text with encoding/json defaults, so numbers compare
// by value (1.50 equals 1.5).
func plainJSON(t *testing.T, text string) any {
	t.Helper()
	var v any
	require.NoError(t, json.Unmarshal([]byte(text), &v), "not JSON: %q", text)
	return v
}

// sortedValues is a JSON array's elements re-encoded and sorted, for
// comparisons that ignore order.
func sortedValues(t *testing.T, text string) []string {
	t.Helper()
	out := sortable(t, plainJSON(t, text))
	sort.Strings(out)
	return out
}

func sortable(t *testing.T, v any) []string {
	t.Helper()
	list, ok := v.([]any)
	require.True(t, ok, "want a JSON array, got %v", v)
	out := make([]string, len(list))
	for i, item := range list {
		data, err := json.Marshal(item)
		require.NoError(t, err)
		out[i] = string(data)
	}
	return out
}
