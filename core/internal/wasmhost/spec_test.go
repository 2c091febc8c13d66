package wasmhost

import (
	"context"
	"sync"
	"testing"

	"github.com/remotemedia/remotemedia/core/frame"
	"github.com/remotemedia/remotemedia/core/node"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestHost_NewSpec(t *testing.T) {
	h := newTestHost(t, NewConfig())
	tests := []struct {
		name    string
		node    string
		fixture string
		wantErr string
	}{
		{name: "valid", node: "probe", fixture: "probe.wasm"},
		{name: "bad name", node: "../probe", fixture: "probe.wasm", wantErr: `wasm node name "../probe"`},
		{name: "broken module fails at load", node: "broken", fixture: "broken_abi.wasm", wantErr: "does not implement ABI v1"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			spec, err := h.NewSpec(context.Background(), tt.node, readFixture(t, tt.fixture))
			if tt.wantErr != "" {
				require.ErrorContains(t, err, tt.wantErr)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, "wasm:probe", spec.Type)
			assert.Equal(t, node.RuntimeWASM, spec.Runtime)
			require.NoError(t, node.NewRegistry().Register(spec))
		})
	}
}

// runNode drives a node the way the executor does: Init, Process per
// input, Flush, Close.
func runNode(t *testing.T, spec node.Spec, params node.Params, inputs ...string) ([]string, error) {
	t.Helper()
	n, err := spec.New(params)
	require.NoError(t, err)
	defer func() { require.NoError(t, n.(node.Closer).Close()) }()
	ctx := context.Background()
	var out collect
	if err := n.(node.Initializer).Init(ctx); err != nil {
		return nil, err
	}
	for _, in := range inputs {
		if err := n.Process(ctx, frame.Text(in), &out); err != nil {
			return out.texts(), err
		}
	}
	err = n.(node.Flusher).Flush(ctx, &out)
	return out.texts(), err
}

func TestSpec_New(t *testing.T) {
	spec, err := newTestHost(t, NewConfig()).NewSpec(context.Background(), "probe", readFixture(t, "probe.wasm"))
	require.NoError(t, err)
	tests := []struct {
		name    string
		params  node.Params
		inputs  []string
		want    []string
		wantErr string
	}{
		{name: "process then flush", inputs: []string{"a", "n", "x"}, want: []string{"a", "x", "x", "flushed"}},
		{name: "params reach rm_init", params: node.Params{"mode": "!"}, wantErr: "wasm:probe: rm_init: init rejected params"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := runNode(t, spec, tt.params, tt.inputs...)
			if tt.wantErr != "" {
				require.ErrorContains(t, err, tt.wantErr)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tt.want, got)
		})
	}
}

// TestSpec_New_hammer runs many nodes of one spec at once: each has its own
// instance, so they must not interfere (run with -race).
func TestSpec_New_hammer(t *testing.T) {
	spec, err := newTestHost(t, NewConfig().WithPipelineMemoryLimit(budgetFor(8))).NewSpec(context.Background(), "probe", readFixture(t, "probe.wasm"))
	require.NoError(t, err)
	var wg sync.WaitGroup
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			n, err := spec.New(nil)
			if !assert.NoError(t, err) {
				return
			}
			defer n.(node.Closer).Close()
			var out collect
			for i := 0; i < 200; i++ {
				if !assert.NoError(t, n.Process(context.Background(), frame.Text("hello"), &out)) {
					return
				}
			}
			assert.Len(t, out.frames, 200)
		}()
	}
	wg.Wait()
}
