package wasmhost

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/remotemedia/remotemedia/core/frame"
	"github.com/stretchr/testify/require"
	"go.uber.org/goleak"
)

func TestMain(m *testing.M) {
	code := m.Run()
	for _, shared := range []func() (*Host, error){exampleHost, fuzzHost} {
		if h, err := shared(); err == nil {
			_ = h.Close(context.Background())
		}
	}
	if err := goleak.Find(); err != nil && code == 0 {
		fmt.Fprintln(os.Stderr, "goleak:", err)
		code = 1
	}
	os.Exit(code)
}

// newTestHost returns a host without a disk cache, closed with the test.
func newTestHost(t testing.TB, cfg Config) *Host {
	t.Helper()
	h, err := NewHost(context.Background(), cfg.WithCacheDir(""))
	require.NoError(t, err)
	t.Cleanup(func() { require.NoError(t, h.Close(context.Background())) })
	return h
}

// growCallTimeout is the call deadline of tests whose guest grows memory by
// 128 MiB: under the race detector the host's copy of that memory takes
// seconds on a loaded machine, and those tests are about memory, not time.
const growCallTimeout = time.Minute

// budgetFor is a pipeline memory budget that holds n instances of the
// small test modules at the default memory limit, call stacks included.
func budgetFor(n int) int64 { return int64(n) * (DefaultMemoryLimit + callStackReserve(true, 1<<20)) }

// stackReserve is the call-stack reservation of an instance of wasm with
// a deadline.
func stackReserve(t testing.TB, wasm []byte) int64 {
	t.Helper()
	shape, err := scanModule(wasm)
	require.NoError(t, err)
	return callStackReserve(true, frameBytes(shape))
}

func readFixture(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	require.NoError(t, err)
	return b
}

// newProbe instantiates testdata/probe.wasm on a fresh host.
func newProbe(t testing.TB, cfg Config) *Instance {
	t.Helper()
	mod, err := newTestHost(t, cfg).Compile(context.Background(), "probe", readFixture(t, "probe.wasm"))
	require.NoError(t, err)
	inst, err := mod.Instantiate(context.Background())
	require.NoError(t, err)
	t.Cleanup(func() { require.NoError(t, inst.Close(context.Background())) })
	return inst
}

// collect is an Emitter that records frames, or fails with err.
type collect struct {
	mu     sync.Mutex
	frames []*frame.Frame
	err    error
}

func (c *collect) Emit(f *frame.Frame) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.err != nil {
		return c.err
	}
	c.frames = append(c.frames, f)
	return nil
}

func (c *collect) texts() []string {
	var out []string
	for _, f := range c.frames {
		out = append(out, f.TextValue())
	}
	return out
}

func listFiles(dir string) ([]string, error) {
	var files []string
	err := filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			files = append(files, path)
		}
		return err
	})
	return files, err
}
