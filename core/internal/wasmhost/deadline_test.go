package wasmhost

import (
	"context"
	"testing"
	"time"

	"github.com/remotemedia/remotemedia/core/frame"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The timer is armed once and re-arms itself for the running call: quick
// calls spanning several timeouts never trip it, and a loop after them
// still does, about one timeout after it started.
func TestInstance_Process_deadlineAfterManyQuickCalls(t *testing.T) {
	const timeout = 50 * time.Millisecond
	inst := newProbe(t, NewConfig().WithCallTimeout(timeout))
	for end := time.Now().Add(4 * timeout); time.Now().Before(end); {
		require.NoError(t, inst.Process(context.Background(), frame.Text("hello"), &collect{}))
	}
	start := time.Now()
	err := inst.Process(context.Background(), frame.Text("loop"), &collect{})
	require.ErrorContains(t, err, "wasm:probe: rm_process exceeded the 50ms call deadline; the instance was stopped")
	assert.GreaterOrEqual(t, time.Since(start), timeout)
	assert.Less(t, time.Since(start), 20*timeout)
}

// The timer, armed by a quick call, fires while a loop that started later
// runs: it re-arms for the loop's own deadline instead of stopping it early
// or forgetting it.
func TestInstance_Process_deadlineOfALaterCall(t *testing.T) {
	const timeout = 100 * time.Millisecond
	inst := newProbe(t, NewConfig().WithCallTimeout(timeout))
	require.NoError(t, inst.Process(context.Background(), frame.Text("hello"), &collect{}))
	time.Sleep(timeout / 2)
	start := time.Now()
	err := inst.Process(context.Background(), frame.Text("loop"), &collect{})
	require.ErrorContains(t, err, "rm_process exceeded the 100ms call deadline")
	assert.GreaterOrEqual(t, time.Since(start), timeout)
}

// Calls shorter than the timeout, separated by idle time longer than it,
// never trip the deadline.
func TestInstance_Process_idleBetweenCalls(t *testing.T) {
	const timeout = 20 * time.Millisecond
	inst := newProbe(t, NewConfig().WithCallTimeout(timeout))
	for range 3 {
		require.NoError(t, inst.Process(context.Background(), frame.Text("hello"), &collect{}))
		time.Sleep(2 * timeout)
	}
}

func TestInstance_Process_cancelStopsRunningCall(t *testing.T) {
	inst := newProbe(t, NewConfig()) // the 5 s deadline must not be what stops it
	ctx, cancel := context.WithCancel(context.Background())
	time.AfterFunc(50*time.Millisecond, cancel)
	start := time.Now()
	err := inst.Process(ctx, frame.Text("loop"), &collect{})
	require.ErrorIs(t, err, context.Canceled)
	assert.ErrorContains(t, err, "wasm:probe: rm_process: context canceled")
	assert.Less(t, time.Since(start), time.Second)

	err = inst.Process(context.Background(), frame.Text("hello"), &collect{})
	require.ErrorContains(t, err, "instance was stopped earlier: context canceled")
}

// A context cancelled after its call returned (say Init's) does not stop
// the instance: calls run under the instance's own context.
func TestInstance_Process_earlierContextCancelled(t *testing.T) {
	inst := newProbe(t, NewConfig())
	initCtx, cancel := context.WithCancel(context.Background())
	require.NoError(t, inst.Init(initCtx, []byte("{}")))
	cancel()
	time.Sleep(10 * time.Millisecond) // let context.AfterFunc run, if it were to
	var out collect
	require.NoError(t, inst.Process(context.Background(), frame.Text("hello"), &out))
	assert.Equal(t, []string{"hello"}, out.texts())
}

func TestInstance_Flush_deadline(t *testing.T) {
	inst := newProbe(t, NewConfig().WithCallTimeout(50*time.Millisecond))
	require.NoError(t, inst.Flush(context.Background(), &collect{}))
	err := inst.Process(context.Background(), frame.Text("loop"), &collect{})
	require.ErrorContains(t, err, "rm_process exceeded the 50ms call deadline")
	err = inst.Flush(context.Background(), &collect{})
	require.ErrorContains(t, err, "wasm:probe: rm_flush: instance was stopped earlier: rm_process exceeded the 50ms call deadline")
}
