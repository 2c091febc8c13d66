package segment

import (
	"context"
	"encoding/json"
	"errors"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/remotemedia/remotemedia/core"
	"github.com/remotemedia/remotemedia/core/frame"
	"github.com/remotemedia/remotemedia/core/node"
)

// loopback is a Transport that runs the segment's Session in this process,
// one call at a time and in order, as a Ray actor does.
type loopback struct {
	n     *Node
	calls chan func()
	done  chan struct{}
	sess  *Session
	hook  func(batch int64) error // fails a batch in transit when set
}

func newLoopback(t testing.TB, n *Node, sub *core.Pipeline) *loopback {
	s, err := Open(sub)
	require.NoError(t, err)
	l := &loopback{n: n, calls: make(chan func(), 64), done: make(chan struct{}), sess: s}
	go func() {
		defer close(l.done)
		for c := range l.calls {
			c()
		}
	}()
	return l
}

func (l *loopback) Send(batch int64, req []byte) error {
	if l.hook != nil {
		if err := l.hook(batch); err != nil {
			return err
		}
	}
	l.calls <- func() { res, err := l.sess.Push(req); l.n.Deliver(batch, res, err) }
	return nil
}

func (l *loopback) End(batch int64) error {
	l.calls <- func() { res, err := l.sess.Close(); l.n.Deliver(batch, res, err) }
	return nil
}

func (l *loopback) Close(aborted bool) {
	if aborted {
		l.calls <- func() { l.sess.Abort() }
	}
	close(l.calls)
	<-l.done
}

const subManifest = `{"version": "v1", "nodes": [
  {"id": "mul", "node_type": "AudioGainNode", "params": {"gain_db": -6}},
  {"id": "chunk", "node_type": "AudioChunkerNode", "params": {"frame_ms": 30, "pad_last": true}}
], "connections": [{"from": "mul", "to": "chunk"}]}`

// wholeManifest is the same pipeline with the segment in place, and
// placedManifest with it replaced by one "Segment" node; both fan out at
// the source and merge after the segment.
const wholeManifest = `{"version": "v1", "nodes": [
  {"id": "src", "node_type": "PassThrough"},
  {"id": "mul", "node_type": "AudioGainNode", "params": {"gain_db": -6}},
  {"id": "chunk", "node_type": "AudioChunkerNode", "params": {"frame_ms": 30, "pad_last": true}},
  {"id": "side", "node_type": "AudioGainNode", "params": {"gain_db": 6}},
  {"id": "join", "node_type": "PassThrough"},
  {"id": "tap", "node_type": "PassThrough"}
], "connections": [{"from": "src", "to": "mul"}, {"from": "mul", "to": "chunk"},
  {"from": "src", "to": "side"}, {"from": "chunk", "to": "join"}, {"from": "side", "to": "join"},
  {"from": "chunk", "to": "tap"}]}`

func placed(t testing.TB) string {
	var m map[string]any
	require.NoError(t, json.Unmarshal([]byte(wholeManifest), &m))
	nodes := m["nodes"].([]any)
	m["nodes"] = []any{nodes[0], map[string]any{"id": "chunk", "node_type": "Segment"}, nodes[3], nodes[4], nodes[5]}
	conns := []any{}
	for _, c := range m["connections"].([]any) {
		c := c.(map[string]any)
		if c["to"] == "mul" {
			c["to"] = "chunk"
		}
		if c["from"] != "mul" {
			conns = append(conns, c)
		}
	}
	m["connections"] = conns
	b, err := json.Marshal(m)
	require.NoError(t, err)
	return string(b)
}

type harness struct {
	sub   map[bool]*core.Pipeline // by skip_errors, which the host shares
	opts  Options
	hook  func(batch int64) error
	mu    sync.Mutex
	built []*loopback
}

func (h *harness) pipeline(t testing.TB, text string, skip bool) *core.Pipeline {
	reg := node.Default().Clone()
	require.NoError(t, reg.Register(node.Spec{Type: "Segment", Runtime: node.RuntimeGo,
		New: func(node.Params) (node.Node, error) {
			n := NewNode(h.opts)
			l := newLoopback(t, n, h.sub[skip])
			l.hook = h.hook
			h.mu.Lock()
			h.built = append(h.built, l)
			h.mu.Unlock()
			n.SetTransport(l)
			return n, nil
		}}))
	cfg := core.NewConfig().WithRegistry(reg).WithSkipErrors(skip)
	m, err := core.ParseManifest([]byte(text), cfg)
	require.NoError(t, err)
	p, err := core.NewPipeline(m, cfg)
	require.NoError(t, err)
	return p
}

func newHarness(t testing.TB, sub string, opts Options) *harness {
	h := &harness{sub: map[bool]*core.Pipeline{}, opts: opts}
	for _, skip := range []bool{false, true} {
		cfg := core.NewConfig().WithMarks(true).WithSkipErrors(skip)
		m, err := core.ParseManifest([]byte(sub), cfg)
		require.NoError(t, err)
		p, err := core.NewPipeline(m, cfg)
		require.NoError(t, err)
		h.sub[skip] = p
	}
	return h
}

func audioInputs(n int) []*frame.Frame {
	out := make([]*frame.Frame, n)
	for i := range out {
		s := make([]float32, 320) // 20 ms at 16 kHz: chunks of 30 ms straddle inputs
		for k := range s {
			s[k] = float32((i*320+k)%97) / 97
		}
		f, err := frame.NewAudio(frame.Audio{Samples: s, SampleRate: 16000, Channels: 1, Timestamp: time.Duration(i) * 20 * time.Millisecond})
		if err != nil {
			panic(err)
		}
		out[i] = f
	}
	return out
}

// A placed segment gives the local run's outputs, in the same order with
// the same input indexes, whatever the batch size.
func TestPlacedSegment_RunMatchesLocal(t *testing.T) {
	inputs := audioInputs(101)
	h := newHarness(t, subManifest, Options{})
	want, err := h.pipeline(t, wholeManifest, false).Run(context.Background(), inputs)
	require.NoError(t, err)
	for _, bf := range []int{1, 7, 32, 200} {
		h.opts = Options{Name: "segment [mul chunk]", BatchFrames: bf, BatchesInFlight: 2, BatchWait: time.Millisecond}
		got, err := h.pipeline(t, placed(t), false).Run(context.Background(), inputs)
		require.NoError(t, err, "batch %d", bf)
		require.Equal(t, want.Sinks, got.Sinks)
		for _, s := range want.Sinks {
			require.Equal(t, len(want.Outputs[s]), len(got.Outputs[s]), "sink %s, batch %d", s, bf)
			for i := range want.Outputs[s] {
				require.True(t, frame.Equal(want.Outputs[s][i], got.Outputs[s][i]), "sink %s output %d, batch %d", s, i, bf)
			}
		}
	}
}

// Streaming: every output arrives with the input index the local run gives.
func TestPlacedSegment_StreamMatchesLocal(t *testing.T) {
	inputs := audioInputs(64)
	h := newHarness(t, subManifest, Options{Name: "segment", BatchFrames: 8, BatchesInFlight: 2, BatchWait: time.Millisecond})
	collect := func(p *core.Pipeline) map[string][]int {
		r, err := p.Start(context.Background())
		require.NoError(t, err)
		go func() {
			for _, f := range inputs {
				if r.Send(context.Background(), f) != nil {
					return
				}
			}
			r.CloseInput()
		}()
		got := map[string][]int{}
		for o := range r.Outputs() {
			got[o.Sink] = append(got[o.Sink], o.Input)
		}
		require.NoError(t, r.Wait())
		return got
	}
	want := collect(h.pipeline(t, wholeManifest, false))
	got := collect(h.pipeline(t, placed(t), false))
	assert.Equal(t, want["tap"], got["tap"])
	assert.ElementsMatch(t, want["join"], got["join"])
}

// A batch lost in transit fails the run naming the segment and the first
// input of that batch; nothing after it is reported done.
func TestPlacedSegment_LostBatchNamesFirstInput(t *testing.T) {
	h := newHarness(t, subManifest, Options{Name: "placed segment [mul chunk]", BatchFrames: 10, BatchesInFlight: 1})
	h.hook = func(batch int64) error {
		if batch == 3 {
			return errors.New("actor died")
		}
		return nil
	}
	_, err := h.pipeline(t, placed(t), false).Run(context.Background(), audioInputs(50))
	var ne *core.NodeError
	require.ErrorAs(t, err, &ne)
	assert.Equal(t, "chunk", ne.Node)
	assert.Equal(t, 20, ne.Input)
	assert.ErrorContains(t, err, "placed segment [mul chunk]: actor died")
}

// A node failing inside the segment fails the local run at that input.
func TestPlacedSegment_NodeErrorInside(t *testing.T) {
	sub := `{"version": "v1", "nodes": [{"id": "calc", "node_type": "CalculatorNode"}]}`
	whole := `{"version": "v1", "nodes": [{"id": "src", "node_type": "PassThrough"}, {"id": "calc", "node_type": "CalculatorNode"}],
	  "connections": [{"from": "src", "to": "calc"}]}`
	placedM := `{"version": "v1", "nodes": [{"id": "src", "node_type": "PassThrough"}, {"id": "calc", "node_type": "Segment"}],
	  "connections": [{"from": "src", "to": "calc"}]}`
	inputs := []*frame.Frame{}
	for i := 0; i < 20; i++ {
		op := map[string]any{"operation": "add", "operands": []any{i, 1}}
		if i == 13 {
			op = map[string]any{"operation": "divide", "operands": []any{1, 0}}
		}
		inputs = append(inputs, frame.JSON(op))
	}
	h := newHarness(t, sub, Options{Name: "placed segment [calc]", BatchFrames: 4, BatchesInFlight: 2})
	_, wantErr := h.pipeline(t, whole, false).Run(context.Background(), inputs)
	_, err := h.pipeline(t, placedM, false).Run(context.Background(), inputs)
	require.Error(t, wantErr)
	var ne *core.NodeError
	require.ErrorAs(t, err, &ne)
	assert.Equal(t, 13, ne.Input)
	assert.ErrorContains(t, err, `node "calc" (CalculatorNode) failed`)

	// Under skip_errors both skip input 13 and give the same outputs.
	want, err := h.pipeline(t, whole, true).Run(context.Background(), inputs)
	require.NoError(t, err)
	got, err := h.pipeline(t, placedM, true).Run(context.Background(), inputs)
	require.NoError(t, err)
	require.Len(t, got.Outputs["calc"], 19)
	for i := range want.Outputs["calc"] {
		assert.True(t, frame.Equal(want.Outputs["calc"][i], got.Outputs["calc"][i]))
	}
	require.Len(t, got.Skipped, 1)
}
