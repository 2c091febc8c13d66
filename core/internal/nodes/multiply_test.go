package nodes

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/remotemedia/remotemedia/core/frame"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestMultiplyNode_Process(t *testing.T) {
	tests := []struct {
		name, params, input, want string
	}{
		{"integer stays integer", `{"multiplier": 2}`, `5`, `10`},
		{"float times integer", `{"multiplier": 2}`, `2.5`, `5`},
		{"fractional multiplier", `{"multiplier": 0.5}`, `3`, `1.5`},
		{"default multiplier is 1", `{}`, `7`, `7`},
		{"negative", `{"multiplier": -3}`, `4`, `-12`},
		{"list", `{"multiplier": 3}`, `[1, 2]`, `[3,6]`},
		{"nested list", `{"multiplier": 2}`, `[[1, 2], [3.5], []]`, `[[2,4],[7],[]]`},
		{"empty list", `{"multiplier": 2}`, `[]`, `[]`},
		{"exponent notation", `{"multiplier": 10}`, `1e3`, `10000`},
		{"big integer stays exact", `{"multiplier": 1}`, `9007199254740993`, `9007199254740993`},
		{"int64 overflow becomes float", `{"multiplier": 4}`, `4611686018427387904`, `18446744073709552000`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, err := runNode(t, newNode(t, "MultiplyNode", tt.params), jsonFrame(t, tt.input))
			require.NoError(t, err)
			require.Len(t, out, 1)
			assert.Equal(t, tt.want, encodeJSON(t, out[0]))
		})
	}
}

func TestMultiplyNode_ProcessGoNumbers(t *testing.T) {
	n := newNode(t, "MultiplyNode", `{"multiplier": 2}`)
	tests := []struct {
		in   any
		want any
	}{
		{int(3), int64(6)},
		{int64(3), int64(6)},
		{float64(1.25), float64(2.5)},
		{float32(1.5), float64(3)},
		{[]any{int(1), float64(0.5)}, []any{int64(2), float64(1)}},
	}
	for _, tt := range tests {
		out, err := runNode(t, n, frame.JSON(tt.in))
		require.NoError(t, err)
		assert.Equal(t, tt.want, out[0].JSONValue(), "input %#v", tt.in)
	}
}

func TestMultiplyNode_ProcessErrors(t *testing.T) {
	tests := []struct {
		name    string
		input   *frame.Frame
		wantErr string
	}{
		{"object", jsonFrame(t, `{"not": "a number"}`), "MultiplyNode needs numbers, lists of numbers, tensors or audio; got object"},
		{"json string", jsonFrame(t, `"5"`), "got string"},
		{"boolean", jsonFrame(t, `true`), "got boolean"},
		{"null", jsonFrame(t, `null`), "got null"},
		{"text frame", frame.Text("5"), "got text"},
		{"bytes frame", frame.Bytes([]byte{5}), "got bytes"},
		{"list with a string", jsonFrame(t, `[1, "2"]`), "got a list with string at $[1]"},
		{"nested list with an object", jsonFrame(t, `[[1], [2, {}]]`), "got a list with object at $[1][1]"},
		{"overflow to infinity", jsonFrame(t, `[1e308]`), "MultiplyNode: 1e+308 * 2 at $[0]: result is not a finite number"},
	}
	n := newNode(t, "MultiplyNode", `{"multiplier": 2}`)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, err := runNode(t, n, tt.input)
			require.Error(t, err)
			assert.Contains(t, err.Error(), tt.wantErr)
			assert.Empty(t, out)
		})
	}
}

func TestMultiplyNode_New(t *testing.T) {
	tests := []struct {
		name, params, wantErr string
	}{
		{"number", `{"multiplier": 2.5}`, ""},
		{"string", `{"multiplier": "two"}`, `param "multiplier": must be a number`},
		{"unknown param", `{"multiplyer": 2}`, `did you mean "multiplier"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := tryNewNode("MultiplyNode", tt.params)
			if tt.wantErr == "" {
				assert.NoError(t, err)
				return
			}
			require.Error(t, err)
			assert.Contains(t, err.Error(), tt.wantErr)
		})
	}
}

func TestMultiplyNode_ProcessTensor(t *testing.T) {
	tests := []struct {
		name       string
		params     string
		dtype      frame.DType
		values     []float64
		wantDType  frame.DType
		wantValues []float64
		wantErr    string
	}{
		{"float32 keeps dtype", `{"multiplier": 2}`, frame.Float32, []float64{1, -2.5, 3}, frame.Float32, []float64{2, -5, 6}, ""},
		{"float64 keeps dtype", `{"multiplier": 0.5}`, frame.Float64, []float64{1, 4}, frame.Float64, []float64{0.5, 2}, ""},
		{"int16 with integer keeps dtype", `{"multiplier": 3}`, frame.Int16, []float64{-2, 100}, frame.Int16, []float64{-6, 300}, ""},
		{"int8 wraps like numpy", `{"multiplier": 2}`, frame.Int8, []float64{100}, frame.Int8, []float64{-56}, ""},
		{"uint8 with fraction promotes to float64", `{"multiplier": 0.5}`, frame.Uint8, []float64{3, 255}, frame.Float64, []float64{1.5, 127.5}, ""},
		{"int64 with integer", `{"multiplier": -1}`, frame.Int64, []float64{5, -7}, frame.Int64, []float64{-5, 7}, ""},
		{"uint32 with integer", `{"multiplier": 2}`, frame.Uint32, []float64{7}, frame.Uint32, []float64{14}, ""},
		{"uint64 with integer", `{"multiplier": 2}`, frame.Uint64, []float64{7}, frame.Uint64, []float64{14}, ""},
		{"uint16 with integer", `{"multiplier": 2}`, frame.Uint16, []float64{7}, frame.Uint16, []float64{14}, ""},
		{"int32 with integer", `{"multiplier": 2}`, frame.Int32, []float64{-7}, frame.Int32, []float64{-14}, ""},
		{"bool with integer becomes int64", `{"multiplier": 3}`, frame.Bool, []float64{1, 0}, frame.Int64, []float64{3, 0}, ""},
		{"bool with fraction becomes float64", `{"multiplier": 1.5}`, frame.Bool, []float64{1, 0}, frame.Float64, []float64{1.5, 0}, ""},
		{"operand too big for int8", `{"multiplier": 300}`, frame.Int8, []float64{1}, "", nil, "multiplier 300 does not fit the tensor's dtype int8"},
		{"negative operand for uint8", `{"multiplier": -1}`, frame.Uint8, []float64{1}, "", nil, "multiplier -1 does not fit the tensor's dtype uint8"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in, err := frame.TensorFromFloat64s(tt.dtype, []int{len(tt.values)}, tt.values)
			require.NoError(t, err)
			out, err := runNode(t, newNode(t, "MultiplyNode", tt.params), in)
			if tt.wantErr != "" {
				require.Error(t, err)
				assert.Contains(t, err.Error(), tt.wantErr)
				return
			}
			require.NoError(t, err)
			require.Len(t, out, 1)
			got := out[0].Tensor()
			require.NotNil(t, got)
			assert.Equal(t, tt.wantDType, got.DType)
			assert.Equal(t, []int{len(tt.values)}, got.Shape)
			assert.Equal(t, tt.wantValues, got.Elements())
		})
	}
}

func TestMultiplyNode_ProcessTensorKeepsShape(t *testing.T) {
	in, err := frame.TensorFromFloat64s(frame.Float32, []int{2, 3}, []float64{1, 2, 3, 4, 5, 6})
	require.NoError(t, err)
	out, err := runNode(t, newNode(t, "MultiplyNode", `{"multiplier": 10}`), in)
	require.NoError(t, err)
	assert.Equal(t, []int{2, 3}, out[0].Tensor().Shape)
	assert.Equal(t, []float64{10, 20, 30, 40, 50, 60}, out[0].Tensor().Elements())
	assert.Equal(t, []float64{1, 2, 3, 4, 5, 6}, in.Tensor().Elements(), "input must not change")
}

func TestMultiplyNode_ProcessAudio(t *testing.T) {
	in, err := frame.NewAudio(frame.Audio{Samples: []float32{0.5, -0.25, 1, 0}, SampleRate: 16000, Channels: 2, Timestamp: 3 * time.Second})
	require.NoError(t, err)
	out, err := runNode(t, newNode(t, "MultiplyNode", `{"multiplier": 0.5}`), in)
	require.NoError(t, err)
	require.Len(t, out, 1)
	got := out[0].Audio()
	require.NotNil(t, got)
	assert.Equal(t, []float32{0.25, -0.125, 0.5, 0}, got.Samples)
	assert.Equal(t, 16000, got.SampleRate)
	assert.Equal(t, 2, got.Channels)
	assert.Equal(t, 3*time.Second, got.Timestamp)
	assert.Equal(t, []float32{0.5, -0.25, 1, 0}, in.Audio().Samples, "input must not change")
}

func TestMultiplyNode_ProcessKeepsMeta(t *testing.T) {
	meta := map[string]any{"source": "mic", "seq": 7}
	audio, err := frame.NewAudio(frame.Audio{Samples: []float32{1}, SampleRate: 8000, Channels: 1})
	require.NoError(t, err)
	tensor, err := frame.TensorFromFloat64s(frame.Float32, []int{1}, []float64{1})
	require.NoError(t, err)
	n := newNode(t, "MultiplyNode", `{"multiplier": 2}`)
	for _, in := range []*frame.Frame{frame.JSON(int64(1)), audio, tensor} {
		out, err := runNode(t, n, in.WithMeta(meta))
		require.NoError(t, err)
		assert.Equal(t, meta, out[0].Meta(), "kind %s", in.Kind())
	}
}

func TestMultiplyNode_ProcessEmitError(t *testing.T) {
	stop := errors.New("run is stopping")
	c := &collector{err: stop}
	err := newNode(t, "MultiplyNode", `{"multiplier": 2}`).Process(context.Background(), frame.JSON(int64(1)), c)
	assert.ErrorIs(t, err, stop)
}

func BenchmarkMultiplyNode_Process(b *testing.B) {
	n := newNode(b, "MultiplyNode", `{"multiplier": 2}`)
	tensor, err := frame.TensorFromFloat64s(frame.Float32, []int{1024}, make([]float64, 1024))
	require.NoError(b, err)
	audio, err := frame.NewAudio(frame.Audio{Samples: make([]float32, 960), SampleRate: 48000, Channels: 1})
	require.NoError(b, err)
	inputs := []struct {
		name string
		in   *frame.Frame
	}{
		{"json_int", jsonFrame(b, `12345`)},
		{"json_float", jsonFrame(b, `1.5`)},
		{"json_list_8", jsonFrame(b, `[1, 2, 3, 4, 5, 6, 7, 8]`)},
		{"tensor_f32_1024", tensor},
		{"audio_960", audio},
	}
	ctx := context.Background()
	for _, in := range inputs {
		b.Run(in.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if err := n.Process(ctx, in.in, discard{}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func TestMultiplyNode_ProcessNonJSONGoValue(t *testing.T) {
	_, err := runNode(t, newNode(t, "MultiplyNode", `{}`), frame.JSON(map[string]string{"a": "b"}))
	assert.EqualError(t, err, "MultiplyNode needs numbers, lists of numbers, tensors or audio; got Go value of type map[string]string")
}
