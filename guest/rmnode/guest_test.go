//go:build !wasip1

package rmnode

import (
	"encoding/json"
	"errors"
	"testing"

	"github.com/remotemedia/remotemedia/core/frame"
	"github.com/remotemedia/remotemedia/core/node"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// testNode echoes text, fails on "fail", panics on "panic", emits an extra
// frame on "emit", and flushes the number of frames it saw.
type testNode struct {
	prefix string
	seen   int
}

func (n *testNode) Init(p node.Params) error {
	if p.Has("bad") {
		return errors.New("bad param")
	}
	n.prefix = p.String("prefix")
	return nil
}

func (n *testNode) Process(in *frame.Frame) (*frame.Frame, error) {
	n.seen++
	switch in.TextValue() {
	case "fail":
		return nil, errors.New("cannot process fail")
	case "panic":
		panic("boom")
	case "none":
		return nil, nil
	case "emit":
		if err := Emit(frame.Text("extra")); err != nil {
			return nil, err
		}
	}
	return frame.Text(n.prefix + in.TextValue()), nil
}

func (n *testNode) Flush() (*frame.Frame, error) { return frame.JSON(float64(n.seen)), nil }

func newGuest(n Node) *guest { return &guest{node: n, live: map[uintptr][]byte{}} }

func encode(t *testing.T, f *frame.Frame) []byte {
	t.Helper()
	b, err := frame.Encode(f)
	require.NoError(t, err)
	return b
}

func decode(t *testing.T, b []byte) *frame.Frame {
	t.Helper()
	f, err := frame.Decode(b)
	require.NoError(t, err)
	return f
}

func TestGuest_process(t *testing.T) {
	tests := []struct {
		input    string
		want     string // "" with ok: no output
		wantErr  string
		wantEmit []string
	}{
		{input: "hi", want: ">hi"},
		{input: "none"},
		{input: "fail", wantErr: "cannot process fail"},
		{input: "panic", wantErr: "panic: boom"},
		{input: "emit", want: ">emit", wantEmit: []string{"extra"}},
	}
	for _, tt := range tests {
		t.Run(tt.input, func(t *testing.T) {
			emitted = nil
			g := newGuest(&testNode{})
			require.Equal(t, int32(0), g.init([]byte(`{"prefix":">"}`)))
			out, ok := g.process(encode(t, frame.Text(tt.input)))
			if tt.wantErr != "" {
				require.False(t, ok)
				assert.Equal(t, tt.wantErr, string(g.lastErr))
				return
			}
			require.True(t, ok)
			var gotEmit []string
			for _, b := range emitted {
				gotEmit = append(gotEmit, decode(t, b).TextValue())
			}
			assert.Equal(t, tt.wantEmit, gotEmit)
			if tt.want == "" {
				assert.Nil(t, out)
				return
			}
			assert.Equal(t, tt.want, decode(t, out).TextValue())
		})
	}
}

func TestGuest_init(t *testing.T) {
	tests := []struct {
		name    string
		params  string
		wantErr string
	}{
		{name: "ok", params: `{"prefix":"a"}`},
		{name: "empty", params: ``},
		{name: "rejected", params: `{"bad":1}`, wantErr: "bad param"},
		{name: "not json", params: `{`, wantErr: "params:"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g := newGuest(&testNode{})
			status := g.init([]byte(tt.params))
			if tt.wantErr != "" {
				assert.Equal(t, int32(1), status)
				assert.Contains(t, string(g.lastErr), tt.wantErr)
				return
			}
			assert.Equal(t, int32(0), status)
		})
	}
}

func TestGuest_flush(t *testing.T) {
	g := newGuest(&testNode{})
	for _, in := range []string{"a", "b"} {
		_, ok := g.process(encode(t, frame.Text(in)))
		require.True(t, ok)
	}
	out, ok := g.flush()
	require.True(t, ok)
	assert.Equal(t, json.Number("2"), decode(t, out).JSONValue())

	noFlush := newGuest(ProcessFunc(func(in *frame.Frame) (*frame.Frame, error) { return in, nil }))
	out, ok = noFlush.flush()
	assert.True(t, ok)
	assert.Nil(t, out)
}

func TestGuest_buffers(t *testing.T) {
	g := newGuest(ProcessFunc(func(in *frame.Frame) (*frame.Frame, error) { return in, nil }))
	in := g.alloc(64)
	require.Len(t, in, 64)
	var first uintptr
	for i := 0; i < 3; i++ {
		out, ok := g.process(encode(t, frame.Text("hello")))
		require.True(t, ok)
		if i == 0 {
			first = addr(out)
		}
		assert.Equal(t, first, addr(out), "the output buffer is reused")
	}
	g.free(addr(in))
	assert.Empty(t, g.live, "every buffer rm_alloc handed out was freed")
	assert.NotNil(t, g.alloc(0), "zero-size allocations get a real address")
}

func TestGuest_noNode(t *testing.T) {
	g := newGuest(nil)
	_, ok := g.process(encode(t, frame.Text("x")))
	require.False(t, ok)
	assert.Contains(t, string(g.lastErr), "call rmnode.Register")
}
