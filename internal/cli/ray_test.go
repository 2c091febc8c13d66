package cli

import (
	"strings"
	"testing"
)

func TestRay_NeedsThePipInstalledCommand(t *testing.T) {
	for _, args := range [][]string{
		{"ray"},
		{"ray", "run", "m.json", "--input-dir", "in", "--output-dir", "out", "--concurrency", "2"},
		{"ray", "--help-me"},
	} {
		r := runCLI(t, "", args...)
		if r.code != ExitInvalid || r.stdout != "" {
			t.Fatalf("%v: exit %d, stdout %q", args, r.code, r.stdout)
		}
		if want := "error: " + rayNeedsPython + "\n"; r.stderr != want {
			t.Fatalf("%v: stderr %q, want %q", args, r.stderr, want)
		}
	}
	if !strings.Contains(rayNeedsPython, "pip install 'remotemedia[ray]'") {
		t.Fatal("the message must name the extra")
	}
}
