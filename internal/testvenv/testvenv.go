// Package testvenv gives Go tests the project's Python venv (.venv at the
// repository root), where `make speech-models` installs numpy, ONNX Runtime
// and the speech models. Tests that need it fail, never skip, when it is
// missing, and say which make target installs it: CI installs it through
// `make test`'s dependencies, so a silent skip would hide a broken setup.
package testvenv

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/remotemedia/remotemedia/internal/testvectors"
)

// InstallTarget is the make target that installs what these tests need.
const InstallTarget = "make speech-models"

// Dir is the venv directory: <repo>/.venv.
func Dir(t testing.TB) string {
	t.Helper()
	return filepath.Join(testvectors.RepoRoot(t), ".venv")
}

// Python returns the venv's python after checking that it imports every
// module in modules.
func Python(t testing.TB, modules ...string) string {
	t.Helper()
	py := filepath.Join(Dir(t), "bin", "python")
	if _, err := os.Stat(py); err != nil {
		t.Fatalf("%s not found: run `%s` to create the venv with the speech packages", py, InstallTarget)
	}
	if len(modules) > 0 {
		out, err := exec.Command(py, "-c", "import "+strings.Join(modules, ", ")).CombinedOutput()
		if err != nil {
			t.Fatalf("the venv's python cannot import %s: run `%s` (%v: %s)",
				strings.Join(modules, ", "), InstallTarget, err, out)
		}
	}
	return py
}
