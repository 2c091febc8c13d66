package cli

import (
	"archive/zip"
	"bytes"
	"crypto/sha256"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// gainWASM is the hand-written WAT gain node of examples/wasm: it scales
// audio samples by its "gain" param and refuses other frames.
func gainWASM(t *testing.T) string {
	t.Helper()
	path := filepath.Join(repoRoot(t), "examples", "wasm", "gain_wat", "gain.wasm")
	require.FileExists(t, path)
	return path
}

const wasmGainManifest = `{
  "version": "v1",
  "metadata": {"name": "half"},
  "nodes": [{"id": "half", "node_type": "wasm:gain", "params": {"gain": 0.5}}],
  "connections": []
}`

// createPackage runs `package create` and returns the package's path.
func createPackage(t *testing.T, manifest string, extra ...string) string {
	t.Helper()
	out := filepath.Join(t.TempDir(), "p.rmpkg")
	args := append([]string{"package", "create", "--manifest", writeFile(t, "m.json", manifest),
		"--output", out, "--wasm", "gain=" + gainWASM(t)}, extra...)
	res := runCLI(t, "", args...)
	require.Equal(t, ExitOK, res.code, res.stderr)
	require.Equal(t, "created "+out+"\n", res.stdout)
	return out
}

func TestPackage_RunWASM(t *testing.T) {
	pkg := createPackage(t, wasmGainManifest)
	samples := ramp(1600)
	in := writeWAV(t, samples, 8000, 1, "f32")

	t.Run("audio through the module", func(t *testing.T) {
		out := filepath.Join(t.TempDir(), "out.wav")
		res := runCLI(t, "", "run", pkg, "--input-wav", in, "--output-wav", out)
		require.Equal(t, ExitOK, res.code, res.stderr)
		_, got := readWAV(t, out)
		require.Len(t, got, len(samples))
		for i := range samples {
			require.Equal(t, samples[i]*0.5, got[i], "sample %d", i)
		}
	})
	t.Run("the module refuses JSON", func(t *testing.T) {
		res := runCLI(t, "", "run", pkg, "--input", "[1]")
		assert.Equal(t, ExitFailure, res.code)
		assert.Equal(t, "error: node[half] input[0]: wasm:gain: rm_process: gain: expected an audio frame\n", res.stderr)
	})
	t.Run("graph and validate read packages", func(t *testing.T) {
		res := runCLI(t, "", "graph", pkg, "--format", "mermaid")
		require.Equal(t, ExitOK, res.code, res.stderr)
		assert.Equal(t, "flowchart LR\n  n0[\"half<br/>wasm:gain\"]\n", res.stdout)
		res = runCLI(t, "", "validate", pkg)
		assert.Equal(t, ExitOK, res.code, res.stderr)
		assert.Equal(t, "ok\n", res.stdout)
	})
}

func TestPackage_Inspect(t *testing.T) {
	pkg := createPackage(t, wasmGainManifest)
	res := runCLI(t, "", "package", "inspect", pkg)
	require.Equal(t, ExitOK, res.code, res.stderr)
	assert.Contains(t, res.stdout, "package half")
	assert.Contains(t, res.stdout, "nodes/gain.wasm")

	res = runCLI(t, "", "package", "inspect", pkg, "--json")
	require.Equal(t, ExitOK, res.code, res.stderr)
	var summary struct {
		Metadata struct {
			Name        string   `json:"name"`
			WASMModules []string `json:"wasm_modules"`
		} `json:"metadata"`
		Nodes []struct {
			ID     string `json:"id"`
			Module string `json:"module"`
		} `json:"nodes"`
	}
	require.NoError(t, json.Unmarshal([]byte(res.stdout), &summary))
	assert.Equal(t, "half", summary.Metadata.Name)
	assert.Equal(t, []string{"gain"}, summary.Metadata.WASMModules)
	require.Len(t, summary.Nodes, 1)
	assert.Equal(t, "nodes/gain.wasm", summary.Nodes[0].Module)
}

func TestPackage_Validate(t *testing.T) {
	good := createPackage(t, wasmGainManifest)
	withUnused := createPackage(t, wasmGainManifest, "--wasm", "spare="+gainWASM(t),
		"--python", writeFile(t, "helper.py", "def helper():\n    return 1\n"))

	tests := []struct {
		name       string
		pkg        string
		wantCode   int
		wantStdout string
		wantStderr []string // line prefixes, in any order; exactly this many lines
	}{
		{name: "valid", pkg: good, wantStdout: "ok\n"},
		{name: "warnings do not fail", pkg: withUnused, wantStdout: "ok\n",
			wantStderr: []string{"warning: nodes/spare.wasm: no manifest node uses wasm:spare"}},
		{name: "tampered manifest", pkg: tamper(t, good, "manifest.json", `{"version":"v1","nodes":[]}`),
			wantCode: ExitInvalid, wantStderr: []string{
				"warning: manifest.json: no runtime.target",
				"warning: nodes/gain.wasm: no manifest node uses wasm:gain",
				"error: invalid package: manifest.json: checksum mismatch",
				"error: invalid package: manifest.json: $.nodes: ",
			}},
		{name: "not a package", pkg: writeFile(t, "x.rmpkg", "plain text"), wantCode: ExitInvalid,
			wantStderr: []string{"error: invalid input: "}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := runCLI(t, "", "package", "validate", tt.pkg)
			assert.Equal(t, tt.wantCode, res.code, res.stderr)
			assert.Equal(t, tt.wantStdout, res.stdout)
			lines := strings.Split(strings.TrimSuffix(res.stderr, "\n"), "\n")
			if res.stderr == "" {
				lines = nil
			}
			assert.Len(t, lines, len(tt.wantStderr), res.stderr)
			for _, want := range tt.wantStderr {
				assert.True(t, hasLineWithPrefix(lines, want), "no line starts with %q in:\n%s", want, res.stderr)
			}
		})
	}
}

// TestPackage_RuntimeBlock: validate and run judge runtime.wasm by the same
// rules, in the same words.
func TestPackage_RuntimeBlock(t *testing.T) {
	const want = "manifest.json: runtime.wasm.memory_limit_mib: must be an integer between 1 and 4096, got null"
	good := createPackage(t, wasmGainManifest)
	bad := tamper(t, good, "manifest.json", strings.Replace(wasmGainManifest, `"nodes"`, `"runtime": {"wasm": {"memory_limit_mib": null}}, "nodes"`, 1))

	res := runCLI(t, "", "package", "validate", bad)
	assert.Equal(t, ExitInvalid, res.code)
	assert.Contains(t, res.stderr, "error: invalid package: "+want+"\n")

	res = runCLI(t, "", "run", bad, "--input", "[1]")
	assert.Equal(t, ExitInvalid, res.code)
	assert.Equal(t, "error: invalid package: "+want+"\n", res.stderr)
}

// tamper copies the package at path with one entry's content replaced,
// leaving checksums.sha256 as it was.
func tamper(t *testing.T, path, entry, content string) string {
	t.Helper()
	zr, err := zip.OpenReader(path)
	require.NoError(t, err)
	defer zr.Close()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, f := range zr.File {
		w, err := zw.Create(f.Name)
		require.NoError(t, err)
		if f.Name == entry {
			_, err = io.WriteString(w, content)
			require.NoError(t, err)
			continue
		}
		r, err := f.Open()
		require.NoError(t, err)
		_, err = io.Copy(w, r)
		require.NoError(t, err)
		require.NoError(t, r.Close())
	}
	require.NoError(t, zw.Close())
	out := filepath.Join(t.TempDir(), "tampered.rmpkg")
	require.NoError(t, os.WriteFile(out, buf.Bytes(), 0o644))
	return out
}

const checksumsEntry = "checksums.sha256"

// tamperSigned is tamper with the entry's line of checksums.sha256
// rewritten to match, as a forger who changed both would leave it.
func tamperSigned(t *testing.T, path, entry, content string) string {
	t.Helper()
	zr, err := zip.OpenReader(path)
	require.NoError(t, err)
	defer zr.Close()
	r, err := zr.Open(checksumsEntry)
	require.NoError(t, err)
	sums, err := io.ReadAll(r)
	require.NoError(t, err)
	lines := strings.Split(strings.TrimSuffix(string(sums), "\n"), "\n")
	for i, line := range lines {
		if strings.HasSuffix(line, "  "+entry) {
			lines[i] = fmt.Sprintf("%x  %s", sha256.Sum256([]byte(content)), entry)
		}
	}
	return tamper(t, tamper(t, path, entry, content), checksumsEntry, strings.Join(lines, "\n")+"\n")
}

func TestPackage_CreateErrors(t *testing.T) {
	manifest := writeFile(t, "m.json", wasmGainManifest)
	out := filepath.Join(t.TempDir(), "p.rmpkg")
	gain, err := os.ReadFile(gainWASM(t))
	require.NoError(t, err)
	truncated := writeFile(t, "truncated.wasm", string(gain[:len(gain)/2]))
	foreign := filepath.Join(repoRoot(t), "core", "internal", "wasmhost", "testdata", "bad_imports.wasm")
	tests := []struct {
		name       string
		args       []string
		wantStderr string
	}{
		{"module does not compile", []string{"--manifest", manifest, "--output", out, "--wasm", "gain=" + truncated},
			"error: invalid package: nodes/gain.wasm: wasm module gain: compile:"},
		{"module imports what the host lacks", []string{"--manifest", manifest, "--output", out, "--wasm", "gain=" + foreign},
			"error: invalid package: nodes/gain.wasm: wasm module gain does not implement ABI v1: "},
		{"no module for a wasm node", []string{"--manifest", manifest, "--output", out},
			"error: invalid input: create package: node half is wasm:gain but no module was given for it"},
		{"missing flags", []string{"--manifest", manifest}, "error: package create needs --manifest and --output"},
		{"bad --wasm", []string{"--manifest", manifest, "--output", out, "--wasm", "gain"}, `error: invalid input: --wasm "gain": want name=file.wasm`},
		{"not wasm", []string{"--manifest", manifest, "--output", out, "--wasm", "gain=" + manifest}, "not a wasm binary"},
		{"missing manifest", []string{"--manifest", "/nonexistent.json", "--output", out}, "error: invalid input: open /nonexistent.json"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := runCLI(t, "", append([]string{"package", "create"}, tt.args...)...)
			assert.Equal(t, ExitInvalid, res.code, res.stderr)
			assert.Contains(t, res.stderr, tt.wantStderr)
			assertErrorLines(t, res.stderr)
			assert.NoFileExists(t, out, "a failed create leaves no file")
		})
	}
}

func TestPackage_Usage(t *testing.T) {
	for _, args := range [][]string{{"package"}, {"package", "frobnicate"}, {"package", "validate"}} {
		res := runCLI(t, "", args...)
		assert.Equal(t, ExitInvalid, res.code, "%v: %s", args, res.stderr)
		assertErrorLines(t, res.stderr)
	}
}

func TestPackage_ValidateJSON(t *testing.T) {
	good := createPackage(t, wasmGainManifest)
	res := runCLI(t, "", "package", "validate", good, "--json")
	assert.Equal(t, ExitOK, res.code, res.stderr)
	assert.Equal(t, `{"ok":true,"errors":[],"warnings":[]}`+"\n", res.stdout)

	// The errors are in the report only: nothing goes to stderr.
	res = runCLI(t, "", "package", "validate", tamper(t, good, "manifest.json", `{"version":"v1","nodes":[]}`), "--json")
	assert.Equal(t, ExitInvalid, res.code)
	assert.Empty(t, res.stderr)
	var report struct {
		OK       bool `json:"ok"`
		Errors   []struct{ Entry, Message string }
		Warnings []struct{ Entry, Message string }
	}
	require.NoError(t, json.Unmarshal([]byte(res.stdout), &report))
	assert.False(t, report.OK)
	assert.Len(t, report.Errors, 2)
	assert.Len(t, report.Warnings, 2)
}
