package wasmhost

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/remotemedia/remotemedia/core/frame"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.uber.org/goleak"
)

// A trap ends the resident call; the next frame starts a new one.
func TestInstance_Process_afterTrap(t *testing.T) {
	inst := newProbe(t, NewConfig())
	require.NoError(t, inst.Process(context.Background(), frame.Text("hello"), &collect{}))
	err := inst.Process(context.Background(), frame.Text("t"), &collect{})
	require.ErrorContains(t, err, "rm_process trapped")
	var out collect
	require.NoError(t, inst.Process(context.Background(), frame.Text("again"), &out))
	assert.Equal(t, []string{"again"}, out.texts())
}

// Closing instances and the host, whether their calls returned, trapped or
// were stopped, leaves no goroutine behind.
func TestHost_Close_leavesNoGoroutine(t *testing.T) {
	defer goleak.VerifyNone(t, goleak.IgnoreCurrent())
	ctx := context.Background()
	h, err := NewHost(ctx, NewConfig().WithCacheDir("").WithCallTimeout(50*time.Millisecond))
	require.NoError(t, err)
	mod, err := h.Compile(ctx, "probe", readFixture(t, "probe.wasm"))
	require.NoError(t, err)
	for _, input := range []string{"hello", "t", "loop", ""} {
		inst, err := mod.Instantiate(ctx)
		require.NoError(t, err)
		if input != "" {
			_ = inst.Process(ctx, frame.Text(input), &collect{})
		}
		require.NoError(t, inst.Close(ctx))
	}
	left, err := mod.Instantiate(ctx) // the host closes it
	require.NoError(t, err)
	require.NoError(t, left.Process(ctx, frame.Text("hello"), &collect{}))
	require.NoError(t, h.Close(ctx))
	require.NoError(t, left.Close(ctx))
}

// Many instances of one host process frames concurrently while their runs
// are cancelled at random points: every call returns a frame or the
// cancellation, and nothing races (run with -race).
func TestInstance_Process_hammer(t *testing.T) {
	h := newTestHost(t, NewConfig().WithCallTimeout(time.Second).
		WithPipelineMemoryLimit(budgetFor(8)))
	mod, err := h.Compile(context.Background(), "probe", readFixture(t, "probe.wasm"))
	require.NoError(t, err)
	var wg sync.WaitGroup
	errs := make(chan error, 8)
	for i := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			errs <- hammerInstance(mod, time.Duration(i+1)*3*time.Millisecond)
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		require.NoError(t, err)
	}
}

// hammerInstance sends frames, then a loop, until cancelAfter cancels the run.
func hammerInstance(mod *Module, cancelAfter time.Duration) error {
	inst, err := mod.Instantiate(context.Background())
	if err != nil {
		return err
	}
	defer inst.Close(context.Background())
	ctx, cancel := context.WithTimeout(context.Background(), cancelAfter)
	defer cancel()
	for i := 0; ; i++ {
		input := fmt.Sprint("frame ", i)
		if i == 200 {
			input = "loop"
		}
		var out collect
		err := inst.Process(ctx, frame.Text(input), &out)
		switch {
		case errors.Is(err, context.DeadlineExceeded):
			return nil
		case err != nil:
			return fmt.Errorf("frame %d: %w", i, err)
		case len(out.frames) != 1 || out.texts()[0] != input:
			return fmt.Errorf("frame %d: got %v", i, out.texts())
		}
	}
}
