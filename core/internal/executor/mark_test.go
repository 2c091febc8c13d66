package executor

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/remotemedia/remotemedia/core/frame"
	"github.com/remotemedia/remotemedia/core/node"
)

// slowMap is mapInt with a pause per item, so outputs lag behind Send.
func slowMap(f func(int) int, pause time.Duration) *node.Spec {
	return spec("SlowMap", func() node.Node {
		return &fn{process: func(_ context.Context, in *frame.Frame, out node.Emitter) error {
			time.Sleep(pause)
			v, err := intOf(in)
			if err != nil {
				return err
			}
			return out.Emit(frame.JSON(f(v)))
		}}
	})
}

// untilMark reads outputs up to the next marker.
func untilMark(t *testing.T, r *Run) []Output {
	t.Helper()
	var got []Output
	timeout := time.After(10 * time.Second)
	for {
		select {
		case o, ok := <-r.Outputs():
			require.True(t, ok, "outputs closed before the marker")
			if o.Mark {
				return got
			}
			got = append(got, o)
		case <-timeout:
			t.Fatal("no marker within 10 s")
		}
	}
}

// markAfter sends inputs, then marks from another goroutine while the
// caller reads (a marker waits for the outputs before it to be taken).
func markAfter(t *testing.T, r *Run, inputs []*frame.Frame) <-chan error {
	t.Helper()
	done := make(chan error, 1)
	go func() {
		for _, f := range inputs {
			if err := r.Send(context.Background(), f); err != nil {
				done <- err
				return
			}
		}
		done <- r.Mark(context.Background())
	}()
	return done
}

func inputsOf(outs []Output) []int {
	idx := make([]int, len(outs))
	for i, o := range outs {
		idx[i] = o.Input
	}
	return idx
}

// Every output of the inputs sent before a Mark comes before its marker,
// and none of a later input: through fan-out, fan-in, a slow node, a
// Deferring node and a node that holds state across inputs.
func TestMark_SeparatesBatches(t *testing.T) {
	var built []*reorderer
	holdPairs := spec("Pairs", func() node.Node {
		var held []int
		return &fn{process: func(_ context.Context, in *frame.Frame, out node.Emitter) error {
			v, err := intOf(in)
			if err != nil {
				return err
			}
			held = append(held, v)
			if len(held) == 2 {
				s := held[0] + held[1]
				held = held[:0]
				return out.Emit(frame.JSON(s))
			}
			return nil
		}}
	})
	specs := map[string]*node.Spec{
		"src":   passThrough(),
		"slow":  slowMap(func(v int) int { return v * 10 }, 200*time.Microsecond),
		"defer": reorderSpec(1, func(v int) []int { return []int{v + 1} }, nil, &built),
		"join":  passThrough(),
		"pairs": holdPairs,
	}
	plan := planOf(t, []string{"src", "slow", "defer", "join", "pairs"}, specs,
		[2]string{"src", "slow"}, [2]string{"src", "defer"}, [2]string{"slow", "join"},
		[2]string{"defer", "join"}, [2]string{"join", "pairs"})
	r, err := Start(context.Background(), plan, Options{Marks: true, QueueSize: 1})
	require.NoError(t, err)

	sent := 0
	for round, n := range []int{1, 40, 7, 64} {
		done := markAfter(t, r, upTo(sent + n)[sent:])
		outs := untilMark(t, r)
		require.NoError(t, <-done)
		// join sees 2 items per input; pairs emits one per 2: n per round.
		require.Len(t, outs, n, "round %d", round)
		for _, idx := range inputsOf(outs) {
			assert.GreaterOrEqual(t, idx, sent, "round %d: an output of an earlier batch", round)
			assert.Less(t, idx, sent+n, "round %d: an output of a later input", round)
		}
		sent += n
	}
	r.CloseInput()
	for range r.Outputs() {
	}
	require.NoError(t, r.Wait())
}

func TestMark_Misuse(t *testing.T) {
	plan := planOf(t, []string{"a"}, map[string]*node.Spec{"a": passThrough()})

	r, err := Start(context.Background(), plan, Options{})
	require.NoError(t, err)
	require.ErrorContains(t, r.Mark(context.Background()), "not started with marks")
	r.CloseInput()
	for range r.Outputs() {
	}
	require.NoError(t, r.Wait())

	r, err = Start(context.Background(), plan, Options{Marks: true})
	require.NoError(t, err)
	r.CloseInput()
	require.ErrorContains(t, r.Mark(context.Background()), "input already closed")
	for range r.Outputs() {
	}
	require.NoError(t, r.Wait())
}

// A Mark waiting on a run that fails returns the run's error.
func TestMark_FailedRun(t *testing.T) {
	boom := errors.New("boom")
	specs := map[string]*node.Spec{"a": spec("Fails", func() node.Node {
		return &fn{process: func(context.Context, *frame.Frame, node.Emitter) error { return boom }}
	})}
	r, err := Start(context.Background(), planOf(t, []string{"a"}, specs), Options{Marks: true})
	require.NoError(t, err)
	require.NoError(t, r.Send(context.Background(), frame.JSON(1)))
	err = r.Mark(context.Background())
	require.ErrorIs(t, err, boom)
	assert.Equal(t, 0, nodeErrorOf(t, err).Input)
	for range r.Outputs() {
	}
	require.ErrorIs(t, r.Wait(), boom)
}
