package rmpkg_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/remotemedia/remotemedia/core"
	"github.com/remotemedia/remotemedia/core/frame"
	"github.com/remotemedia/remotemedia/core/rmpkg"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.uber.org/goleak"
)

func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

// halfGainPackage creates a package whose one node is the WAT gain module of
// examples/wasm with {"gain": 0.5}.
func halfGainPackage(t *testing.T, manifestJSON string) *rmpkg.Package {
	t.Helper()
	dir := t.TempDir()
	manifest := filepath.Join(dir, "m.json")
	require.NoError(t, os.WriteFile(manifest, []byte(manifestJSON), 0o644))
	wasm := filepath.Join("..", "..", "examples", "wasm", "gain_wat", "gain.wasm")
	contents, err := rmpkg.ContentsFromFiles(manifest, []string{"gain=" + wasm}, nil)
	require.NoError(t, err)
	path := filepath.Join(dir, "half.rmpkg")
	require.NoError(t, rmpkg.Create(context.Background(), path, contents))
	pkg, err := rmpkg.Open(path)
	require.NoError(t, err)
	return pkg
}

const halfGain = `{"version":"v1",
	"nodes":[{"id":"half","node_type":"wasm:gain","params":{"gain":0.5}}],"connections":[]}`

func TestNewPipeline(t *testing.T) {
	ctx := context.Background()
	pkg := halfGainPackage(t, halfGain)
	report := rmpkg.Validate(ctx, pkg, core.NewConfig())
	require.True(t, report.OK(), "%v", report.Errors)

	p, closeModules, err := rmpkg.NewPipeline(ctx, pkg, core.NewConfig())
	require.NoError(t, err)
	defer func() { require.NoError(t, closeModules(ctx)) }()
	in, err := frame.NewAudio(frame.Audio{Samples: []float32{1, -0.5, 0.25, 0}, SampleRate: 8000, Channels: 1})
	require.NoError(t, err)
	res, err := p.Run(ctx, []*frame.Frame{in})
	require.NoError(t, err)
	require.Len(t, res.Outputs["half"], 1)
	assert.Equal(t, []float32{0.5, -0.25, 0.125, 0}, res.Outputs["half"][0].Audio().Samples)

	_, known := core.NewConfig().Registry().Lookup("wasm:gain")
	assert.False(t, known, "modules register into a clone, never the default registry")
}

func TestCreate_InvalidPackage(t *testing.T) {
	// runtime.wasm limits that make no sense are a package problem, found
	// by the same validation that NewPipeline runs, before anything is
	// written.
	dir := t.TempDir()
	manifest := filepath.Join(dir, "m.json")
	require.NoError(t, os.WriteFile(manifest, []byte(`{"version":"v1","runtime":{"target":"wasm32-wasi","wasm":{"memory_limit_mib":-1}},
		"nodes":[{"id":"half","node_type":"wasm:gain","params":{}}],"connections":[]}`), 0o644))
	wasm := filepath.Join("..", "..", "examples", "wasm", "gain_wat", "gain.wasm")
	contents, err := rmpkg.ContentsFromFiles(manifest, []string{"gain=" + wasm}, nil)
	require.NoError(t, err)
	path := filepath.Join(dir, "bad.rmpkg")
	err = rmpkg.Create(context.Background(), path, contents)
	require.Error(t, err)
	assert.Equal(t, core.CodeInvalidInput, core.ErrorCode(err))
	var invalid *rmpkg.InvalidError
	require.True(t, errors.As(err, &invalid), "%v", err)
	assert.Equal(t, []rmpkg.Problem{{Entry: "manifest.json",
		Message: "runtime.wasm.memory_limit_mib: must be an integer between 1 and 4096, got number -1"}}, invalid.Problems)
	assert.NoFileExists(t, path)
}

func TestOpen_Errors(t *testing.T) {
	_, err := rmpkg.Open(filepath.Join(t.TempDir(), "missing.rmpkg"))
	assert.Equal(t, core.CodeInvalidInput, core.ErrorCode(err))

	notZip := filepath.Join(t.TempDir(), "x.rmpkg")
	require.NoError(t, os.WriteFile(notZip, []byte("text"), 0o644))
	_, err = rmpkg.Open(notZip)
	assert.Equal(t, core.CodeInvalidInput, core.ErrorCode(err))
}
