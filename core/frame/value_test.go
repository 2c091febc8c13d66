package frame_test

import (
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"math"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/remotemedia/remotemedia/core/frame"
	"github.com/remotemedia/remotemedia/core/internal/jsonx"
)

func TestFromValue(t *testing.T) {
	tests := []struct {
		name string
		in   any
		want *frame.Frame
	}{
		{"string is text", "hello", frame.Text("hello")},
		{"empty string is text", "", frame.Text("")},
		{"number is json", json.Number("3"), frame.JSON(json.Number("3"))},
		{"nil is json", nil, frame.JSON(nil)},
		{"object is json", map[string]any{"a": "b"}, frame.JSON(map[string]any{"a": "b"})},
		{"array of strings is json", []any{"a"}, frame.JSON([]any{"a"})},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := frame.FromValue(tt.in)
			assert.Equal(t, tt.want.Kind(), got.Kind())
			assert.True(t, frame.Equal(tt.want, got))
		})
	}
}

func TestToValue(t *testing.T) {
	must := func(f *frame.Frame, err error) *frame.Frame {
		require.NoError(t, err)
		return f
	}
	tests := []struct {
		name string
		in   *frame.Frame
		want string // ToValue marshalled by jsonx
	}{
		{"json", frame.JSON(map[string]any{"a": []any{json.Number("1"), nil}}), `{"a":[1,null]}`},
		{"text", frame.Text("hé"), `"hé"`},
		{"bytes", frame.Bytes([]byte{0, 0xff, 0x10}), `{"bytes_b64":"AP8Q"}`},
		{"bytes empty", frame.Bytes(nil), `{"bytes_b64":""}`},
		{"audio", must(frame.NewAudio(frame.Audio{Samples: []float32{0.1, -1, float32(math.NaN()), 1e-7}, SampleRate: 16000, Channels: 2, Timestamp: 3 * time.Millisecond})),
			`{"audio":{"channels":2,"sample_rate":16000,"samples":[0.1,-1,null,1e-07],"timestamp_ns":3000000}}`},
		{"tensor float32", must(frame.TensorFromFloat64s(frame.Float32, []int{2}, []float64{0.1, math.Inf(1)})),
			`{"tensor":{"data":[0.1,null],"dtype":"float32","shape":[2]}}`},
		{"tensor int16", must(frame.TensorFromFloat64s(frame.Int16, []int{2, 2}, []float64{1, -2, 3, -4})),
			`{"tensor":{"data":[1,-2,3,-4],"dtype":"int16","shape":[2,2]}}`},
		{"tensor bool", must(frame.TensorFromFloat64s(frame.Bool, []int{3}, []float64{1, 0, 5})),
			`{"tensor":{"data":[1,0,1],"dtype":"bool","shape":[3]}}`},
		{"tensor int64 exact", must(frame.NewTensor(frame.Tensor{DType: frame.Int64, Shape: []int{1}, Data: []byte{1, 0, 0, 0, 0, 0, 0, 0x80}})),
			`{"tensor":{"data":[-9223372036854775807],"dtype":"int64","shape":[1]}}`},
		{"tensor uint64 exact", must(frame.NewTensor(frame.Tensor{DType: frame.Uint64, Shape: []int{}, Data: []byte{0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff}})),
			`{"tensor":{"data":[18446744073709551615],"dtype":"uint64","shape":[]}}`},
		{"meta is not shown", frame.Text("x").WithMeta(map[string]any{"k": 1}), `"x"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := jsonx.Marshal(frame.ToValue(tt.in))
			require.NoError(t, err)
			assert.JSONEq(t, tt.want, string(got))
		})
	}
}

func TestToValue_ShowsEveryVector(t *testing.T) {
	// The plain form of a vector's frame carries the vector's own fields.
	for _, v := range loadFrameVectors(t) {
		t.Run(v.Name, func(t *testing.T) {
			got := frame.ToValue(vectorFrame(t, v.Value))
			for key, want := range v.Value {
				switch key {
				case "json", "text":
					assert.True(t, frame.Equal(frame.FromValue(want), frame.FromValue(got)))
				case "bytes_hex":
					raw, err := hex.DecodeString(want.(string))
					require.NoError(t, err)
					assert.Equal(t, base64.StdEncoding.EncodeToString(raw), got.(map[string]any)["bytes_b64"])
				case "audio", "tensor":
					fields := got.(map[string]any)[key].(map[string]any)
					for name, w := range want.(map[string]any) {
						assert.True(t, frame.Equal(frame.JSON(w), frame.JSON(fields[name])), "%s.%s: want %v, got %v", key, name, w, fields[name])
					}
				}
			}
		})
	}
}

// A shape whose element count wraps around to the data's length must not
// pass: 2^62 × 4 float32s is 0 bytes in wrapped int arithmetic.
func TestNewTensorRejectsShapeThatOverflows(t *testing.T) {
	_, err := frame.NewTensor(frame.Tensor{DType: frame.Float32, Shape: []int{1 << 62, 4}})
	require.Error(t, err)
	assert.Contains(t, err.Error(), "too large")
}
