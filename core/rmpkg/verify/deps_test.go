package verify_test

import (
	"os/exec"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestBuildsWithoutAWASMRuntime: the browser engine imports this package,
// and it must not bring wazero (or the host built on it) into that build.
func TestBuildsWithoutAWASMRuntime(t *testing.T) {
	if testing.Short() {
		t.Skip("runs go list")
	}
	for _, pkg := range []string{".", "../../../browser-demo/engine"} {
		cmd := exec.Command("go", "list", "-deps", pkg)
		cmd.Env = append(cmd.Environ(), "GOOS=js", "GOARCH=wasm")
		out, err := cmd.CombinedOutput()
		require.NoError(t, err, "%s", out)
		for _, dep := range strings.Fields(string(out)) {
			if strings.Contains(dep, "wazero") || strings.HasSuffix(dep, "/wasmhost") {
				t.Errorf("%s depends on %s", pkg, dep)
			}
		}
	}
}
