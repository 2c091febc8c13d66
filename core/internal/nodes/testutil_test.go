package nodes

import (
	"context"
	"errors"
	"testing"

	"github.com/remotemedia/remotemedia/core/frame"
	"github.com/remotemedia/remotemedia/core/internal/jsonx"
	"github.com/remotemedia/remotemedia/core/node"
	"github.com/stretchr/testify/require"
)

// collector is a node.Emitter that keeps every frame emitted, in order.
// Set err to make Emit fail, as it does when a run is stopping.
type collector struct {
	frames []*frame.Frame
	err    error
}

func (c *collector) Emit(f *frame.Frame) error {
	if c.err != nil {
		return c.err
	}
	c.frames = append(c.frames, f)
	return nil
}

// discard is an Emitter that drops frames without allocating, for benchmarks.
type discard struct{}

func (discard) Emit(*frame.Frame) error { return nil }

// newNode builds nodeType from node.Default() with params given as manifest
// JSON (so numbers arrive as json.Number, as they do from a real manifest).
func newNode(t testing.TB, nodeType, params string) node.Node {
	t.Helper()
	n, err := tryNewNode(nodeType, params)
	require.NoError(t, err)
	return n
}

// tryNewNode is newNode returning the validation or constructor error.
func tryNewNode(nodeType, params string) (node.Node, error) {
	spec, ok := node.Default().Lookup(nodeType)
	if !ok {
		return nil, errors.New("unknown node type " + nodeType)
	}
	var raw map[string]any
	if err := jsonx.Unmarshal([]byte(params), &raw); err != nil {
		return nil, err
	}
	p, problems := spec.ValidateParams(raw)
	if len(problems) > 0 {
		errs := make([]error, len(problems))
		for i, pr := range problems {
			errs[i] = pr
		}
		return nil, errors.Join(errs...)
	}
	return spec.New(p)
}

// runNode feeds inputs to n in order, then flushes it if it is a
// node.Flusher, and returns everything emitted. It stops at the first error.
func runNode(t testing.TB, n node.Node, inputs ...*frame.Frame) ([]*frame.Frame, error) {
	t.Helper()
	ctx := context.Background()
	var c collector
	for _, in := range inputs {
		if err := n.Process(ctx, in, &c); err != nil {
			return c.frames, err
		}
	}
	if f, ok := n.(node.Flusher); ok {
		if err := f.Flush(ctx, &c); err != nil {
			return c.frames, err
		}
	}
	return c.frames, nil
}

// jsonFrame decodes s as the engine's JSON decoder would.
func jsonFrame(t testing.TB, s string) *frame.Frame {
	t.Helper()
	var v any
	require.NoError(t, jsonx.Unmarshal([]byte(s), &v))
	return frame.JSON(v)
}

// encodeJSON is the canonical JSON encoding of f's value, for exact
// comparisons of what a CLI or browser would print.
func encodeJSON(t testing.TB, f *frame.Frame) string {
	t.Helper()
	require.Equal(t, frame.KindJSON, f.Kind())
	b, err := jsonx.Marshal(f.JSONValue())
	require.NoError(t, err)
	return string(b)
}
