package cli

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/remotemedia/remotemedia/core/frame"
	"github.com/remotemedia/remotemedia/core/node"
	"github.com/remotemedia/remotemedia/core/rmpkg"
)

// shoutManifest has two sources: the gain module, and PkgShout, a type
// that only the package's python/shout.py declares.
const shoutManifest = `{
  "version": "v1",
  "metadata": {"name": "shout"},
  "nodes": [
    {"id": "shout", "node_type": "PkgShout", "params": {"suffix": "?"}},
    {"id": "half", "node_type": "wasm:gain", "params": {"gain": 0.5}}
  ],
  "connections": []
}`

const shoutSource = "import remotemedia as rm\n\n@rm.register_node(name=\"PkgShout\")\nclass PkgShout(rm.Node):\n" +
	"    def __init__(self, suffix='!'):\n        self.suffix = suffix\n\n" +
	"    def process(self, text):\n        return text.upper() + self.suffix\n"

func pythonPackage(t *testing.T) string {
	t.Helper()
	return createPackage(t, shoutManifest, "--python", writeFile(t, "shout.py", shoutSource))
}

// shoutLoader stands in for the Python runtime: it records each call and
// registers PkgShout (in Go) into reg, as the sources would.
type shoutLoader struct {
	reg   *node.Registry
	calls int
}

func (l *shoutLoader) load(_ context.Context, p *rmpkg.Package) error {
	l.calls++
	if _, ok := p.PythonSources()["shout.py"]; !ok {
		return nil
	}
	return l.reg.Replace(node.Spec{Type: "PkgShout", Runtime: node.RuntimePython,
		Params: []node.Param{{Name: "suffix", Type: node.TypeString}},
		New:    func(p node.Params) (node.Node, error) { return shout{suffix: p["suffix"].(string)}, nil }})
}

type shout struct{ suffix string }

func (s shout) Process(_ context.Context, in *frame.Frame, out node.Emitter) error {
	return out.Emit(frame.Text(strings.ToUpper(in.TextValue()) + s.suffix))
}

func runWith(t *testing.T, opts Options, args ...string) cliResult {
	t.Helper()
	var stdout, stderr strings.Builder
	code := Main(context.Background(), args, IO{Stdin: strings.NewReader(""), Stdout: &stdout, Stderr: &stderr}, opts)
	return cliResult{code: code, stdout: stdout.String(), stderr: stderr.String()}
}

func TestPackage_PythonTypesValidateWithoutPython(t *testing.T) {
	pkg := pythonPackage(t)
	for _, args := range [][]string{{"validate", pkg}, {"package", "validate", pkg}} {
		res := runCLI(t, "", args...)
		assert.Equal(t, cliResult{code: ExitOK, stdout: "ok\n"}, res, args)
	}
	res := runCLI(t, "", "graph", pkg, "--format", "mermaid")
	assert.Equal(t, ExitOK, res.code, res.stderr)
	assert.Contains(t, res.stdout, `n0["shout<br/>PkgShout"]`)

	res = runCLI(t, "", "run", pkg, "--input", `["a"]`)
	assert.Equal(t, cliResult{code: ExitInvalid,
		stderr: "error: node \"shout\": PkgShout needs the Python runtime: use the pip-installed remotemedia\n"}, res)

	// The manifest is still checked: structure, and known types' params.
	// package create refuses such a manifest, so the bad package is the good
	// one with its manifest and checksum rewritten, as a forger would.
	badManifest := strings.Replace(shoutManifest, `"connections": []`, `"connections": [{"from": "shout", "to": "nowhere"}]`, 1)
	const want = `error: invalid package: manifest.json: $.connections[0].to: unknown node id "nowhere"`
	out := filepath.Join(t.TempDir(), "bad.rmpkg")
	res = runCLI(t, "", "package", "create", "--manifest", writeFile(t, "bad.json", badManifest), "--output", out,
		"--wasm", "gain="+gainWASM(t), "--python", writeFile(t, "shout.py", shoutSource))
	assert.Equal(t, ExitInvalid, res.code)
	assert.Contains(t, res.stderr, want)
	assert.NoFileExists(t, out)
	res = runCLI(t, "", "validate", tamperSigned(t, pkg, "manifest.json", badManifest))
	assert.Equal(t, ExitInvalid, res.code)
	assert.Contains(t, res.stderr, want)
}

func TestPackage_LoadPythonAfterVerification(t *testing.T) {
	good := pythonPackage(t)
	tests := []struct {
		name      string
		pkg       string
		wantCalls int
		wantCode  int
		wantOut   string
		wantErr   string // prefix
	}{
		{name: "verified, then loaded", pkg: good, wantCalls: 1, wantOut: `{"half":[],"shout":["A?"]}` + "\n",
			wantErr: "skipped: node[half] input[0]: wasm:gain: rm_process: gain: expected an audio frame\n"},
		{name: "tampered source never loads", pkg: tamper(t, good, "python/shout.py", "open('marker', 'w')\n"),
			wantCode: ExitInvalid, wantErr: "error: invalid package: python/shout.py: checksum mismatch: "},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			loader := &shoutLoader{reg: node.Default().Clone()}
			opts := Options{Registry: loader.reg, LoadPackagePython: loader.load}
			res := runWith(t, opts, "run", tt.pkg, "--input", `["a"]`, "--skip-errors")
			assert.Equal(t, tt.wantCode, res.code, res.stderr)
			assert.Equal(t, tt.wantOut, res.stdout)
			assert.True(t, strings.HasPrefix(res.stderr, tt.wantErr), res.stderr)
			assert.Equal(t, tt.wantCalls, loader.calls)
		})
	}
	t.Run("validate never loads", func(t *testing.T) {
		loader := &shoutLoader{reg: node.Default().Clone()}
		opts := Options{Registry: loader.reg, LoadPackagePython: loader.load}
		for _, args := range [][]string{{"validate", good}, {"package", "validate", good}, {"graph", good}} {
			assert.Equal(t, ExitOK, runWith(t, opts, args...).code, args)
		}
		assert.Zero(t, loader.calls)
	})
	t.Run("a failing loader is an invalid package", func(t *testing.T) {
		opts := Options{LoadPackagePython: func(context.Context, *rmpkg.Package) error {
			return assert.AnError
		}}
		res := runWith(t, opts, "run", good, "--input", `["a"]`)
		assert.Equal(t, cliResult{code: ExitInvalid, stderr: "error: invalid package: " + assert.AnError.Error() + "\n"}, res)
	})
}
