package wasmhost

import (
	"context"
	"fmt"
	"testing"

	"github.com/remotemedia/remotemedia/core/frame"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestHost_pipelineMemoryBudget_instantiate(t *testing.T) {
	// Each instance starts with 1 MiB and its call stacks; the budget holds two.
	wasm := genModule{memoryPages: 16}.bytes()
	stacks := stackReserve(t, wasm)
	h := newTestHost(t, NewConfig().WithPipelineMemoryLimit(2*(1<<20+stacks)))
	mod, err := h.Compile(context.Background(), "mib", wasm)
	require.NoError(t, err)
	t.Cleanup(func() { require.NoError(t, mod.Close(context.Background())) })

	a, err := mod.Instantiate(context.Background())
	require.NoError(t, err)
	b, err := mod.Instantiate(context.Background())
	require.NoError(t, err)
	_, err = mod.Instantiate(context.Background())
	require.EqualError(t, err, fmt.Sprintf("wasm:mib: instantiate: needs %[1]d MiB (initial memory, tables and call stacks), but the pipeline's WASM instances already use %[2]d MiB of their %[2]d MiB memory budget",
		(1<<20+stacks+1<<20-1)>>20, (2*(1<<20+stacks))>>20))

	require.NoError(t, a.Close(context.Background()))
	c, err := mod.Instantiate(context.Background())
	require.NoError(t, err, "closing an instance gives its memory back")
	require.NoError(t, b.Close(context.Background()))
	require.NoError(t, c.Close(context.Background()))
	assert.Zero(t, h.budget.inUse())
}

// TestInstance_memoryGrowPastPipelineBudget: each instance may grow to
// 256 MiB, but together they have 200 MiB besides their call stacks, so the
// second one's growth by 128 MiB is refused and never allocated.
func TestInstance_memoryGrowPastPipelineBudget(t *testing.T) {
	stacks := 2 * stackReserve(t, readFixture(t, "probe.wasm"))
	h := newTestHost(t, NewConfig().WithMemoryLimit(256<<20).WithCallTimeout(growCallTimeout).WithPipelineMemoryLimit(200<<20+stacks))
	mod, err := h.Compile(context.Background(), "probe", readFixture(t, "probe.wasm"))
	require.NoError(t, err)
	t.Cleanup(func() { require.NoError(t, mod.Close(context.Background())) })
	first, second := instantiate(t, mod), instantiate(t, mod)

	require.NoError(t, first.Process(context.Background(), frame.Text("m"), &collect{}))
	assert.Equal(t, uint32(128<<20+wasmPageSize), first.MemorySize())

	err = second.Process(context.Background(), frame.Text("m"), &collect{})
	require.EqualError(t, err, fmt.Sprintf("wasm:probe: rm_process: growing memory failed (memory.grow was refused: the pipeline's WASM instances together reached the %d MiB memory budget)", (200<<20+stacks)>>20))
	assert.Equal(t, uint32(wasmPageSize), second.MemorySize())
	assert.Equal(t, int64(128<<20+2*wasmPageSize)+stacks, h.budget.inUse())

	var out collect
	require.NoError(t, second.Process(context.Background(), frame.Text("hello"), &out), "a refusal fails that input only")
	assert.Equal(t, []string{"hello"}, out.texts())
}

func instantiate(t *testing.T, mod *Module) *Instance {
	t.Helper()
	inst, err := mod.Instantiate(context.Background())
	require.NoError(t, err)
	t.Cleanup(func() { require.NoError(t, inst.Close(context.Background())) })
	return inst
}
