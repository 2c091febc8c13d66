package frame_test

import (
	"encoding/json"
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/remotemedia/remotemedia/core/frame"
)

func TestEqual(t *testing.T) {
	must := func(f *frame.Frame, err error) *frame.Frame {
		require.NoError(t, err)
		return f
	}
	audio := func(samples ...float32) *frame.Frame {
		return must(frame.NewAudio(frame.Audio{Samples: samples, SampleRate: 16000, Channels: 1}))
	}
	nan := float32(math.NaN())
	tests := []struct {
		name string
		a, b *frame.Frame
		want bool
	}{
		{"both nil", nil, nil, true},
		{"nil and frame", nil, frame.Text(""), false},
		{"kinds differ", frame.Text("1"), frame.JSON(json.Number("1")), false},
		{"json.Number equals float64", frame.JSON(json.Number("2")), frame.JSON(float64(2)), true},
		{"json.Number equals int", frame.JSON(json.Number("2.0")), frame.JSON(2), true},
		{"exponent form equals int", frame.JSON(json.Number("1e2")), frame.JSON(uint8(100)), true},
		{"numbers differ", frame.JSON(json.Number("2")), frame.JSON(2.5), false},
		{"large integers compare exactly", frame.JSON(json.Number("9007199254740993")), frame.JSON(int64(9007199254740992)), false},
		{"uint64 beyond int64", frame.JSON(uint64(math.MaxUint64)), frame.JSON(json.Number("18446744073709551615")), true},
		{"number and string", frame.JSON(json.Number("2")), frame.JSON("2"), false},
		{"nested numbers", frame.JSON(map[string]any{"a": []any{json.Number("1"), nil}}), frame.JSON(map[string]any{"a": []any{1.0, nil}}), true},
		{"map keys differ", frame.JSON(map[string]any{"a": 1}), frame.JSON(map[string]any{"b": 1}), false},
		{"array lengths differ", frame.JSON([]any{1}), frame.JSON([]any{1, 1}), false},
		{"object and array", frame.JSON(map[string]any{}), frame.JSON([]any{}), false},
		{"text differs", frame.Text("a"), frame.Text("b"), false},
		{"nil and empty bytes", frame.Bytes(nil), frame.Bytes([]byte{}), true},
		{"bytes differ", frame.Bytes([]byte{1}), frame.Bytes([]byte{2}), false},
		{"audio same", audio(0.5, -1), audio(0.5, -1), true},
		{"audio same NaN", audio(nan), audio(nan), true},
		{"audio samples differ", audio(0.5), audio(0.25), false},
		{"audio rate differs", audio(1), must(frame.NewAudio(frame.Audio{Samples: []float32{1}, SampleRate: 8000, Channels: 1})), false},
		{"tensor same", must(frame.TensorFromFloat64s(frame.Int8, []int{2}, []float64{1, 2})), must(frame.TensorFromFloat64s(frame.Int8, []int{2}, []float64{1, 2})), true},
		{"tensor shape differs", must(frame.TensorFromFloat64s(frame.Int8, []int{2, 1}, []float64{1, 2})), must(frame.TensorFromFloat64s(frame.Int8, []int{2}, []float64{1, 2})), false},
		{"tensor dtype differs", must(frame.TensorFromFloat64s(frame.Int8, []int{2}, []float64{1, 2})), must(frame.TensorFromFloat64s(frame.Uint8, []int{2}, []float64{1, 2})), false},
		{"nil and empty meta", frame.Text("x"), frame.Text("x").WithMeta(nil), true},
		{"meta numbers by value", frame.Text("x").WithMeta(map[string]any{"n": json.Number("3")}), frame.Text("x").WithMeta(map[string]any{"n": 3}), true},
		{"meta differs", frame.Text("x").WithMeta(map[string]any{"n": 1}), frame.Text("x"), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, frame.Equal(tt.a, tt.b))
			assert.Equal(t, tt.want, frame.Equal(tt.b, tt.a), "Equal is symmetric")
		})
	}
}
