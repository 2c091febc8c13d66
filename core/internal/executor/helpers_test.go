package executor

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"sync/atomic"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/remotemedia/remotemedia/core/frame"
	"github.com/remotemedia/remotemedia/core/node"
)

// fn is a test node built from closures; each field is optional.
type fn struct {
	process func(ctx context.Context, in *frame.Frame, out node.Emitter) error
	init    func() error
	flush   func(out node.Emitter) error
	closed  *atomic.Int32
}

func (n *fn) Process(ctx context.Context, in *frame.Frame, out node.Emitter) error {
	return n.process(ctx, in, out)
}

// withLifecycle wraps fn so the executor sees Initializer/Flusher/Closer.
type withLifecycle struct{ *fn }

func (n withLifecycle) Init(context.Context) error {
	if n.init != nil {
		return n.init()
	}
	return nil
}

func (n withLifecycle) Flush(_ context.Context, out node.Emitter) error {
	if n.flush != nil {
		return n.flush(out)
	}
	return nil
}

func (n withLifecycle) Close() error {
	if n.closed != nil {
		n.closed.Add(1)
	}
	return nil
}

// fuseAll marks every test node Light, so the whole suite runs again with
// every chain fused (make test does both): outputs, order, errors and
// metrics must not depend on fusion.
var fuseAll = os.Getenv("REMOTEMEDIA_TEST_FUSE_ALL") == "1"

func spec(name string, build func() node.Node) *node.Spec {
	return &node.Spec{Type: name, Runtime: node.RuntimeGo, Light: fuseAll,
		New: func(node.Params) (node.Node, error) { return build(), nil }}
}

// mapInt is a node applying f to integer JSON inputs.
func mapInt(f func(int) int) *node.Spec {
	return spec("MapInt", func() node.Node {
		return &fn{process: func(_ context.Context, in *frame.Frame, out node.Emitter) error {
			v, err := intOf(in)
			if err != nil {
				return err
			}
			return out.Emit(frame.JSON(f(v)))
		}}
	})
}

func passThrough() *node.Spec {
	return spec("PassThrough", func() node.Node {
		return &fn{process: func(_ context.Context, in *frame.Frame, out node.Emitter) error { return out.Emit(in) }}
	})
}

func intOf(f *frame.Frame) (int, error) {
	switch v := f.JSONValue().(type) {
	case int:
		return v, nil
	case json.Number:
		n, err := v.Int64()
		return int(n), err
	}
	return 0, fmt.Errorf("want an integer, got %v", f.JSONValue())
}

// planOf builds a plan from node specs (id order = manifest order) and
// "from->to" edges.
func planOf(t testing.TB, ids []string, specs map[string]*node.Spec, edges ...[2]string) *Plan {
	t.Helper()
	index := map[string]int{}
	p := &Plan{}
	for i, id := range ids {
		index[id] = i
		p.Nodes = append(p.Nodes, PlanNode{ID: id, Spec: specs[id]})
	}
	for _, e := range edges {
		from, to := index[e[0]], index[e[1]]
		p.Nodes[from].Succs = append(p.Nodes[from].Succs, to)
		p.Nodes[to].Preds = append(p.Nodes[to].Preds, from)
	}
	return p
}

func ints(vs ...int) []*frame.Frame {
	out := make([]*frame.Frame, len(vs))
	for i, v := range vs {
		out[i] = frame.JSON(v)
	}
	return out
}

func valuesOf(t testing.TB, frames []*frame.Frame) []int {
	t.Helper()
	out := make([]int, len(frames))
	for i, f := range frames {
		v, err := intOf(f)
		require.NoError(t, err)
		out[i] = v
	}
	return out
}

func nodeErrorOf(t testing.TB, err error) *NodeError {
	t.Helper()
	var ne *NodeError
	require.True(t, errors.As(err, &ne), "want a *NodeError, got %T: %v", err, err)
	return ne
}
