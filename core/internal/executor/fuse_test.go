package executor

import (
	"context"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/remotemedia/remotemedia/core/frame"
	"github.com/remotemedia/remotemedia/core/node"
)

func light(s *node.Spec) *node.Spec { s.Light = true; return s }

func heavy(s *node.Spec) *node.Spec { s.Light = false; return s }

// python labels s a Python node, one that holds the GIL unless releasesGIL.
func python(s *node.Spec, releasesGIL bool) *node.Spec {
	s.Light, s.Runtime, s.ReleasesGIL = false, node.RuntimePython, releasesGIL
	return s
}

// fusedOf starts plan and reports, per node id, whether it runs on its
// predecessor's worker.
func fusedOf(t *testing.T, plan *Plan) map[string]bool {
	t.Helper()
	r, err := Start(context.Background(), plan, Options{})
	require.NoError(t, err)
	r.CloseInput()
	for range r.Outputs() {
	}
	require.NoError(t, r.Wait())
	out := map[string]bool{}
	for i, w := range r.workers {
		out[plan.Nodes[i].ID] = w.inlined
	}
	return out
}

func TestFuse_OnlyLightNodesWithOnePathJoinTheirPredecessor(t *testing.T) {
	deferring := spec("Deferring", func() node.Node { return &reorderer{window: 2, outs: func(v int) []int { return []int{v} }} })
	deferring.Light = true
	tests := []struct {
		name  string
		ids   []string
		specs map[string]*node.Spec
		edges [][2]string
		want  map[string]bool
	}{
		{"chain of light nodes", []string{"a", "b", "c"},
			map[string]*node.Spec{"a": light(passThrough()), "b": light(passThrough()), "c": light(passThrough())},
			[][2]string{{"a", "b"}, {"b", "c"}}, map[string]bool{"a": false, "b": true, "c": true}},
		{"a heavy node keeps its worker", []string{"a", "b", "c"},
			map[string]*node.Spec{"a": light(passThrough()), "b": heavy(passThrough()), "c": light(passThrough())},
			[][2]string{{"a", "b"}, {"b", "c"}}, map[string]bool{"a": false, "b": false, "c": true}},
		{"fan-out and fan-in are channels", []string{"a", "l", "r", "j"},
			map[string]*node.Spec{"a": light(passThrough()), "l": light(passThrough()), "r": light(passThrough()), "j": light(passThrough())},
			[][2]string{{"a", "l"}, {"a", "r"}, {"l", "j"}, {"r", "j"}}, map[string]bool{"a": false, "l": false, "r": false, "j": false}},
		{"Python nodes holding the GIL share a worker", []string{"a", "p", "q", "r"},
			map[string]*node.Spec{"a": heavy(passThrough()), "p": python(passThrough(), false), "q": python(passThrough(), false), "r": python(passThrough(), false)},
			[][2]string{{"a", "p"}, {"p", "q"}, {"q", "r"}}, map[string]bool{"a": false, "p": false, "q": true, "r": true}},
		{"a Python node releasing the GIL keeps its worker, and so does the next", []string{"p", "w", "q"},
			map[string]*node.Spec{"p": python(passThrough(), false), "w": python(passThrough(), true), "q": python(passThrough(), false)},
			[][2]string{{"p", "w"}, {"w", "q"}}, map[string]bool{"p": false, "w": false, "q": false}},
		{"a light Go node joins a Python node, not the reverse", []string{"p", "g", "q"},
			map[string]*node.Spec{"p": python(passThrough(), false), "g": light(passThrough()), "q": python(passThrough(), false)},
			[][2]string{{"p", "g"}, {"g", "q"}}, map[string]bool{"p": false, "g": true, "q": false}},
		{"deferring nodes keep their worker", []string{"a", "d", "c"},
			map[string]*node.Spec{"a": light(passThrough()), "d": deferring, "c": light(passThrough())},
			[][2]string{{"a", "d"}, {"d", "c"}}, map[string]bool{"a": false, "d": false, "c": false}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			plan := planOf(t, tt.ids, tt.specs, tt.edges...)
			assert.Equal(t, tt.want, fusedOf(t, plan))
			plan.NoFusion = true
			for id, fused := range fusedOf(t, plan) {
				assert.False(t, fused, "NoFusion: %s", id)
			}
		})
	}
}

// ticking is a light node that takes cost on the fake clock per item.
func ticking(now *atomic.Int64, cost time.Duration) *node.Spec {
	return light(spec("Ticking", func() node.Node {
		return &fn{process: func(_ context.Context, in *frame.Frame, out node.Emitter) error {
			now.Add(int64(cost))
			return out.Emit(in)
		}}
	}))
}

// A fused node's time is its own: its predecessor's latency does not
// include it, as it would not unfused. Past the first sampleEvery items
// only samples are timed; with a constant cost the estimate is exact.
func TestFuse_EachNodeMeasuresItsOwnTime(t *testing.T) {
	var now atomic.Int64
	plan := planOf(t, []string{"fast", "slow"},
		map[string]*node.Spec{"fast": ticking(&now, time.Millisecond), "slow": ticking(&now, 10*time.Millisecond)},
		[2]string{"fast", "slow"})
	r, err := Start(context.Background(), plan, Options{clock: func() time.Duration { return time.Duration(now.Load()) }})
	require.NoError(t, err)
	require.True(t, r.workers[1].inlined)
	const items = 800
	go func() {
		defer r.CloseInput()
		for range items {
			if r.Send(context.Background(), frame.JSON(1)) != nil {
				return
			}
		}
	}()
	n := 0
	for range r.Outputs() {
		n++
	}
	require.NoError(t, r.Wait())
	require.Equal(t, items, n)
	m := r.Metrics()
	assert.Equal(t, items*time.Millisecond, m[0].Busy)
	assert.Equal(t, items*10*time.Millisecond, m[1].Busy)
	assert.Equal(t, []uint64{items, items}, []uint64{m[0].Out, m[1].In})
	// Percentiles are bucket upper bounds, within 19% above the truth.
	assert.InDelta(t, 1.1*float64(time.Millisecond), float64(m[0].P50), 0.1*float64(time.Millisecond))
	assert.InDelta(t, 11*float64(time.Millisecond), float64(m[1].P99), 1*float64(time.Millisecond))
	// The sink times every call that emitted: one latency per output.
	require.NotNil(t, m[1].FromInput)
	assert.Equal(t, uint64(items), m[1].FromInput.Count)
}
