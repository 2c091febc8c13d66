package executor

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/remotemedia/remotemedia/core/frame"
	"github.com/remotemedia/remotemedia/core/node"
)

// reorderer is a node.Deferring test node: it holds inputs until it has
// `window` of them, then finishes them all on another goroutine, newest
// first (the worst order for the executor to undo), emitting outs(v) for
// each. At flush it finishes what it holds and defers the end of stream,
// which emits -1 once everything else is done.
type reorderer struct {
	window int
	outs   func(v int) []int
	fail   func(v int) error // nil: never

	held        []heldInput
	wg          sync.WaitGroup
	inFlight    atomic.Int32
	maxInFlight atomic.Int32
}

type heldInput struct {
	p node.Pending
	v int
}

func (n *reorderer) MaxInFlight() int { return n.window }

func (n *reorderer) Process(_ context.Context, in *frame.Frame, out node.Emitter) error {
	v, err := intOf(in)
	if err != nil {
		return err
	}
	d, ok := out.(node.Deferrer)
	if !ok {
		return errors.New("the executor's emitter should be a Deferrer")
	}
	n.held = append(n.held, heldInput{d.Defer(), v})
	if now := n.inFlight.Add(1); now > n.maxInFlight.Load() {
		n.maxInFlight.Store(now)
	}
	if len(n.held) == n.window {
		n.release()
	}
	return nil
}

func (n *reorderer) release() {
	held := n.held
	n.held = nil
	n.wg.Add(1)
	go func() {
		defer n.wg.Done()
		for i := len(held) - 1; i >= 0; i-- {
			h := held[i]
			for _, o := range n.outs(h.v) {
				if h.p.Emit(frame.JSON(o)) != nil {
					break
				}
			}
			var err error
			if n.fail != nil {
				err = n.fail(h.v)
			}
			n.inFlight.Add(-1)
			h.p.Done(err)
		}
	}()
}

func (n *reorderer) Flush(_ context.Context, out node.Emitter) error {
	n.release()
	end := out.(node.Deferrer).Defer()
	n.wg.Add(1)
	go func() {
		defer n.wg.Done()
		_ = end.Emit(frame.JSON(-1))
		end.Done(nil)
	}()
	return nil
}

func (n *reorderer) Close() error {
	n.wg.Wait()
	return nil
}

func reorderSpec(window int, outs func(int) []int, fail func(int) error, built *[]*reorderer) *node.Spec {
	var mu sync.Mutex
	return spec("Reorder", func() node.Node {
		n := &reorderer{window: window, outs: outs, fail: fail}
		if built != nil {
			mu.Lock()
			*built = append(*built, n)
			mu.Unlock()
		}
		return n
	})
}

func twice(v int) []int { return []int{2 * v, 2*v + 1} }

func upTo(n int) []*frame.Frame {
	vs := make([]int, n)
	for i := range vs {
		vs[i] = i
	}
	return ints(vs...)
}

// The outputs of a node that finishes inputs late and out of order are
// those of the same node finishing each input in its Process call, in every
// topology, run after run.
func TestDeferring_RunBatchMatchesSynchronous(t *testing.T) {
	const n = 300
	syncTwice := spec("Twice", func() node.Node {
		return withLifecycle{&fn{
			process: func(_ context.Context, in *frame.Frame, out node.Emitter) error {
				v, err := intOf(in)
				if err != nil {
					return err
				}
				for _, o := range twice(v) {
					if err := out.Emit(frame.JSON(o)); err != nil {
						return err
					}
				}
				return nil
			},
			flush: func(out node.Emitter) error { return out.Emit(frame.JSON(-1)) },
		}}
	})
	topologies := []struct {
		name  string
		ids   []string
		edges [][2]string
	}{
		{"sink", []string{"x"}, nil},
		{"chain", []string{"src", "x", "sink"}, [][2]string{{"src", "x"}, {"x", "sink"}}},
		{"fan-out and fan-in", []string{"src", "x", "y", "join"},
			[][2]string{{"src", "x"}, {"src", "y"}, {"x", "join"}, {"y", "join"}}},
	}
	for _, tc := range topologies {
		t.Run(tc.name, func(t *testing.T) {
			plan := func(x *node.Spec) *Plan {
				specs := map[string]*node.Spec{"src": passThrough(), "x": x, "y": mapInt(func(v int) int { return v + 1000 }),
					"sink": passThrough(), "join": passThrough()}
				return planOf(t, tc.ids, specs, tc.edges...)
			}
			want, err := RunBatch(context.Background(), plan(syncTwice), Options{}, upTo(n))
			require.NoError(t, err)
			for _, window := range []int{1, 3, 8} {
				for range 3 {
					got, err := RunBatch(context.Background(), plan(reorderSpec(window, twice, nil, nil)), Options{}, upTo(n))
					require.NoError(t, err)
					for _, sink := range want.Sinks {
						assert.Equal(t, valuesOf(t, want.Outputs[sink]), valuesOf(t, got.Outputs[sink]), "window %d, sink %s", window, sink)
					}
				}
			}
		})
	}
}

// Streaming delivers each output in input order, attributed to its input,
// and never holds more than MaxInFlight inputs in the node.
func TestDeferring_StreamOrderAndWindow(t *testing.T) {
	const n, window = 200, 5
	var built []*reorderer
	plan := planOf(t, []string{"src", "x"},
		map[string]*node.Spec{"src": passThrough(), "x": reorderSpec(window, twice, nil, &built)}, [2]string{"src", "x"})
	r, err := Start(context.Background(), plan, Options{})
	require.NoError(t, err)
	go func() {
		defer r.CloseInput()
		for _, f := range upTo(n) {
			if r.Send(context.Background(), f) != nil {
				return
			}
		}
	}()
	var values, inputs []int
	for o := range r.Outputs() {
		v, err := intOf(o.Frame)
		require.NoError(t, err)
		values, inputs = append(values, v), append(inputs, o.Input)
	}
	require.NoError(t, r.Wait())
	var wantValues, wantInputs []int
	for i := range n {
		wantValues = append(wantValues, twice(i)...)
		wantInputs = append(wantInputs, i, i)
	}
	assert.Equal(t, append(wantValues, -1), values)
	assert.Equal(t, append(wantInputs, EndOfStream), inputs)
	require.Len(t, built, 1)
	assert.LessOrEqual(t, built[0].maxInFlight.Load(), int32(window))
	m := r.Metrics()[1]
	assert.Equal(t, uint64(n), m.In)
	assert.Equal(t, uint64(2*n+1), m.Out)
	require.NotNil(t, m.FromInput)
	assert.Equal(t, uint64(2*n+1), m.FromInput.Count)
}

func TestDeferring_ErrorNamesTheInput(t *testing.T) {
	failOn := func(bad int) func(int) error {
		return func(v int) error {
			if v == bad {
				return fmt.Errorf("bad value %d", v)
			}
			return nil
		}
	}
	plan := planOf(t, []string{"src", "x"},
		map[string]*node.Spec{"src": passThrough(), "x": reorderSpec(4, twice, failOn(37), nil)}, [2]string{"src", "x"})
	_, err := RunBatch(context.Background(), plan, Options{}, upTo(100))
	ne := nodeErrorOf(t, err)
	assert.Equal(t, "x", ne.Node)
	assert.Equal(t, PhaseProcess, ne.Phase)
	assert.Equal(t, 37, ne.Input)
	assert.ErrorContains(t, err, "node[x] input[37]: bad value 37")

	res, err := RunBatch(context.Background(), plan, Options{SkipErrors: true}, upTo(100))
	require.NoError(t, err)
	require.Len(t, res.Skipped, 1)
	assert.Equal(t, 37, nodeErrorOf(t, res.Skipped[0]).Input)
	// Outputs emitted before the failure still go on, as with Process.
	assert.Len(t, res.Outputs["x"], 2*100+1)
	assert.Equal(t, uint64(1), res.Metrics[1].Errors)
}

// lostBackend holds `window` inputs and then fails them all, oldest first,
// as a remote node does when its connection drops.
type lostBackend struct {
	reorderer
}

func (n *lostBackend) Process(_ context.Context, in *frame.Frame, out node.Emitter) error {
	v, _ := intOf(in)
	n.held = append(n.held, heldInput{out.(node.Deferrer).Defer(), v})
	if v < 10 { // the first inputs come back
		h := n.held[len(n.held)-1]
		n.held = n.held[:len(n.held)-1]
		_ = h.p.Emit(frame.JSON(v))
		h.p.Done(nil)
	}
	if len(n.held) == n.window {
		held := n.held
		n.wg.Add(1)
		go func() {
			defer n.wg.Done()
			for _, h := range held {
				h.p.Done(fmt.Errorf("connection lost; input %d never came back", h.v))
			}
		}()
	}
	return nil
}

func TestDeferring_FailuresReportTheOldestInput(t *testing.T) {
	plan := planOf(t, []string{"x"}, map[string]*node.Spec{"x": spec("Lost", func() node.Node {
		return &lostBackend{reorderer{window: 6}}
	})})
	for range 20 {
		_, err := RunBatch(context.Background(), plan, Options{}, upTo(100))
		ne := nodeErrorOf(t, err)
		assert.Equal(t, 10, ne.Input)
		assert.ErrorContains(t, err, "input 10 never came back")
	}
}

// stuck defers every input and finishes none until Close.
type stuck struct {
	mu      sync.Mutex
	held    []node.Pending
	closed  atomic.Bool
	lateErr chan error
}

func (n *stuck) MaxInFlight() int { return 3 }

func (n *stuck) Process(_ context.Context, _ *frame.Frame, out node.Emitter) error {
	n.mu.Lock()
	n.held = append(n.held, out.(node.Deferrer).Defer())
	n.mu.Unlock()
	return nil
}

func (n *stuck) Close() error {
	n.closed.Store(true)
	n.mu.Lock()
	defer n.mu.Unlock()
	// After the run stopped, a late output is refused and Done is harmless.
	n.lateErr <- n.held[0].Emit(frame.JSON(1))
	n.held[0].Done(nil)
	return nil
}

func TestDeferring_CancelWhileInFlight(t *testing.T) {
	st := &stuck{lateErr: make(chan error, 1)}
	plan := planOf(t, []string{"src", "x"},
		map[string]*node.Spec{"src": passThrough(), "x": spec("Stuck", func() node.Node { return st })}, [2]string{"src", "x"})
	r, err := Start(context.Background(), plan, Options{})
	require.NoError(t, err)
	sent := make(chan struct{})
	go func() {
		defer close(sent)
		for _, f := range upTo(1000) {
			if r.Send(context.Background(), f) != nil {
				return // the window is full, so the source backs up until Cancel
			}
		}
	}()
	require.Eventually(t, func() bool { return r.Metrics()[1].In == 3 }, 5*time.Second, time.Millisecond)
	time.Sleep(20 * time.Millisecond)
	assert.Equal(t, uint64(3), r.Metrics()[1].In, "Process is not called while the window is full")
	start := time.Now()
	r.Cancel()
	for range r.Outputs() {
	}
	require.ErrorIs(t, r.Wait(), ErrCancelled)
	assert.Less(t, time.Since(start), time.Second)
	<-sent
	assert.True(t, st.closed.Load())
	assert.ErrorIs(t, <-st.lateErr, ErrCancelled)
}

func TestDeferring_PendingMisuse(t *testing.T) {
	results := make(chan []error, 1)
	x := spec("Misuse", func() node.Node {
		return &deferFn{process: func(_ context.Context, in *frame.Frame, out node.Emitter) error {
			d := out.(node.Deferrer)
			p := d.Defer()
			assert.Same(t, p, d.Defer(), "one Pending per call")
			errs := []error{p.Emit(nil)}
			require.NoError(t, p.Emit(in))
			p.Done(nil)
			p.Done(errors.New("ignored: already done"))
			errs = append(errs, p.Emit(in))
			results <- errs
			return nil
		}}
	})
	res, err := RunBatch(context.Background(), planOf(t, []string{"x"}, map[string]*node.Spec{"x": x}), Options{}, ints(7))
	require.NoError(t, err)
	assert.Equal(t, []int{7}, valuesOf(t, res.Outputs["x"]))
	errs := <-results
	assert.ErrorContains(t, errs[0], "nil frame")
	assert.ErrorIs(t, errs[1], errEmitAfterDone)
}

// deferFn is a Deferring node built from a closure, window 4.
type deferFn struct {
	process func(ctx context.Context, in *frame.Frame, out node.Emitter) error
}

func (n *deferFn) MaxInFlight() int { return 4 }

func (n *deferFn) Process(ctx context.Context, in *frame.Frame, out node.Emitter) error {
	return n.process(ctx, in, out)
}

// A Deferring node may still finish an input in its call; emits through
// its Emitter then wait behind the inputs still in flight.
func TestDeferring_MixedSynchronousAndDeferred(t *testing.T) {
	var wg sync.WaitGroup
	defer wg.Wait()
	x := spec("Mixed", func() node.Node {
		return &deferFn{process: func(_ context.Context, in *frame.Frame, out node.Emitter) error {
			v, _ := intOf(in)
			if v%3 != 0 {
				return out.Emit(in) // finished in the call
			}
			p := out.(node.Deferrer).Defer()
			wg.Add(1)
			go func() {
				defer wg.Done()
				time.Sleep(time.Millisecond)
				_ = p.Emit(in)
				p.Done(nil)
			}()
			return nil
		}}
	})
	r, err := Start(context.Background(), planOf(t, []string{"x"}, map[string]*node.Spec{"x": x}), Options{})
	require.NoError(t, err)
	go func() {
		defer r.CloseInput()
		for _, f := range upTo(60) {
			if r.Send(context.Background(), f) != nil {
				return
			}
		}
	}()
	var got []int
	for o := range r.Outputs() {
		v, _ := intOf(o.Frame)
		assert.Equal(t, v, o.Input)
		got = append(got, v)
	}
	require.NoError(t, r.Wait())
	want := make([]int, 60)
	for i := range want {
		want[i] = i
	}
	assert.Equal(t, want, got)
}

// A deferred end of stream that fails is a flush error, even when Process
// errors are skipped.
func TestDeferring_FlushPendingError(t *testing.T) {
	x := spec("FlushFails", func() node.Node { return flushFails{} })
	res, err := RunBatch(context.Background(), planOf(t, []string{"x"}, map[string]*node.Spec{"x": x}), Options{SkipErrors: true}, ints(1, 2))
	assert.Nil(t, res)
	ne := nodeErrorOf(t, err)
	assert.Equal(t, PhaseFlush, ne.Phase)
	assert.ErrorContains(t, err, "node[x] flush: backend did not close cleanly")
}

type flushFails struct{}

func (flushFails) MaxInFlight() int { return 2 }

func (flushFails) Process(_ context.Context, in *frame.Frame, out node.Emitter) error {
	return out.Emit(in)
}

func (flushFails) Flush(_ context.Context, out node.Emitter) error {
	d, ok := out.(node.Deferrer)
	if !ok {
		return errors.New("the flush emitter should be a Deferrer")
	}
	d.Defer().Done(errors.New("backend did not close cleanly"))
	return nil
}

// The node's latency runs from the Process call to Done.
func TestDeferring_LatencyIsToDone(t *testing.T) {
	var now atomic.Int64
	clock := func() time.Duration { return time.Duration(now.Load()) }
	release := make(chan node.Pending, 1)
	x := spec("Slow", func() node.Node {
		return &deferFn{process: func(_ context.Context, _ *frame.Frame, out node.Emitter) error {
			release <- out.(node.Deferrer).Defer()
			return nil
		}}
	})
	r, err := Start(context.Background(), planOf(t, []string{"x"}, map[string]*node.Spec{"x": x}), Options{clock: clock})
	require.NoError(t, err)
	require.NoError(t, r.Send(context.Background(), frame.JSON(1)))
	p := <-release
	now.Store(int64(300 * time.Millisecond)) // the round trip
	require.NoError(t, p.Emit(frame.JSON(2)))
	p.Done(nil)
	r.CloseInput()
	for range r.Outputs() {
	}
	require.NoError(t, r.Wait())
	m := r.Metrics()[0]
	assert.Equal(t, time.Duration(bucketUpper(bucketOf(uint64(300*time.Millisecond)))), m.P50)
	assert.Equal(t, time.Duration(0), m.Busy, "the call itself took no time on the fake clock")
	require.NotNil(t, m.FromInput)
	assert.Equal(t, uint64(1), m.FromInput.Count)
}

// Many goroutines emitting for many inputs at once, under -race.
func TestDeferring_Hammer(t *testing.T) {
	var wg sync.WaitGroup
	defer wg.Wait()
	x := spec("Spread", func() node.Node {
		return &deferFn{process: func(_ context.Context, in *frame.Frame, out node.Emitter) error {
			v, _ := intOf(in)
			p := out.(node.Deferrer).Defer()
			wg.Add(1)
			go func() {
				defer wg.Done()
				for k := range 5 {
					_ = p.Emit(frame.JSON(v*5 + k))
				}
				p.Done(nil)
			}()
			return nil
		}}
	})
	plan := planOf(t, []string{"src", "x", "sink"},
		map[string]*node.Spec{"src": passThrough(), "x": x, "sink": passThrough()}, [2]string{"src", "x"}, [2]string{"x", "sink"})
	var runs sync.WaitGroup
	for range 4 {
		runs.Add(1)
		go func() {
			defer runs.Done()
			res, err := RunBatch(context.Background(), plan, Options{QueueSize: 2}, upTo(500))
			if !assert.NoError(t, err) {
				return
			}
			got := valuesOf(t, res.Outputs["sink"])
			for i, v := range got {
				if !assert.Equal(t, i, v) {
					return
				}
			}
		}()
	}
	runs.Wait()
}
