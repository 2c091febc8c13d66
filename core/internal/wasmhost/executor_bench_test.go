package wasmhost

import (
	"context"
	"testing"

	"github.com/remotemedia/remotemedia/core"
	"github.com/remotemedia/remotemedia/core/frame"
	"github.com/remotemedia/remotemedia/core/node"
	"github.com/stretchr/testify/require"
)

// BenchmarkExecutorCall is the per-item cost of a trivial node inside the
// executor: a batch run of 10,000 5-byte text frames through one echo node,
// as native Go and as WASM (echo.wat) sandboxed and trusted, side by side.
// "ns/item" divides a run by its items, so the run's fixed cost is spread.
func BenchmarkExecutorCall(b *testing.B) {
	inputs := make([]*frame.Frame, 10_000)
	for i := range inputs {
		inputs[i] = frame.Text("hello")
	}
	native := node.Spec{Type: "echo", New: func(node.Params) (node.Node, error) {
		return node.Func(func(_ context.Context, in *frame.Frame) (*frame.Frame, error) { return in, nil }), nil
	}}
	b.Run("native-go", func(b *testing.B) { benchPipeline(b, native, inputs) })
	for _, mode := range wasmModes {
		b.Run("wasm-wat-"+mode.name, func(b *testing.B) {
			spec := exampleSpecOn(b, benchHost(b, mode.cfg), "echo", "../../core/internal/wasmhost/testdata/echo.wasm")
			benchPipeline(b, spec, inputs)
		})
	}
}

func benchPipeline(b *testing.B, spec node.Spec, inputs []*frame.Frame) {
	reg := node.NewRegistry()
	require.NoError(b, reg.Register(spec))
	cfg := core.NewConfig().WithRegistry(reg)
	m, err := core.ParseManifest([]byte(`{"version": "v1", "nodes": [{"id": "n", "node_type": "`+spec.Type+`"}]}`), cfg)
	require.NoError(b, err)
	p, err := core.NewPipeline(m, cfg)
	require.NoError(b, err)
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		res, err := p.Run(context.Background(), inputs)
		if err != nil {
			b.Fatal(err)
		}
		_ = res
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(inputs)), "ns/item")
}
