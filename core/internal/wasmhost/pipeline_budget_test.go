package wasmhost

import (
	"context"
	"fmt"
	"testing"

	"github.com/remotemedia/remotemedia/core"
	"github.com/remotemedia/remotemedia/core/frame"
	"github.com/remotemedia/remotemedia/core/node"
	"github.com/stretchr/testify/require"
)

// TestPipeline_memoryBudgetNamesTheNode is the report's three nodes of
// 2 GiB, scaled down: three probes that may each grow to 512 MiB grow by
// 128 MiB per input, in a pipeline whose budget holds two such steps. Each
// gets two inputs, so no node can finish (and give its memory back) before
// it has grown twice: whatever the scheduling, a third step is refused,
// never allocated, and the run's error names the node.
func TestPipeline_memoryBudgetNamesTheNode(t *testing.T) {
	stacks := 3 * stackReserve(t, readFixture(t, "probe.wasm"))
	h := newTestHost(t, NewConfig().WithMemoryLimit(512<<20).WithCallTimeout(growCallTimeout).WithPipelineMemoryLimit(300<<20+stacks))
	spec, err := h.NewSpec(context.Background(), "probe", readFixture(t, "probe.wasm"))
	require.NoError(t, err)
	reg := node.NewRegistry()
	require.NoError(t, reg.Register(spec))
	cfg := core.NewConfig().WithRegistry(reg)
	m, err := core.ParseManifest([]byte(`{"version": "v1", "nodes": [
		{"id": "a", "node_type": "wasm:probe"}, {"id": "b", "node_type": "wasm:probe"}, {"id": "c", "node_type": "wasm:probe"}
	], "connections": []}`), cfg)
	require.NoError(t, err)
	p, err := core.NewPipeline(m, cfg)
	require.NoError(t, err)

	_, err = p.Run(context.Background(), []*frame.Frame{frame.Text("m"), frame.Text("m")})
	require.Error(t, err)
	require.Regexp(t, fmt.Sprintf(`^node\[[abc]\] input\[[01]\]: wasm:probe: rm_process: growing memory failed \(memory.grow was refused: the pipeline's WASM instances together reached the %d MiB memory budget\)$`, (300<<20+stacks)>>20), err.Error())
	require.Zero(t, h.budget.inUse(), "the run's instances gave their memory back")
}
