package wasmhost

import (
	"bytes"
	"context"
	"fmt"
	"runtime"
	"testing"
	"time"

	"github.com/remotemedia/remotemedia/core/frame"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestInstance_callStackInBudget: a guest that recurses without end makes
// wazero grow its call stack, Go memory outside the guest's 1 MiB memory
// limit, to about 84 MB before the "stack overflow" trap, in rm_process
// (the resident call, whose stack the instance keeps) and in rm_flush (a
// call of its own). The pipeline's budget holds, from instantiation,
// everything those stacks keep and allocate (issue 9: it counted none).
func TestInstance_callStackInBudget(t *testing.T) {
	for name, timeout := range map[string]time.Duration{"resident": time.Minute, "trusted, no deadline": 0} {
		t.Run(name, func(t *testing.T) { checkCallStacksInBudget(t, timeout) })
	}
}

func checkCallStacksInBudget(t *testing.T, timeout time.Duration) {
	ctx := context.Background()
	h := newTestHost(t, NewConfig().WithMemoryLimit(1<<20).WithCallTimeout(timeout))
	mod, err := h.Compile(ctx, "deep", readFixture(t, "deep.wasm"))
	require.NoError(t, err)
	t.Cleanup(func() { require.NoError(t, mod.Close(ctx)) })
	in := instantiate(t, mod)
	t.Cleanup(func() { require.NoError(t, in.Close(ctx)) })
	reserved := h.budget.inUse() - int64(in.MemorySize())
	require.Equal(t, callStackReserve(timeout > 0, mod.limits.frameBytes), reserved, "the budget holds the instance's call stacks")

	base := heapInUse()
	allocated := allocatedBy(t, func() error { return in.Process(ctx, frame.Text("x"), &collect{}) })
	kept := heapInUse() - base
	t.Logf("rm_process: allocated %d MB, kept %d MB; reserved %d MB", allocated/1e6, kept/1e6, reserved/1e6)
	assert.Greater(t, allocated, int64(64<<20), "the guest's stack grew far past its memory limit")
	assert.LessOrEqual(t, allocated, reserved)
	assert.LessOrEqual(t, kept, callStackBytes(mod.limits.frameBytes))

	allocated = allocatedBy(t, func() error { return in.Flush(ctx, &collect{}) })
	t.Logf("rm_flush: allocated %d MB", allocated/1e6)
	assert.Greater(t, allocated, int64(64<<20))
	assert.LessOrEqual(t, kept+allocated, reserved, "the kept stack and a second call's fit together")
}

// TestHost_budgetRefusesCallStacks: an instance whose call stacks do not
// fit in what is left of the budget does not start, and the error says what
// it needs.
func TestHost_budgetRefusesCallStacks(t *testing.T) {
	ctx := context.Background()
	need := stackReserve(t, readFixture(t, "deep.wasm")) + wasmPageSize
	h := newTestHost(t, NewConfig().WithPipelineMemoryLimit(need+need/2))
	mod, err := h.Compile(ctx, "deep", readFixture(t, "deep.wasm"))
	require.NoError(t, err)
	t.Cleanup(func() { require.NoError(t, mod.Close(ctx)) })
	first := instantiate(t, mod)
	_, err = mod.Instantiate(ctx)
	require.EqualError(t, err, fmt.Sprintf("wasm:deep: instantiate: needs %d MiB (initial memory, tables and call stacks), but the pipeline's WASM instances already use %d MiB of their %d MiB memory budget",
		(need+1<<20-1)>>20, need>>20, (need+need/2)>>20))
	require.NoError(t, first.Close(ctx))
	assert.Zero(t, h.budget.inUse())
}

// allocatedBy runs call, which must fail with wazero's stack overflow, and
// returns the bytes Go allocated meanwhile.
func allocatedBy(t *testing.T, call func() error) int64 {
	t.Helper()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	err := call()
	runtime.ReadMemStats(&after)
	require.ErrorContains(t, err, "stack overflow")
	return int64(after.TotalAlloc - before.TotalAlloc)
}

// heapInUse is the live heap after a collection.
func heapInUse() int64 {
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return int64(m.HeapAlloc)
}

// TestFrameBytes_followsTheLargestFunction: a function's locals and code
// raise the frame the host allows for, and so the reservation: a guest
// cannot pass a stack's bound with a few huge frames.
func TestFrameBytes_followsTheLargestFunction(t *testing.T) {
	frame := func(process []byte) int64 {
		shape, err := scanModule(genModule{process: process}.bytes())
		require.NoError(t, err)
		return frameBytes(shape)
	}
	small := frame(nil)
	locals := frame(cat([]byte{1}, leb(40_000), []byte{0x7b, 0x42, 0, 0x0b})) // 40,000 v128 locals
	code := frame(cat([]byte{0}, bytes.Repeat([]byte{0x42, 0, 0x1a}, 20_000), []byte{0x42, 0, 0x0b}))
	assert.Less(t, small, int64(8<<10))
	assert.GreaterOrEqual(t, locals, int64(16*40_000), "16 bytes per local")
	assert.GreaterOrEqual(t, code, int64(16*60_000), "16 bytes per byte of code")

	h := newTestHost(t, NewConfig())
	mod, err := h.Compile(context.Background(), "locals", genModule{process: cat([]byte{1}, leb(40_000), []byte{0x7b, 0x42, 0, 0x0b})}.bytes())
	require.NoError(t, err)
	t.Cleanup(func() { require.NoError(t, mod.Close(context.Background())) })
	assert.Equal(t, locals, mod.limits.frameBytes)
	in := instantiate(t, mod)
	t.Cleanup(func() { require.NoError(t, in.Close(context.Background())) })
	assert.Equal(t, callStackReserve(true, locals), h.budget.inUse()-int64(in.MemorySize()))
}
