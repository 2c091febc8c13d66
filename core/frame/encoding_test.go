package frame_test

import (
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"math"
	"testing"
	"time"
	"unsafe"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/remotemedia/remotemedia/core/frame"
	"github.com/remotemedia/remotemedia/core/internal/jsonx"
)

func TestEncode_Vectors(t *testing.T) {
	for _, v := range loadFrameVectors(t) {
		t.Run(v.Name, func(t *testing.T) {
			got, err := frame.Encode(vectorFrame(t, v.Value))
			require.NoError(t, err)
			assert.Equal(t, v.Hex, hex.EncodeToString(got))
		})
	}
}

func TestDecode_Vectors(t *testing.T) {
	for _, v := range loadFrameVectors(t) {
		t.Run(v.Name, func(t *testing.T) {
			b, err := hex.DecodeString(v.Hex)
			require.NoError(t, err)
			got, err := frame.Decode(b)
			require.NoError(t, err)
			want := vectorFrame(t, v.Value)
			assert.True(t, frame.Equal(want, got), "want %v\n got %v", frame.ToValue(want), frame.ToValue(got))
			assert.Empty(t, got.Meta())
		})
	}
}

// userMeta is attached to every round-trip frame: a mix of JSON types.
var userMeta = map[string]any{
	"source": "mic",
	"seq":    json.Number("7"),
	"gain":   json.Number("0.5"),
	"tags":   []any{"a", true, nil},
	"nested": map[string]any{"k": json.Number("-1")},
	"é ✓":    "unicode key",
}

func roundTripFrames(t testing.TB) map[string]*frame.Frame {
	t.Helper()
	must := func(f *frame.Frame, err error) *frame.Frame {
		require.NoError(t, err)
		return f
	}
	frames := map[string]*frame.Frame{
		"json_null":          frame.JSON(nil),
		"json_object":        frame.JSON(map[string]any{"a": []any{json.Number("1"), json.Number("2.5e-3")}, "b": "x", "c": false}),
		"json_string":        frame.JSON("quoted \"text\"\n"),
		"text_empty":         frame.Text(""),
		"text_unicode":       frame.Text("hé ✓ \x00 nul"),
		"bytes_empty":        frame.Bytes(nil),
		"bytes_binary":       frame.Bytes([]byte{0, 0xff, 0x10, '{'}),
		"audio_empty":        must(frame.NewAudio(frame.Audio{SampleRate: 8000, Channels: 1})),
		"audio_stereo_ts":    must(frame.NewAudio(frame.Audio{Samples: []float32{0.25, -0.5, 1, float32(math.Inf(-1))}, SampleRate: 48000, Channels: 2, Timestamp: 20 * time.Millisecond})),
		"audio_negative_ts":  must(frame.NewAudio(frame.Audio{Samples: []float32{0.1}, SampleRate: 16000, Channels: 1, Timestamp: -time.Nanosecond})),
		"tensor_scalar":      must(frame.TensorFromFloat64s(frame.Float64, []int{}, []float64{math.Pi})),
		"tensor_zero_length": must(frame.TensorFromFloat64s(frame.Float32, []int{0, 3}, nil)),
	}
	for _, d := range []frame.DType{frame.Float32, frame.Float64, frame.Int8, frame.Int16, frame.Int32, frame.Int64,
		frame.Uint8, frame.Uint16, frame.Uint32, frame.Uint64, frame.Bool} {
		frames["tensor_"+string(d)] = must(frame.TensorFromFloat64s(d, []int{2, 3}, []float64{0, 1, 2, 3, 100, 127}))
	}
	return frames
}

func TestEncode_RoundTrip(t *testing.T) {
	cases := map[string]*frame.Frame{}
	for name, f := range roundTripFrames(t) {
		cases[name] = f
		cases[name+"_meta"] = f.WithMeta(userMeta)
	}
	for name, f := range cases {
		t.Run(name, func(t *testing.T) {
			b, err := frame.Encode(f)
			require.NoError(t, err)
			got, err := frame.Decode(b)
			require.NoError(t, err)
			assert.True(t, frame.Equal(f, got), "want %v meta %v\n got %v meta %v", frame.ToValue(f), f.Meta(), frame.ToValue(got), got.Meta())
			again, err := frame.Encode(got)
			require.NoError(t, err)
			assert.Equal(t, b, again, "a decoded frame re-encodes to the same bytes")
		})
	}
}

// metaOf returns the meta bytes of an encoding.
func metaOf(t *testing.T, b []byte) []byte {
	t.Helper()
	require.GreaterOrEqual(t, len(b), 8)
	n := binary.LittleEndian.Uint32(b[4:8])
	return b[8 : 8+n]
}

func TestEncode_MetaIsCanonical(t *testing.T) {
	audio, err := frame.NewAudio(frame.Audio{Samples: []float32{1}, SampleRate: 16000, Channels: 1, Timestamp: 5})
	require.NoError(t, err)
	tensor, err := frame.TensorFromFloat64s(frame.Int8, []int{1}, []float64{1})
	require.NoError(t, err)
	tests := []struct {
		name string
		f    *frame.Frame
		want map[string]any // the whole meta object, marshalled by jsonx
	}{
		{"json", frame.JSON(1).WithMeta(userMeta), userMeta},
		{"audio", audio.WithMeta(map[string]any{"z": 1, "a": 2, "d": 3}), map[string]any{
			"channels": 1, "sample_rate": 16000, "timestamp_ns": 5, "z": 1, "a": 2, "d": 3}},
		{"tensor", tensor.WithMeta(map[string]any{"e": "x", "t": "y"}), map[string]any{
			"dtype": "int8", "shape": []int{1}, "e": "x", "t": "y"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b, err := frame.Encode(tt.f)
			require.NoError(t, err)
			want, err := jsonx.Marshal(tt.want)
			require.NoError(t, err)
			assert.Equal(t, string(want), string(metaOf(t, b)))
		})
	}
}

func TestEncode_ReservedMetaKeysWin(t *testing.T) {
	audio, err := frame.NewAudio(frame.Audio{Samples: []float32{1, 2}, SampleRate: 16000, Channels: 2})
	require.NoError(t, err)
	tensor, err := frame.TensorFromFloat64s(frame.Uint8, []int{2}, []float64{1, 2})
	require.NoError(t, err)
	tests := []struct {
		name     string
		f        *frame.Frame
		wantMeta string
	}{
		{"audio", audio.WithMeta(map[string]any{"channels": 9, "sample_rate": "x", "timestamp_ns": 5, "note": "kept"}),
			`{"channels":2,"note":"kept","sample_rate":16000}`},
		{"tensor", tensor.WithMeta(map[string]any{"dtype": "float64", "shape": []int{9}, "note": "kept"}),
			`{"dtype":"uint8","note":"kept","shape":[2]}`},
		{"json has no reserved keys", frame.JSON(1).WithMeta(map[string]any{"channels": 9}),
			`{"channels":9}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b, err := frame.Encode(tt.f)
			require.NoError(t, err)
			assert.Equal(t, tt.wantMeta, string(metaOf(t, b)))
			got, err := frame.Decode(b)
			require.NoError(t, err)
			var wantMeta map[string]any
			require.NoError(t, jsonx.Unmarshal([]byte(tt.wantMeta), &wantMeta))
			if tt.f.Kind() != frame.KindJSON {
				wantMeta = map[string]any{"note": "kept"}
			}
			assert.Equal(t, wantMeta, got.Meta())
		})
	}
}

func TestEncode_Errors(t *testing.T) {
	tests := []struct {
		name    string
		f       *frame.Frame
		wantErr string
	}{
		{"nil frame", nil, "not a frame built by a constructor"},
		{"zero frame", &frame.Frame{}, "not a frame built by a constructor"},
		{"text not UTF-8", frame.Text("a\xffb"), "text is not valid UTF-8"},
		{"json NaN", frame.JSON(math.NaN()), "encode json"},
		{"json malformed number", frame.JSON(json.Number("1-2")), "value encodes to invalid JSON"},
		{"json unsupported type", frame.JSON(func() {}), "encode json"},
		{"meta unsupported type", frame.Text("x").WithMeta(map[string]any{"c": make(chan int)}), `meta["c"]`},
		{"meta malformed number", frame.Bytes(nil).WithMeta(map[string]any{"n": json.Number("--")}), "meta is invalid JSON"},
		{"meta key not UTF-8", frame.Text("x").WithMeta(map[string]any{"\xff": 1}), "is not valid UTF-8"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			prefix := []byte("keep")
			got, err := frame.AppendEncode(prefix, tt.f)
			require.ErrorContains(t, err, tt.wantErr)
			assert.Equal(t, "keep", string(got), "dst comes back unchanged")
		})
	}
}

func TestAppendEncode_Appends(t *testing.T) {
	a, b := frame.Text("a"), frame.JSON(map[string]any{"b": json.Number("2")})
	ea, err := frame.Encode(a)
	require.NoError(t, err)
	eb, err := frame.Encode(b)
	require.NoError(t, err)

	buf, err := frame.AppendEncode([]byte("prefix"), a)
	require.NoError(t, err)
	buf, err = frame.AppendEncode(buf, b)
	require.NoError(t, err)
	assert.Equal(t, append(append([]byte("prefix"), ea...), eb...), buf)
}

// wire builds an encoding by hand, for inputs Encode would never write.
func wire(kind byte, meta string, payload []byte) []byte {
	b := []byte{1, kind, 0, 0}
	b = binary.LittleEndian.AppendUint32(b, uint32(len(meta)))
	return append(append(b, meta...), payload...)
}

func TestDecode_Errors(t *testing.T) {
	const audioMeta = `{"channels":2,"sample_rate":16000}`
	tests := []struct {
		name    string
		in      []byte
		wantErr string
	}{
		{"empty", nil, "0 bytes is shorter than the 8-byte header"},
		{"short header", []byte{1, 1, 0, 0, 0, 0, 0}, "7 bytes is shorter than the 8-byte header"},
		{"version 0", []byte{0, 1, 0, 0, 0, 0, 0, 0}, "unsupported encoding version 0 (want 1)"},
		{"version 2", []byte{2, 1, 0, 0, 0, 0, 0, 0, '1'}, "unsupported encoding version 2 (want 1)"},
		{"kind 0", wire(0, "", nil), "unknown kind 0"},
		{"kind 6", wire(6, "", nil), "unknown kind 6"},
		{"reserved not zero", []byte{1, 2, 0, 1, 0, 0, 0, 0}, "reserved header field is 0x0100, want 0"},
		{"meta_len past end", []byte{1, 2, 0, 0, 3, 0, 0, 0, '{', '}'}, "meta_len 3 runs past the end (2 bytes follow the header)"},
		{"meta_len huge", []byte{1, 2, 0, 0, 0xff, 0xff, 0xff, 0xff}, "meta_len 4294967295 runs past the end"},
		{"meta invalid JSON", wire(2, `{"a":}`, nil), "meta: invalid JSON"},
		{"meta trailing data", wire(2, `{}{}`, nil), "meta: invalid JSON"},
		{"meta malformed number", wire(2, `{"a":1-2}`, nil), "meta: invalid JSON"},
		{"meta not UTF-8", wire(2, "{\"a\":\"\xff\"}", nil), "meta: invalid JSON at 1:7: not valid UTF-8"},
		{"meta not an object", wire(2, `[1]`, nil), "meta must be a JSON object, got [1]"},
		{"meta null", wire(2, `null`, nil), "meta must be a JSON object, got null"},
		{"json payload empty", wire(1, "", nil), "decode json: payload: invalid JSON"},
		{"json payload invalid", wire(1, "", []byte(`{"a"`)), "decode json: payload: invalid JSON"},
		{"json payload malformed number", wire(1, "", []byte(`01`)), "decode json: payload: invalid JSON"},
		{"json payload not UTF-8", wire(1, "", []byte("\"\xc3\"")), "payload: invalid JSON at 1:2: not valid UTF-8"},
		{"text not UTF-8", wire(2, "", []byte{'a', 0xff}), "decode text: payload is not valid UTF-8"},
		{"audio channels missing", wire(4, `{"sample_rate":16000}`, nil), `decode audio: meta "channels" is missing`},
		{"audio channels zero", wire(4, `{"channels":0,"sample_rate":16000}`, nil), `meta "channels" must be in [1, 2147483647], got 0`},
		{"audio channels not integer", wire(4, `{"channels":1.5,"sample_rate":16000}`, nil), `meta "channels" must be an integer, got 1.5`},
		{"audio channels string", wire(4, `{"channels":"2","sample_rate":16000}`, nil), `meta "channels" must be an integer, got 2`},
		{"audio sample_rate missing", wire(4, `{"channels":1}`, nil), `meta "sample_rate" is missing`},
		{"audio sample_rate negative", wire(4, `{"channels":1,"sample_rate":-8000}`, nil), `meta "sample_rate" must be in [1, 2147483647], got -8000`},
		{"audio timestamp not integer", wire(4, `{"channels":1,"sample_rate":8000,"timestamp_ns":1e3}`, nil), `meta "timestamp_ns" must be an integer, got 1e3`},
		{"audio payload not whole samples", wire(4, audioMeta, make([]byte, 6)), "payload of 6 bytes is not a whole number of 2-channel float32 frames"},
		{"audio payload not whole frames", wire(4, audioMeta, make([]byte, 12)), "payload of 12 bytes is not a whole number of 2-channel float32 frames"},
		{"tensor dtype missing", wire(5, `{"shape":[1]}`, []byte{1}), `decode tensor: meta "dtype" is missing`},
		{"tensor dtype unknown", wire(5, `{"dtype":"complex64","shape":[1]}`, make([]byte, 8)), `unknown dtype "complex64"`},
		{"tensor dtype not string", wire(5, `{"dtype":4,"shape":[1]}`, make([]byte, 4)), `meta "dtype" must be a string, got 4`},
		{"tensor shape missing", wire(5, `{"dtype":"uint8"}`, []byte{1}), `meta "shape" is missing`},
		{"tensor shape not array", wire(5, `{"dtype":"uint8","shape":1}`, []byte{1}), `meta "shape" must be an array of integers, got 1`},
		{"tensor shape negative", wire(5, `{"dtype":"uint8","shape":[-1]}`, nil), `meta "shape"[0] must be an integer in [0, 2147483647], got -1`},
		{"tensor shape not integer", wire(5, `{"dtype":"uint8","shape":[1,"2"]}`, []byte{1, 2}), `meta "shape"[1] must be an integer`},
		{"tensor data too short", wire(5, `{"dtype":"int16","shape":[2,2]}`, make([]byte, 7)), "payload of 7 bytes does not match shape [2 2] of int16 (8 bytes)"},
		{"tensor data too long", wire(5, `{"dtype":"float64","shape":[]}`, make([]byte, 9)), "payload of 9 bytes does not match shape [] of float64 (8 bytes)"},
		{"tensor shape overflows", wire(5, `{"dtype":"float64","shape":[2147483647,2147483647,2147483647]}`, nil), "shape [2147483647 2147483647 2147483647] of float64 is too large"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, err := frame.Decode(tt.in)
			require.ErrorContains(t, err, tt.wantErr)
			assert.Contains(t, err.Error(), "frame: decode")
			assert.Nil(t, f)
		})
	}
}

func TestDecode_AcceptsAnyJSONMeta(t *testing.T) {
	meta := " {\n \"shape\" : [ 2 ] , \"note\":\"n\", \"dtype\":\"int16\" } "
	f, err := frame.Decode(wire(5, meta, []byte{1, 0, 0xff, 0xff}))
	require.NoError(t, err)
	assert.Equal(t, frame.Int16, f.Tensor().DType)
	assert.Equal(t, []float64{1, -1}, f.Tensor().Elements())
	assert.Equal(t, map[string]any{"note": "n"}, f.Meta())
}

func TestDecode_CopiesIntoAlignedMemory(t *testing.T) {
	audio, err := frame.NewAudio(frame.Audio{Samples: []float32{0.5, -0.25}, SampleRate: 8000, Channels: 1})
	require.NoError(t, err)
	tensor, err := frame.TensorFromFloat64s(frame.Float64, []int{2}, []float64{1.5, -2})
	require.NoError(t, err)
	for _, f := range []*frame.Frame{audio, tensor, frame.Bytes([]byte{1, 2, 3})} {
		t.Run(f.Kind().String(), func(t *testing.T) {
			enc, err := frame.Encode(f)
			require.NoError(t, err)
			for offset := 1; offset < 8; offset++ {
				buf := make([]byte, offset+len(enc))
				in := buf[offset:]
				copy(in, enc)
				got, err := frame.Decode(in)
				require.NoError(t, err)
				clear(in) // Decode keeps nothing of its input
				require.True(t, frame.Equal(f, got), "offset %d", offset)
				switch f.Kind() {
				case frame.KindAudio:
					assert.Zero(t, uintptr(unsafe.Pointer(&got.Audio().Samples[0]))%4, "offset %d", offset)
				case frame.KindTensor:
					assert.Zero(t, uintptr(unsafe.Pointer(&got.Tensor().Data[0]))%8, "offset %d", offset)
					assert.Equal(t, []float64{1.5, -2}, got.Tensor().Float64s())
				}
			}
		})
	}
}
