package speech

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/remotemedia/remotemedia/core/node"
)

func buildErr(t *testing.T, typ string, params map[string]any) error {
	t.Helper()
	spec, _ := node.Default().Lookup(typ)
	p, errs := spec.ValidateParams(params)
	require.Empty(t, errs)
	_, err := spec.New(p)
	return err
}

func TestModel_Locate_InstalledFilesMatchTheirPins(t *testing.T) {
	for _, m := range []model{sileroVADModel, smartTurnModel} {
		p, err := m.locate("")
		require.NoError(t, err, "run `make speech-models`")
		require.FileExists(t, p)
	}
}

// A truncated copy found where pinned files are looked for fails the hash
// check when the pipeline is built.
func TestModel_Locate_TruncatedCopyFailsItsPin(t *testing.T) {
	for typ, m := range map[string]model{sileroType: sileroVADModel, turnType: smartTurnModel} {
		t.Run(typ, func(t *testing.T) {
			src, err := m.locate("")
			require.NoError(t, err, "run `make speech-models`")
			dir := t.TempDir()
			truncatedCopy(t, src, dir, m.file)
			t.Setenv(EnvModels, dir)
			err = buildErr(t, typ, nil)
			require.ErrorContains(t, err, typ+": model "+filepath.Join(dir, m.file)+" has sha256")
			require.ErrorContains(t, err, "corrupt or another version")
		})
	}
}

// A truncated file given as the model param is not pinned, so it reaches
// ONNX Runtime: loading it is an error in Init, not a crash.
func TestModel_TruncatedModelParamFailsInit(t *testing.T) {
	for typ, m := range map[string]model{sileroType: sileroVADModel, turnType: smartTurnModel} {
		src, err := m.locate("")
		require.NoError(t, err, "run `make speech-models`")
		bad := truncatedCopy(t, src, t.TempDir(), m.file)
		spec, _ := node.Default().Lookup(typ)
		p, _ := spec.ValidateParams(map[string]any{"model": bad})
		n, err := spec.New(p)
		require.NoError(t, err)
		err = n.(node.Initializer).Init(t.Context())
		require.ErrorContains(t, err, typ+": load model "+bad)
		require.NoError(t, n.(node.Closer).Close())
	}
}

func TestModel_Locate_Missing(t *testing.T) {
	t.Run("model param", func(t *testing.T) {
		err := buildErr(t, sileroType, map[string]any{"model": "/nonexistent/vad.onnx"})
		require.ErrorContains(t, err, "SileroVADNode: model /nonexistent/vad.onnx: no such file")
	})
	t.Run(EnvModels, func(t *testing.T) {
		t.Setenv(EnvModels, t.TempDir())
		require.ErrorContains(t, buildErr(t, turnType, nil), "holds no smart-turn-v3.2-cpu.onnx")
	})
	t.Run("no Python environment", func(t *testing.T) {
		t.Chdir(t.TempDir())
		t.Setenv("VIRTUAL_ENV", "")
		err := buildErr(t, sileroType, nil)
		require.ErrorContains(t, err, "SileroVADNode: model silero_vad.onnx not found: install it with pip install --no-deps silero-vad==6.2.3")
	})
	t.Run(EnvRuntime, func(t *testing.T) {
		t.Setenv(EnvRuntime, filepath.Join(t.TempDir(), "libonnxruntime.so"))
		require.ErrorContains(t, buildErr(t, sileroType, nil), "REMOTEMEDIA_ONNXRUNTIME=")
	})
	t.Run("runtime not installed", func(t *testing.T) {
		src, err := sileroVADModel.locate("")
		require.NoError(t, err, "run `make speech-models`")
		t.Chdir(t.TempDir())
		t.Setenv("VIRTUAL_ENV", "")
		err = buildErr(t, sileroType, map[string]any{"model": src})
		require.ErrorContains(t, err, "SileroVADNode: ONNX Runtime not found: set REMOTEMEDIA_ONNXRUNTIME")
	})
}

func TestSitePackages_VirtualEnvFirst(t *testing.T) {
	venv := t.TempDir()
	sp := filepath.Join(venv, "lib", "python3.12", "site-packages")
	require.NoError(t, os.MkdirAll(sp, 0o755))
	t.Setenv("VIRTUAL_ENV", venv)
	require.Equal(t, sp, sitePackages()[0])
}
