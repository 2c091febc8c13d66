package nodes

import (
	"context"
	"testing"

	"github.com/remotemedia/remotemedia/core/frame"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestPassThrough_Process(t *testing.T) {
	audio, err := frame.NewAudio(frame.Audio{Samples: []float32{1}, SampleRate: 8000, Channels: 1})
	require.NoError(t, err)
	inputs := []*frame.Frame{
		jsonFrame(t, `{"a": [1, 2]}`),
		frame.Text("a b"),
		frame.Bytes([]byte{0, 1}),
		audio.WithMeta(map[string]any{"seq": 1}),
	}
	out, err := runNode(t, newNode(t, "PassThrough", `{}`), inputs...)
	require.NoError(t, err)
	require.Len(t, out, len(inputs))
	for i := range inputs {
		assert.Same(t, inputs[i], out[i], "the same frame, not a copy")
	}
}

func TestPassThrough_New(t *testing.T) {
	_, err := tryNewNode("PassThrough", `{"x": 1}`)
	assert.ErrorContains(t, err, "PassThrough takes no params")
}

func TestPassThrough_ProcessAllocatesNothing(t *testing.T) {
	n := newNode(t, "PassThrough", `{}`)
	in := frame.Text("x")
	ctx := context.Background()
	allocs := testing.AllocsPerRun(100, func() {
		_ = n.Process(ctx, in, discard{})
	})
	assert.Zero(t, allocs)
}

func BenchmarkPassThrough_Process(b *testing.B) {
	n := newNode(b, "PassThrough", `{}`)
	in := frame.Text("x")
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		if err := n.Process(ctx, in, discard{}); err != nil {
			b.Fatal(err)
		}
	}
}
