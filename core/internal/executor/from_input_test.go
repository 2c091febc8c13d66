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

// TestRun_Metrics_FromInput holds each even input in a sink until the next
// input (or end of stream) arrives, as a VAD holds an utterance until the
// frame that closes it: the latency must run from that later input's entry.
func TestRun_Metrics_FromInput(t *testing.T) {
	var now atomic.Int64 // the fake clock
	set := func(d time.Duration) { now.Store(int64(d)) }
	seen := make(chan struct{}, 4)
	var held *frame.Frame
	hold := spec("Hold", func() node.Node {
		return withLifecycle{&fn{
			process: func(_ context.Context, in *frame.Frame, out node.Emitter) error {
				defer func() { seen <- struct{}{} }()
				if held == nil {
					held = in
					return nil
				}
				set(time.Duration(now.Load()) + 250*time.Millisecond) // the work takes 250 ms
				for _, f := range []*frame.Frame{held, in} {
					if err := out.Emit(f); err != nil {
						return err
					}
				}
				held = nil
				return nil
			},
			flush: func(out node.Emitter) error {
				set(time.Duration(now.Load()) + 500*time.Millisecond)
				return out.Emit(held)
			},
		}}
	})
	plan := planOf(t, []string{"pass", "hold"},
		map[string]*node.Spec{"pass": passThrough(), "hold": hold}, [2]string{"pass", "hold"})
	r, err := Start(context.Background(), plan, Options{clock: func() time.Duration { return time.Duration(now.Load()) }})
	require.NoError(t, err)
	ctx := context.Background()

	require.NoError(t, r.Send(ctx, frame.JSON(0))) // enters at 0, held
	<-seen
	set(10 * time.Second)
	require.NoError(t, r.Send(ctx, frame.JSON(1))) // enters at 10 s, releases input 0
	<-seen
	require.NoError(t, r.Send(ctx, frame.JSON(2))) // held until end of stream
	<-seen
	set(20 * time.Second)
	r.CloseInput() // at 20 s
	var inputs []int
	for o := range r.Outputs() {
		inputs = append(inputs, o.Input)
	}
	require.NoError(t, r.Wait())
	assert.Equal(t, []int{1, 1, EndOfStream}, inputs)

	m := r.Metrics()
	assert.Nil(t, m[0].FromInput, "only sinks have a latency from input")
	want := func(d time.Duration) time.Duration { return time.Duration(bucketUpper(bucketOf(uint64(d)))) }
	require.NotNil(t, m[1].FromInput)
	assert.Equal(t, uint64(3), m[1].FromInput.Count)
	// From input 1's entry, not input 0's (which would be 10.25 s).
	assert.Equal(t, want(250*time.Millisecond), m[1].FromInput.P50)
	h := &r.workers[1].fromInput
	assert.Equal(t, uint64(2), h[bucketOf(uint64(250*time.Millisecond))].Load(), "the two outputs released by input 1")
	assert.Equal(t, uint64(1), h[bucketOf(uint64(500*time.Millisecond))].Load(), "the flushed one, from CloseInput")
}
