package wasmhost

import (
	"context"
	"os"
	"os/exec"
	"testing"
	"time"
)

// Limits of the child process hostile tests run in: a regression then
// fails to allocate or is killed, instead of taking the machine's memory.
const (
	hostileAddressSpace = "4294967296" // bytes
	hostileCPUSeconds   = "120"
	hostileEnv          = "WASMHOST_UNDER_LIMITS"
)

// underLimits runs the calling top-level test again in a child process
// under prlimit, and reports true in the parent, which then returns: the
// child ran the test. Under -race it skips, because the race detector's
// shadow memory needs the whole address space; `make test-hostile` runs
// these tests without it.
func underLimits(t *testing.T) bool {
	t.Helper()
	if os.Getenv(hostileEnv) != "" {
		return false
	}
	if raceEnabled {
		t.Skip("hostile test: runs under prlimit, which -race cannot (make test-hostile runs it)")
	}
	prlimit, err := exec.LookPath("prlimit")
	if err != nil {
		t.Skip("hostile test: needs prlimit (util-linux)")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, prlimit, "--as="+hostileAddressSpace, "--cpu="+hostileCPUSeconds, "--",
		os.Args[0], "-test.run=^"+t.Name()+"$", "-test.count=1", "-test.v")
	cmd.Env = append(os.Environ(), hostileEnv+"=1")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("under limits: %v\n%s", err, out)
	}
	t.Logf("ran under limits (address space %s bytes, %s s of CPU):\n%s", hostileAddressSpace, hostileCPUSeconds, out)
	return true
}
