package executor

import (
	"context"
	"errors"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.uber.org/goleak"

	"github.com/remotemedia/remotemedia/core/frame"
	"github.com/remotemedia/remotemedia/core/node"
)

func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

func TestRunBatch_Topologies(t *testing.T) {
	double := mapInt(func(v int) int { return v * 2 })
	plus := func(n int) *node.Spec { return mapInt(func(v int) int { return v + n }) }
	tests := []struct {
		name   string
		ids    []string
		specs  map[string]*node.Spec
		edges  [][2]string
		inputs []int
		want   map[string][]int
	}{
		{
			name: "linear", ids: []string{"a", "b"},
			specs: map[string]*node.Spec{"a": double, "b": plus(10)},
			edges: [][2]string{{"a", "b"}}, inputs: []int{5, 7, 3},
			want: map[string][]int{"b": {20, 24, 16}},
		},
		{
			name: "fan-out to two sinks", ids: []string{"src", "d", "p"},
			specs: map[string]*node.Spec{"src": passThrough(), "d": double, "p": plus(100)},
			edges: [][2]string{{"src", "d"}, {"src", "p"}}, inputs: []int{10, 20},
			want: map[string][]int{"d": {20, 40}, "p": {110, 120}},
		},
		{
			name: "fan-in from two sources", ids: []string{"x", "y", "sink"},
			specs: map[string]*node.Spec{"x": plus(0), "y": double, "sink": passThrough()},
			edges: [][2]string{{"x", "sink"}, {"y", "sink"}}, inputs: []int{5, 6},
			// per input: x's branch (pred 0) before y's (pred 1)
			want: map[string][]int{"sink": {5, 10, 6, 12}},
		},
		{
			name: "diamond", ids: []string{"m", "l", "r", "j"},
			specs: map[string]*node.Spec{"m": double, "l": plus(0), "r": plus(3), "j": passThrough()},
			edges: [][2]string{{"m", "l"}, {"m", "r"}, {"l", "j"}, {"r", "j"}}, inputs: []int{7, 8},
			want: map[string][]int{"j": {14, 17, 16, 19}},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			plan := planOf(t, tc.ids, tc.specs, tc.edges...)
			res, err := RunBatch(context.Background(), plan, Options{}, ints(tc.inputs...))
			require.NoError(t, err)
			got := map[string][]int{}
			for sink, frames := range res.Outputs {
				got[sink] = valuesOf(t, frames)
			}
			assert.Equal(t, tc.want, got)
		})
	}
}

func TestRunBatch_DeterministicAcrossRuns(t *testing.T) {
	// A slow left branch makes arrival order differ from input order; the
	// batch result must not.
	slow := spec("Slow", func() node.Node {
		return &fn{process: func(_ context.Context, in *frame.Frame, out node.Emitter) error {
			time.Sleep(50 * time.Microsecond)
			return out.Emit(in)
		}}
	})
	plan := planOf(t, []string{"m", "l", "r", "j"},
		map[string]*node.Spec{"m": passThrough(), "l": slow, "r": mapInt(func(v int) int { return -v }), "j": passThrough()},
		[2]string{"m", "l"}, [2]string{"m", "r"}, [2]string{"l", "j"}, [2]string{"r", "j"})
	inputs := make([]int, 200)
	var want []int
	for i := range inputs {
		inputs[i] = i + 1
		want = append(want, i+1, -(i + 1))
	}
	for range 5 {
		res, err := RunBatch(context.Background(), plan, Options{QueueSize: 4}, ints(inputs...))
		require.NoError(t, err)
		require.Equal(t, want, valuesOf(t, res.Outputs["j"]))
	}
}

func TestRunBatch_MultiOutputDropAndFlush(t *testing.T) {
	// "split" emits v copies of v (0 emits nothing) and, at end of stream,
	// the count of inputs it saw.
	split := spec("Split", func() node.Node {
		seen := 0
		return withLifecycle{&fn{
			process: func(_ context.Context, in *frame.Frame, out node.Emitter) error {
				v, _ := intOf(in)
				seen++
				for range v {
					if err := out.Emit(in); err != nil {
						return err
					}
				}
				return nil
			},
			flush: func(out node.Emitter) error { return out.Emit(frame.JSON(1000 + seen)) },
		}}
	})
	plan := planOf(t, []string{"s", "inc"}, map[string]*node.Spec{"s": split, "inc": mapInt(func(v int) int { return v + 1 })}, [2]string{"s", "inc"})
	res, err := RunBatch(context.Background(), plan, Options{}, ints(2, 0, 3))
	require.NoError(t, err)
	assert.Equal(t, []int{3, 3, 4, 4, 4, 1004}, valuesOf(t, res.Outputs["inc"]))
}

func TestRunBatch_ErrorNamesNodeAndInput(t *testing.T) {
	var closed atomic.Int32
	failOn := func(bad int) *node.Spec {
		return spec("FailOn", func() node.Node {
			return withLifecycle{&fn{closed: &closed, process: func(_ context.Context, in *frame.Frame, out node.Emitter) error {
				if v, _ := intOf(in); v == bad {
					return errors.New("bad value")
				}
				return out.Emit(in)
			}}}
		})
	}
	plan := planOf(t, []string{"first", "second"}, map[string]*node.Spec{"first": failOn(-1), "second": failOn(7)}, [2]string{"first", "second"})
	_, err := RunBatch(context.Background(), plan, Options{}, ints(1, 2, 7, 4))
	ne := nodeErrorOf(t, err)
	assert.Equal(t, "second", ne.Node)
	assert.Equal(t, 2, ne.Input)
	assert.Equal(t, PhaseProcess, ne.Phase)
	assert.EqualError(t, err, "node[second] input[2]: bad value")
	assert.Equal(t, int32(2), closed.Load(), "Close runs on every node even when the run fails")
}

func TestRunBatch_PanicBecomesError(t *testing.T) {
	boom := spec("Boom", func() node.Node {
		return &fn{process: func(context.Context, *frame.Frame, node.Emitter) error { panic("kaboom") }}
	})
	plan := planOf(t, []string{"p", "boom"}, map[string]*node.Spec{"p": passThrough(), "boom": boom}, [2]string{"p", "boom"})
	_, err := RunBatch(context.Background(), plan, Options{}, ints(1))
	ne := nodeErrorOf(t, err)
	assert.Equal(t, "boom", ne.Node)
	var pe *PanicError
	require.ErrorAs(t, err, &pe)
	assert.Equal(t, "kaboom", pe.Value)
	assert.Contains(t, pe.Stack, "run_test.go")
}

func TestRunBatch_SkipErrors(t *testing.T) {
	odd := spec("RejectOdd", func() node.Node {
		return &fn{process: func(_ context.Context, in *frame.Frame, out node.Emitter) error {
			if v, _ := intOf(in); v%2 == 1 {
				return errors.New("odd")
			}
			return out.Emit(in)
		}}
	})
	plan := planOf(t, []string{"f"}, map[string]*node.Spec{"f": odd})
	res, err := RunBatch(context.Background(), plan, Options{SkipErrors: true}, ints(1, 2, 3, 4))
	require.NoError(t, err)
	assert.Equal(t, []int{2, 4}, valuesOf(t, res.Outputs["f"]))
	require.Len(t, res.Skipped, 2)
	assert.Equal(t, 2, nodeErrorOf(t, res.Skipped[1]).Input)
	assert.Equal(t, uint64(2), res.Metrics[0].Errors)
}

func TestStart_LifecycleErrors(t *testing.T) {
	tests := []struct {
		name  string
		node  *node.Spec
		phase Phase
	}{
		{"new fails", &node.Spec{Type: "X", New: func(node.Params) (node.Node, error) { return nil, errors.New("bad params") }}, PhaseNew},
		{"init fails", spec("X", func() node.Node {
			return withLifecycle{&fn{init: func() error { return errors.New("no device") }}}
		}), PhaseInit},
		{"flush fails", spec("X", func() node.Node {
			return withLifecycle{&fn{
				process: func(context.Context, *frame.Frame, node.Emitter) error { return nil },
				flush:   func(node.Emitter) error { return errors.New("tail lost") },
			}}
		}), PhaseFlush},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			plan := planOf(t, []string{"n"}, map[string]*node.Spec{"n": tc.node})
			_, err := RunBatch(context.Background(), plan, Options{}, ints(1))
			ne := nodeErrorOf(t, err)
			assert.Equal(t, tc.phase, ne.Phase)
			assert.Equal(t, "n", ne.Node)
		})
	}
}

func TestPlan_CheckUnavailableRuntime(t *testing.T) {
	plan := planOf(t, []string{"tp"}, map[string]*node.Spec{"tp": {Type: "TextProcessorNode", Runtime: node.RuntimePython}})
	_, err := Start(context.Background(), plan, Options{})
	var ue *UnavailableError
	require.ErrorAs(t, err, &ue)
	assert.Contains(t, err.Error(), "needs the Python runtime: use the pip-installed remotemedia")
}

func TestRun_CancelIsPrompt(t *testing.T) {
	block := spec("Block", func() node.Node {
		return &fn{process: func(ctx context.Context, in *frame.Frame, out node.Emitter) error {
			<-ctx.Done()
			return ctx.Err()
		}}
	})
	plan := planOf(t, []string{"src", "b"}, map[string]*node.Spec{"src": passThrough(), "b": block}, [2]string{"src", "b"})
	r, err := Start(context.Background(), plan, Options{})
	require.NoError(t, err)
	require.NoError(t, r.Send(context.Background(), frame.JSON(1)))
	r.Cancel()
	for range r.Outputs() {
	}
	err = r.Wait()
	require.ErrorIs(t, err, ErrCancelled)
	assert.ErrorIs(t, r.Send(context.Background(), frame.JSON(2)), ErrCancelled)
}

func TestRun_ParentContextCancels(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	plan := planOf(t, []string{"p"}, map[string]*node.Spec{"p": passThrough()})
	r, err := Start(ctx, plan, Options{})
	require.NoError(t, err)
	cancel()
	for range r.Outputs() {
	}
	err = r.Wait()
	require.ErrorIs(t, err, ErrCancelled)
	assert.ErrorIs(t, err, context.Canceled)
}

func TestRun_BackpressureBoundsInFlight(t *testing.T) {
	// The sink releases one item per token; the source must stall once the
	// queues are full instead of buffering the whole input.
	release := make(chan struct{})
	var processed atomic.Int64
	gated := spec("Gated", func() node.Node {
		return &fn{process: func(ctx context.Context, in *frame.Frame, out node.Emitter) error {
			select {
			case <-release:
			case <-ctx.Done():
				return ctx.Err()
			}
			processed.Add(1)
			return out.Emit(in)
		}}
	})
	const queue = 4
	plan := planOf(t, []string{"a", "b", "gate"}, map[string]*node.Spec{"a": passThrough(), "b": passThrough(), "gate": gated},
		[2]string{"a", "b"}, [2]string{"b", "gate"})
	r, err := Start(context.Background(), plan, Options{QueueSize: queue})
	require.NoError(t, err)
	var sent atomic.Int64
	go func() {
		defer r.CloseInput()
		for i := range 100_000 {
			if r.Send(context.Background(), frame.JSON(i)) != nil {
				return
			}
			sent.Add(1)
		}
	}()
	// Each of 3 inboxes holds `queue` batches, each node holds a batch in
	// hand and a pending output batch; nothing else may be in flight.
	const bound = 3*queue*maxBatch + 2*3*maxBatch
	// Wait for the source to stall: no progress for 50 ms.
	require.Eventually(t, func() bool {
		before := sent.Load()
		time.Sleep(50 * time.Millisecond)
		return before > 0 && sent.Load() == before
	}, 10*time.Second, time.Millisecond)
	assert.LessOrEqual(t, sent.Load(), int64(bound))
	assert.Zero(t, processed.Load(), "the gate has released nothing yet")
	close(release)
	n := 0
	for range r.Outputs() {
		n++
	}
	require.NoError(t, r.Wait())
	assert.Equal(t, 100_000, n)
}

func TestRun_MetricsCountItems(t *testing.T) {
	plan := planOf(t, []string{"a", "b"}, map[string]*node.Spec{"a": passThrough(), "b": mapInt(func(v int) int { return v })}, [2]string{"a", "b"})
	res, err := RunBatch(context.Background(), plan, Options{}, ints(1, 2, 3))
	require.NoError(t, err)
	require.Len(t, res.Metrics, 2)
	for _, m := range res.Metrics {
		assert.Equal(t, uint64(3), m.In, m.ID)
		assert.Equal(t, uint64(3), m.Out, m.ID)
		assert.Positive(t, m.Busy, m.ID)
		assert.LessOrEqual(t, m.P50, m.P99, m.ID)
		want := DefaultQueueSize * maxBatch
		if fuseAll && m.ID == "b" {
			want = 0 // fused into a's worker: no queue of its own
		}
		assert.Equal(t, want, m.QueueCap, m.ID)
		// The percentiles are read off the exported buckets.
		require.NotEmpty(t, m.Latency, m.ID)
		var calls uint64
		for i, b := range m.Latency {
			assert.Positive(t, b.Count, m.ID)
			if i > 0 {
				assert.Greater(t, b.UpperNs, m.Latency[i-1].UpperNs, m.ID)
			}
			calls += b.Count
		}
		assert.LessOrEqual(t, calls, m.In, m.ID)
		assert.Contains(t, bucketUppers(m.Latency), uint64(m.P99), m.ID)
	}
}

func bucketUppers(bs []LatencyBucket) []uint64 {
	out := make([]uint64, len(bs))
	for i, b := range bs {
		out[i] = b.UpperNs
	}
	return out
}

func TestRun_HammerConcurrentRuns(t *testing.T) {
	plan := planOf(t, []string{"m", "l", "r", "j"},
		map[string]*node.Spec{"m": passThrough(), "l": passThrough(), "r": mapInt(func(v int) int { return v * 10 }), "j": passThrough()},
		[2]string{"m", "l"}, [2]string{"m", "r"}, [2]string{"l", "j"}, [2]string{"r", "j"})
	done := make(chan []int)
	for range 8 {
		go func() {
			res, err := RunBatch(context.Background(), plan, Options{QueueSize: 2}, ints(1, 2, 3))
			if err != nil {
				done <- nil
				return
			}
			done <- valuesOf(t, res.Outputs["j"])
		}()
	}
	for range 8 {
		assert.Equal(t, []int{1, 10, 2, 20, 3, 30}, <-done)
	}
}

func TestRun_CancelDoesNotWaitForQueuedBatch(t *testing.T) {
	// A slow node with a full batch queued must stop after the item in hand.
	var processed atomic.Int64
	slow := spec("Slow", func() node.Node {
		return &fn{process: func(ctx context.Context, in *frame.Frame, out node.Emitter) error {
			processed.Add(1)
			time.Sleep(5 * time.Millisecond)
			return out.Emit(in)
		}}
	})
	plan := planOf(t, []string{"slow"}, map[string]*node.Spec{"slow": slow})
	r, err := Start(context.Background(), plan, Options{})
	require.NoError(t, err)
	require.NoError(t, r.sendAll(context.Background(), ints(make([]int, maxBatch)...)))
	require.Eventually(t, func() bool { return processed.Load() > 0 }, 5*time.Second, time.Millisecond)
	r.Cancel()
	for range r.Outputs() {
	}
	require.ErrorIs(t, r.Wait(), ErrCancelled)
	assert.Less(t, processed.Load(), int64(maxBatch/2), "items processed after Cancel")
}
