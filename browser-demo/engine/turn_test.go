//go:build js && wasm

package main

import (
	"syscall/js"
	"testing"

	"github.com/stretchr/testify/require"
)

// fakeTurnHost stands in for src/turn_host.js: it records what run gets
// and answers reply's float32s as bytes.
func fakeTurnHost(t *testing.T, reply []float32) (got *[]float32) {
	got = new([]float32)
	fn := func(f func(args []js.Value) any) js.Func {
		g := js.FuncOf(func(_ js.Value, args []js.Value) any { return f(args) })
		t.Cleanup(g.Release)
		return g
	}
	host := js.Global().Get("Object").New()
	host.Set("open", fn(func([]js.Value) any { return 7 }))
	host.Set("close", fn(func([]js.Value) any { return nil }))
	host.Set("run", fn(func(args []js.Value) any {
		require.Equal(t, 7, args[0].Int(), "the session's handle")
		b, err := bytesFromJS(args[1])
		require.NoError(t, err)
		*got = append([]float32(nil), float32sOf(b)...)
		return bytesToJS(float32Bytes(reply))
	}))
	js.Global().Set("remotemediaTurnTest", host)
	t.Cleanup(func() { js.Global().Delete("remotemediaTurnTest") })
	return got
}

func TestTurnBackend_RunSendsTheFeaturesAndReturnsTheScore(t *testing.T) {
	got := fakeTurnHost(t, []float32{0.75})
	r, err := turnBackend{"remotemediaTurnTest"}.Open([]byte("model"))
	require.NoError(t, err)
	features := make([]float32, 80*800)
	features[0], features[len(features)-1] = -1.5, 2.25
	p, err := r.Run(features)
	require.NoError(t, err)
	require.Equal(t, float32(0.75), p)
	require.Equal(t, features, *got)
	require.NoError(t, r.Close())
}

func TestTurnBackend_WrongReplyLength(t *testing.T) {
	fakeTurnHost(t, []float32{0.75, 0.25})
	r, err := turnBackend{"remotemediaTurnTest"}.Open([]byte("model"))
	require.NoError(t, err)
	_, err = r.Run(make([]float32, 80*800))
	require.EqualError(t, err, "onnxruntime-web returned 8 bytes, want 4")
}
