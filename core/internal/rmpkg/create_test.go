package rmpkg

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/remotemedia/remotemedia/core/frame"
	"github.com/remotemedia/remotemedia/core/internal/jsonx"
	"github.com/remotemedia/remotemedia/core/node"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestCreate_rejects(t *testing.T) {
	gain := gainWASM(t)
	tests := []struct {
		name    string
		opts    CreateOptions
		wantErr string
	}{
		{name: "manifest not JSON", opts: CreateOptions{Manifest: []byte("nope")}, wantErr: "manifest.json: not a JSON manifest object"},
		{name: "wrong target", opts: CreateOptions{Manifest: []byte(`{"version":"v1","runtime":{"target":"native"},"nodes":[]}`)}, wantErr: `runtime.target is "native"`},
		{name: "module missing", opts: CreateOptions{Manifest: []byte(gainManifest)}, wantErr: "node gain is wasm:gain but no module was given for it (add gain=<file>.wasm)"},
		{name: "bad magic", opts: CreateOptions{Manifest: []byte(gainManifest), WASM: map[string][]byte{"gain": []byte("text")}}, wantErr: "wasm module gain: not a wasm binary (bad magic)"},
		{name: "bad module name", opts: CreateOptions{Manifest: []byte(gainManifest), WASM: map[string][]byte{"gain": gain, "../x": gain}}, wantErr: `wasm node name "../x"`},
		{name: "bad python name", opts: CreateOptions{Manifest: []byte(gainManifest), WASM: map[string][]byte{"gain": gain}, Python: map[string][]byte{"x.txt": nil}}, wantErr: `python file "x.txt"`},
		// The checks of Validate: a package create writes must run.
		{name: "module does not compile", opts: CreateOptions{Manifest: []byte(gainManifest), WASM: map[string][]byte{"gain": gain[:len(gain)/2]}}, wantErr: "invalid package: nodes/gain.wasm: wasm module gain: compile:"},
		{name: "module with foreign imports", opts: CreateOptions{Manifest: []byte(gainManifest), WASM: map[string][]byte{"gain": wasmFixture(t, "bad_imports.wasm")}}, wantErr: "imports wasi_snapshot_preview1.no_such_call, which the host does not provide"},
		// The manifest rules that do not depend on node types, as `validate` applies them.
		{name: "no nodes", opts: CreateOptions{Manifest: []byte(`{"version":"v1","nodes":[]}`)}, wantErr: "$.nodes: no nodes: a pipeline needs at least one node"},
		{name: "connection to an unknown node", opts: CreateOptions{Manifest: []byte(`{"version":"v1","nodes":[{"id":"a","node_type":"MyPyNode"}],"connections":[{"from":"a","to":"b"}]}`)}, wantErr: `$.connections[0].to`},
		{name: "node_type missing", opts: CreateOptions{Manifest: []byte(`{"version":"v1","nodes":[{"id":"a"}]}`)}, wantErr: "$.nodes[0].node_type: node_type is missing"},
		{name: "python not UTF-8", opts: CreateOptions{Manifest: []byte(gainManifest), WASM: map[string][]byte{"gain": gain}, Python: map[string][]byte{"x.py": {0xff, 0xfe}}}, wantErr: "python file x.py is not UTF-8"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var buf bytes.Buffer
			tt.opts.Check.WASM = newTestHost(t) // as core/rmpkg.Create does
			err := Create(context.Background(), &buf, tt.opts)
			require.ErrorContains(t, err, tt.wantErr)
			assert.Zero(t, buf.Len(), "nothing written")
		})
	}
}

func TestCreate_addsTarget(t *testing.T) {
	var buf bytes.Buffer
	require.NoError(t, Create(context.Background(), &buf, CreateOptions{Manifest: []byte(`{"version":"v1","nodes":[{"id":"a","node_type":"PassThrough","params":{"x":1.50}}],"connections":[]}`)}))
	p, err := Open(buf.Bytes(), DefaultLimits())
	require.NoError(t, err)
	var doc map[string]any
	require.NoError(t, jsonx.Unmarshal(p.Manifest(), &doc))
	assert.Equal(t, map[string]any{"target": DefaultTarget}, doc["runtime"])
	assert.Contains(t, string(p.Manifest()), `"x": 1.50`, "numbers are kept exactly")
}

func TestCreate_isDeterministic(t *testing.T) {
	assert.Equal(t, validPackage(t), validPackage(t))
}

// TestPackage_roundTrip: create, write, open, validate, then run the WASM
// node from the package with the params from its manifest.
func TestPackage_roundTrip(t *testing.T) {
	path := filepath.Join(t.TempDir(), "gain.rmpkg")
	opts := CreateOptions{Manifest: []byte(gainManifest), WASM: map[string][]byte{"gain": gainWASM(t)}}
	require.NoError(t, CreateFile(context.Background(), path, opts))

	p, err := OpenFile(path, DefaultLimits())
	require.NoError(t, err)
	ctx := context.Background()
	h := newTestHost(t)
	report := p.Validate(ctx, ValidateOptions{CheckManifest: ParserCheck(node.NewRegistry()), WASM: h})
	require.NoError(t, report.Err())
	assert.Empty(t, report.Warnings)

	spec, err := h.NewSpec(ctx, "gain", p.WASMModules()["gain"])
	require.NoError(t, err)
	var nodes struct {
		Nodes []struct {
			Params map[string]any `json:"params"`
		} `json:"nodes"`
	}
	require.NoError(t, jsonx.Unmarshal(p.Manifest(), &nodes))
	n, err := spec.New(nodes.Nodes[0].Params)
	require.NoError(t, err)
	defer n.(node.Closer).Close()
	require.NoError(t, n.(node.Initializer).Init(ctx))
	in, err := frame.NewAudio(frame.Audio{Samples: []float32{1, -0.5}, SampleRate: 48000, Channels: 1})
	require.NoError(t, err)
	var out emitted
	require.NoError(t, n.Process(ctx, in, &out))
	require.Len(t, out, 1)
	assert.Equal(t, []float32{0.5, -0.25}, out[0].Audio().Samples)
}

type emitted []*frame.Frame

func (e *emitted) Emit(f *frame.Frame) error { *e = append(*e, f); return nil }

func TestPackage_Inspect(t *testing.T) {
	p, err := Open(validPackage(t), DefaultLimits())
	require.NoError(t, err)
	s := p.Inspect()
	assert.Equal(t, "rmpkg", s.Format)
	assert.Equal(t, "wasm32-wasi", s.Target)
	assert.Equal(t, []NodeSummary{{ID: "gain", Type: "wasm:gain", Module: "nodes/gain.wasm"}}, s.Nodes)
	var names []string
	for _, f := range s.Files {
		names = append(names, f.Name)
	}
	assert.Equal(t, []string{ManifestFile, MetadataFile, "nodes/gain.wasm", "python/helper.py", ChecksumsFile}, names)
	assert.Equal(t, Metadata{
		Name: "gain-demo", Version: "1.2.0", Author: "RemoteMedia", License: "MIT", Tags: []string{"audio"},
		CreatedAt: "2026-01-02T03:04:05Z", Format: FormatVersion, NodeTypes: []string{"wasm:gain"}, NodeCount: 1,
		WASMModules: []string{"gain"}, PythonFiles: []string{"helper.py"},
	}, s.Metadata)
	text := s.String()
	assert.Contains(t, text, "package gain-demo 1.2.0 (rmpkg format, target wasm32-wasi)")
	assert.Contains(t, text, "gain  wasm:gain  nodes/gain.wasm")
}

func TestPackage_Metadata_seedKeys(t *testing.T) {
	p, err := Open(zipOf(t,
		zipEntry{name: ManifestFile, data: []byte(`{"version":"v1","metadata":{"name":"from-manifest"},"nodes":[{"id":"a","node_type":"AddNode"}]}`)},
		zipEntry{name: MetadataFile, data: []byte(`{"package_name":"calc","package_version":"0.1.0","license":"MIT"}`)},
	), DefaultLimits())
	require.NoError(t, err)
	md := p.Metadata()
	assert.Equal(t, "calc", md.Name)
	assert.Equal(t, "0.1.0", md.Version)
	assert.Equal(t, "MIT", md.License)
	assert.Equal(t, []string{"AddNode"}, md.NodeTypes)
	assert.Equal(t, 1, md.NodeCount)
}

func TestLoadCreateOptions(t *testing.T) {
	dir := t.TempDir()
	write := func(name, content string) string {
		path := filepath.Join(dir, name)
		require.NoError(t, os.WriteFile(path, []byte(content), 0o644))
		return path
	}
	manifest := write("m.json", gainManifest)
	mod := write("g.wasm", "\x00asm\x01\x00\x00\x00")
	py := write("node.py", "x = 1\n")
	tests := []struct {
		name    string
		wasm    []string
		python  []string
		wantErr string
	}{
		{name: "ok", wasm: []string{"gain=" + mod}, python: []string{py}},
		{name: "no equals", wasm: []string{mod}, wantErr: "want name=file.wasm"},
		{name: "twice", wasm: []string{"gain=" + mod, "gain=" + mod}, wantErr: "--wasm gain given twice"},
		{name: "missing file", wasm: []string{"gain=" + filepath.Join(dir, "none.wasm")}, wantErr: "none.wasm"},
		// Used to read until the OOM killer; the cap bounds this test too.
		{name: "endless device", wasm: []string{"gain=/dev/zero"}, wantErr: "/dev/zero is larger than the limit of 64 MiB"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			opts, err := LoadCreateOptions(manifest, tt.wasm, tt.python)
			if tt.wantErr != "" {
				require.ErrorContains(t, err, tt.wantErr)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, []byte(gainManifest), opts.Manifest)
			assert.Len(t, opts.WASM["gain"], 8)
			assert.Equal(t, []byte("x = 1\n"), opts.Python["node.py"])
		})
	}
}
