package wire_test

import (
	"encoding/binary"
	"encoding/json"
	"errors"
	"math"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"google.golang.org/protobuf/proto"

	"github.com/remotemedia/remotemedia/core/frame"
	"github.com/remotemedia/remotemedia/remote/pb"
	"github.com/remotemedia/remotemedia/remote/wire"
)

// mustFor returns a helper that fails t on a constructor error.
func mustFor(t testing.TB) func(*frame.Frame, error) *frame.Frame {
	return func(f *frame.Frame, err error) *frame.Frame {
		t.Helper()
		require.NoError(t, err)
		return f
	}
}

// roundTripFrames are frames of every kind whose trip frame -> DataBuffer
// -> bytes -> DataBuffer -> frame must give them back exactly.
func roundTripFrames(t testing.TB) map[string]*frame.Frame {
	must := mustFor(t)
	frames := map[string]*frame.Frame{
		"json_big_int":   frame.JSON(json.Number("12345678901234567890")),
		"json_object":    frame.JSON(map[string]any{"a": []any{json.Number("1"), json.Number("-2.5e-300")}, "b": "x", "c": nil}),
		"json_string":    frame.JSON("quoted \"x\""),
		"text_unicode":   frame.Text("hé ✓ \x00"),
		"text_empty":     frame.Text(""),
		"bytes":          frame.Bytes([]byte{0, 0xff, '{'}),
		"bytes_empty":    frame.Bytes(nil),
		"audio_stereo":   must(frame.NewAudio(frame.Audio{Samples: []float32{0.25, -0.5, 1, float32(math.NaN())}, SampleRate: 48000, Channels: 2, Timestamp: -20 * time.Millisecond})),
		"audio_empty":    must(frame.NewAudio(frame.Audio{SampleRate: 8000, Channels: 1})),
		"tensor_scalar":  must(frame.TensorFromFloat64s(frame.Float32, []int{}, []float64{math.Pi})),
		"tensor_zero":    must(frame.TensorFromFloat64s(frame.Int8, []int{0, 3}, nil)),
		"text_with_meta": frame.Text("hi").WithMeta(map[string]any{"language": "en", "channel": "ui", "speaker": "a"}),
		"json_schema":    frame.JSON(true).WithMeta(map[string]any{"schema_type": "Flag"}),
		"bytes_mime":     frame.Bytes([]byte("png")).WithMeta(map[string]any{"mime_type": "image/png"}),
		"tensor_layout":  must(frame.TensorFromFloat64s(frame.Uint8, []int{1, 2}, []float64{1, 2})).WithMeta(map[string]any{"layout": "NC"}),
	}
	for _, d := range []frame.DType{frame.Float32, frame.Float64, frame.Int8, frame.Int16, frame.Int32, frame.Int64,
		frame.Uint8, frame.Uint16, frame.Uint32, frame.Uint64, frame.Bool} {
		frames["tensor_"+string(d)] = must(frame.TensorFromFloat64s(d, []int{2, 3}, []float64{0, 1, 2, 3, 100, 127}))
	}
	return frames
}

func TestRoundTrip(t *testing.T) {
	for name, f := range roundTripFrames(t) {
		t.Run(name, func(t *testing.T) {
			b, err := wire.FromFrame(f)
			require.NoError(t, err)
			raw, err := proto.Marshal(b)
			require.NoError(t, err)
			var back pb.DataBuffer
			require.NoError(t, proto.Unmarshal(raw, &back))
			got, err := wire.ToFrame(&back)
			require.NoError(t, err)
			assert.True(t, frame.Equal(f, got), "want %v %v\n got %v %v", frame.ToValue(f), f.Meta(), frame.ToValue(got), got.Meta())
		})
	}
}

func TestFromFrame_Variants(t *testing.T) {
	must := mustFor(t)
	big, err := wire.FromFrame(frame.JSON(json.Number("12345678901234567890")))
	require.NoError(t, err)
	assert.Equal(t, "12345678901234567890", big.GetJson().GetJsonPayload())

	f64, err := wire.FromFrame(must(frame.TensorFromFloat64s(frame.Float64, []int{2, 3}, make([]float64, 6))))
	require.NoError(t, err)
	assert.Equal(t, "float64", f64.GetNumpy().GetDtype(), "no TensorDtype for float64: numpy")
	assert.Equal(t, []int64{24, 8}, f64.GetNumpy().GetStrides())

	f32, err := wire.FromFrame(must(frame.TensorFromFloat64s(frame.Float32, []int{2}, []float64{1, 2})))
	require.NoError(t, err)
	assert.Equal(t, pb.TensorDtype_TENSOR_DTYPE_F32, f32.GetTensor().GetDtype())

	a, err := wire.FromFrame(must(frame.NewAudio(frame.Audio{Samples: []float32{1, 2}, SampleRate: 16000, Channels: 1, Timestamp: time.Second})))
	require.NoError(t, err)
	assert.Equal(t, pb.AudioFormat_AUDIO_FORMAT_F32, a.GetAudio().GetFormat())
	assert.Equal(t, uint64(2), a.GetAudio().GetNumSamples())
	assert.Equal(t, map[string]string{"timestamp_ns": "1000000000"}, a.GetMetadata())

	m, err := wire.FromFrame(frame.Text("x").WithMeta(map[string]any{"n": json.Number("7"), "s": "v"}))
	require.NoError(t, err)
	assert.Equal(t, map[string]string{"n": "7", "s": "v"}, m.GetMetadata(), "non-string metadata goes as JSON text")
}

func TestToFrame_I16Audio(t *testing.T) {
	raw := make([]byte, 8)
	for i, s := range []int16{-32768, -1, 0, 32767} {
		binary.LittleEndian.PutUint16(raw[2*i:], uint16(s))
	}
	f, err := wire.ToFrame(&pb.DataBuffer{DataType: &pb.DataBuffer_Audio{Audio: &pb.AudioBuffer{
		Samples: raw, SampleRate: 16000, Channels: 2, Format: pb.AudioFormat_AUDIO_FORMAT_I16, NumSamples: 4}}})
	require.NoError(t, err)
	assert.Equal(t, []float32{-1, -1.0 / 32768, 0, 32767.0 / 32768}, f.Audio().Samples)
	assert.Equal(t, 2, f.Audio().Channels)
	assert.Equal(t, 2, f.Audio().Frames())
}

func TestToFrame_Numpy(t *testing.T) {
	data := make([]byte, 8*6)
	binary.LittleEndian.PutUint64(data[8:], math.Float64bits(2.5))
	buf := func(strides []int64) *pb.DataBuffer {
		return &pb.DataBuffer{DataType: &pb.DataBuffer_Numpy{Numpy: &pb.NumpyBuffer{Data: data, Shape: []uint64{2, 3}, Dtype: "float64", Strides: strides}}}
	}
	for _, strides := range [][]int64{nil, {24, 8}} {
		f, err := wire.ToFrame(buf(strides))
		require.NoError(t, err)
		assert.Equal(t, []float64{0, 2.5, 0, 0, 0, 0}, f.Tensor().Float64s())
	}
	_, err := wire.ToFrame(buf([]int64{8, 16}))
	var ue *wire.UnsupportedError
	require.ErrorAs(t, err, &ue)
	assert.Equal(t, "numpy", ue.Variant)
}

func TestToFrame_Errors(t *testing.T) {
	audio := func(a *pb.AudioBuffer) *pb.DataBuffer {
		return &pb.DataBuffer{DataType: &pb.DataBuffer_Audio{Audio: a}}
	}
	tensor := func(tb *pb.TensorBuffer) *pb.DataBuffer {
		return &pb.DataBuffer{DataType: &pb.DataBuffer_Tensor{Tensor: tb}}
	}
	text := func(b []byte, enc string) *pb.DataBuffer {
		return &pb.DataBuffer{DataType: &pb.DataBuffer_Text{Text: &pb.TextBuffer{TextData: b, Encoding: enc}}}
	}
	jsonBuf := func(s string) *pb.DataBuffer {
		return &pb.DataBuffer{DataType: &pb.DataBuffer_Json{Json: &pb.JsonData{JsonPayload: s}}}
	}
	tests := []struct {
		name        string
		in          *pb.DataBuffer
		unsupported bool
		variant     string
		msg         string
	}{
		{"empty", &pb.DataBuffer{}, false, "empty", "no data_type is set"},
		{"video", &pb.DataBuffer{DataType: &pb.DataBuffer_Video{Video: &pb.VideoFrame{Width: 2, Height: 2}}}, true, "video", `variant "video" is not supported`},
		{"control", &pb.DataBuffer{DataType: &pb.DataBuffer_Control{Control: &pb.ControlMessage{}}}, true, "control", `"control"`},
		{"file", &pb.DataBuffer{DataType: &pb.DataBuffer_File{File: &pb.FileBuffer{Path: "/etc/passwd"}}}, true, "file", `"file"`},
		{"audio_0_channels", audio(&pb.AudioBuffer{Samples: make([]byte, 8), SampleRate: 16000}), false, "audio", "channels is 0"},
		{"audio_0_hz", audio(&pb.AudioBuffer{Samples: make([]byte, 8), Channels: 1}), false, "audio", "sample_rate is 0"},
		{"audio_partial_f32", audio(&pb.AudioBuffer{Samples: make([]byte, 6), SampleRate: 8000, Channels: 1, Format: pb.AudioFormat_AUDIO_FORMAT_F32}), false, "audio", "6 bytes are not a whole number of 4-byte F32 samples"},
		{"audio_partial_i16", audio(&pb.AudioBuffer{Samples: make([]byte, 3), SampleRate: 8000, Channels: 1, Format: pb.AudioFormat_AUDIO_FORMAT_I16}), false, "audio", "2-byte I16"},
		{"audio_channels_split", audio(&pb.AudioBuffer{Samples: make([]byte, 12), SampleRate: 8000, Channels: 2}), false, "audio", "3 samples do not divide into 2 channels"},
		{"audio_num_samples", audio(&pb.AudioBuffer{Samples: make([]byte, 8), SampleRate: 8000, Channels: 1, NumSamples: 3}), false, "audio", "num_samples is 3"},
		{"audio_i32", audio(&pb.AudioBuffer{Samples: make([]byte, 8), SampleRate: 8000, Channels: 1, Format: pb.AudioFormat_AUDIO_FORMAT_I32}), true, "audio", "AUDIO_FORMAT_I32"},
		{"audio_metadata_json", audio(&pb.AudioBuffer{SampleRate: 8000, Channels: 1, MetadataJson: []byte("{")}), false, "audio", "metadata_json"},
		{"audio_timestamp", &pb.DataBuffer{DataType: &pb.DataBuffer_Audio{Audio: &pb.AudioBuffer{SampleRate: 8000, Channels: 1}}, Metadata: map[string]string{"timestamp_ns": "soon"}}, false, "audio", "timestamp_ns"},
		{"tensor_shape", tensor(&pb.TensorBuffer{Data: make([]byte, 12), Shape: []uint64{2, 2}, Dtype: pb.TensorDtype_TENSOR_DTYPE_F32}), false, "tensor", "needs 16 bytes, got 12"},
		{"tensor_overflow", tensor(&pb.TensorBuffer{Data: make([]byte, 4), Shape: []uint64{1<<31 - 1, 1<<31 - 1, 1<<31 - 1}, Dtype: pb.TensorDtype_TENSOR_DTYPE_F32}), false, "tensor", "more than 2^64"},
		{"tensor_huge_dim", tensor(&pb.TensorBuffer{Shape: []uint64{1 << 40}, Dtype: pb.TensorDtype_TENSOR_DTYPE_U8}), false, "tensor", "more than 2147483647"},
		{"tensor_f16", tensor(&pb.TensorBuffer{Data: make([]byte, 2), Shape: []uint64{1}, Dtype: pb.TensorDtype_TENSOR_DTYPE_F16}), true, "tensor", "F16"},
		{"tensor_no_dtype", tensor(&pb.TensorBuffer{}), false, "tensor", "TENSOR_DTYPE_UNSPECIFIED"},
		{"numpy_dtype", &pb.DataBuffer{DataType: &pb.DataBuffer_Numpy{Numpy: &pb.NumpyBuffer{Dtype: "complex128"}}}, true, "numpy", "complex128"},
		{"numpy_strides", &pb.DataBuffer{DataType: &pb.DataBuffer_Numpy{Numpy: &pb.NumpyBuffer{Dtype: "uint8", Shape: []uint64{1}, Strides: []int64{1, 1}}}}, false, "numpy", "2 strides for 1 dimensions"},
		{"json_invalid", jsonBuf(`{"a":`), false, "json", "json_payload"},
		{"json_two_values", jsonBuf(`1 2`), false, "json", "json_payload"},
		{"json_empty", jsonBuf(``), false, "json", "json_payload"},
		{"text_not_utf8", text([]byte{0xff, 'a'}, ""), false, "text", "not valid UTF-8"},
		{"text_utf16", text([]byte{0, 'a'}, "utf-16"), true, "text", "utf-16"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, err := wire.ToFrame(tt.in)
			require.Error(t, err)
			assert.Nil(t, f)
			assert.Contains(t, err.Error(), tt.msg)
			var ue *wire.UnsupportedError
			var me *wire.MalformedError
			if tt.unsupported {
				require.True(t, errors.As(err, &ue), "%T %v", err, err)
				assert.Equal(t, tt.variant, ue.Variant)
			} else {
				require.True(t, errors.As(err, &me), "%T %v", err, err)
				assert.Equal(t, tt.variant, me.Variant)
			}
		})
	}
}

// Audio metadata that is not a string travels in metadata_json, typed.
func TestAudioMetadataJSON(t *testing.T) {
	f := mustFor(t)(frame.NewAudio(frame.Audio{Samples: []float32{0}, SampleRate: 8000, Channels: 1}))
	f = f.WithMeta(map[string]any{"confidence": json.Number("0.87"), "speaker": "a"})
	b, err := wire.FromFrame(f)
	require.NoError(t, err)
	assert.JSONEq(t, `{"confidence":0.87}`, string(b.GetAudio().GetMetadataJson()))
	assert.Equal(t, map[string]string{"speaker": "a"}, b.GetMetadata())
	got, err := wire.ToFrame(b)
	require.NoError(t, err)
	assert.True(t, frame.Equal(f, got), "%v", got.Meta())
}
