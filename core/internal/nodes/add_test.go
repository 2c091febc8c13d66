package nodes

import (
	"context"
	"testing"
	"time"

	"github.com/remotemedia/remotemedia/core/frame"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestAddNode_Process(t *testing.T) {
	tests := []struct {
		name, params, input, want string
	}{
		{"integer stays integer", `{"addend": 10}`, `5`, `15`},
		{"float", `{"addend": 0.25}`, `1`, `1.25`},
		{"float that lands on an integer", `{"addend": 0.5}`, `1.5`, `2`},
		{"default addend is 0", `{}`, `7`, `7`},
		{"negative addend subtracts", `{"addend": -3}`, `[1, [2]]`, `[-2,[-1]]`},
		{"int64 overflow becomes float", `{"addend": 1}`, `9223372036854775807`, `9223372036854776000`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, err := runNode(t, newNode(t, "AddNode", tt.params), jsonFrame(t, tt.input))
			require.NoError(t, err)
			require.Len(t, out, 1)
			assert.Equal(t, tt.want, encodeJSON(t, out[0]))
		})
	}
}

func TestAddNode_ProcessErrors(t *testing.T) {
	n := newNode(t, "AddNode", `{"addend": 1}`)
	_, err := runNode(t, n, jsonFrame(t, `{"a": 1}`))
	assert.EqualError(t, err, "AddNode needs numbers, lists of numbers, tensors or audio; got object")
	_, err = runNode(t, n, frame.Text("hello"))
	assert.EqualError(t, err, "AddNode needs numbers, lists of numbers, tensors or audio; got text")
}

func TestAddNode_ProcessTensor(t *testing.T) {
	tests := []struct {
		name       string
		params     string
		dtype      frame.DType
		values     []float64
		wantDType  frame.DType
		wantValues []float64
		wantErr    string
	}{
		{"float32", `{"addend": 0.5}`, frame.Float32, []float64{1, 2}, frame.Float32, []float64{1.5, 2.5}, ""},
		{"uint8 wraps like numpy", `{"addend": 10}`, frame.Uint8, []float64{250}, frame.Uint8, []float64{4}, ""},
		{"int32 with fraction promotes", `{"addend": 0.5}`, frame.Int32, []float64{1}, frame.Float64, []float64{1.5}, ""},
		{"negative addend for uint16", `{"addend": -1}`, frame.Uint16, []float64{1}, "", nil, "addend -1 does not fit the tensor's dtype uint16"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in, err := frame.TensorFromFloat64s(tt.dtype, []int{len(tt.values)}, tt.values)
			require.NoError(t, err)
			out, err := runNode(t, newNode(t, "AddNode", tt.params), in)
			if tt.wantErr != "" {
				require.Error(t, err)
				assert.Contains(t, err.Error(), tt.wantErr)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tt.wantDType, out[0].Tensor().DType)
			assert.Equal(t, tt.wantValues, out[0].Tensor().Elements())
		})
	}
}

func TestAddNode_ProcessAudio(t *testing.T) {
	in, err := frame.NewAudio(frame.Audio{Samples: []float32{0, 0.5}, SampleRate: 44100, Channels: 1, Timestamp: time.Millisecond})
	require.NoError(t, err)
	out, err := runNode(t, newNode(t, "AddNode", `{"addend": 0.25}`), in.WithMeta(map[string]any{"k": "v"}))
	require.NoError(t, err)
	got := out[0].Audio()
	assert.Equal(t, []float32{0.25, 0.75}, got.Samples)
	assert.Equal(t, 44100, got.SampleRate)
	assert.Equal(t, 1, got.Channels)
	assert.Equal(t, time.Millisecond, got.Timestamp)
	assert.Equal(t, map[string]any{"k": "v"}, out[0].Meta())
}

func BenchmarkAddNode_Process(b *testing.B) {
	n := newNode(b, "AddNode", `{"addend": 10}`)
	in := jsonFrame(b, `5`)
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		if err := n.Process(ctx, in, discard{}); err != nil {
			b.Fatal(err)
		}
	}
}
