package frame

import (
	"encoding/base64"
	"encoding/json"
	"math"
	"strconv"
)

// FromValue turns a plain value, as the CLI and Python hand it over, into a
// frame: a string becomes a text frame, anything else a JSON frame.
func FromValue(v any) *Frame {
	if s, ok := v.(string); ok {
		return Text(s)
	}
	return JSON(v)
}

// ToValue shows a frame as a plain JSON value, the form the CLI prints and
// Python receives. Metadata is not part of it.
//
//	json   -> the value
//	text   -> the string
//	bytes  -> {"bytes_b64": "..."}
//	audio  -> {"audio": {"sample_rate", "channels", "timestamp_ns", "samples": [...]}}
//	tensor -> {"tensor": {"dtype", "shape", "data": [...]}}
//
// Numbers it builds are json.Number, as jsonx decodes them, written in the
// shortest form that round-trips at their own precision (float32 0.1 is
// "0.1"). JSON has no NaN or infinity: such samples and elements are nil.
func ToValue(f *Frame) any {
	switch f.kind {
	case KindJSON:
		return f.JSONValue()
	case KindText:
		return f.TextValue()
	case KindBytes:
		return map[string]any{"bytes_b64": base64.StdEncoding.EncodeToString(f.BytesValue())}
	case KindAudio:
		return map[string]any{"audio": audioValue(f.Audio())}
	case KindTensor:
		return map[string]any{"tensor": tensorValue(f.Tensor())}
	}
	return nil
}

func audioValue(a *Audio) map[string]any {
	samples := make([]any, len(a.Samples))
	for i, s := range a.Samples {
		samples[i] = floatValue(float64(s), 32)
	}
	return map[string]any{
		metaSampleRate: intValue(int64(a.SampleRate)),
		metaChannels:   intValue(int64(a.Channels)),
		metaTimestamp:  intValue(a.Timestamp.Nanoseconds()),
		"samples":      samples,
	}
}

func tensorValue(t *Tensor) map[string]any {
	shape := make([]any, len(t.Shape))
	for i, d := range t.Shape {
		shape[i] = intValue(int64(d))
	}
	data := make([]any, t.Len())
	for i := range data {
		data[i] = elementValue(t, i)
	}
	return map[string]any{metaDType: string(t.DType), metaShape: shape, "data": data}
}

// elementValue is element i of t, exact for every dtype (At's float64
// would round 64-bit integers).
func elementValue(t *Tensor, i int) any {
	switch t.DType {
	case Float32:
		return floatValue(t.At(i), 32)
	case Float64:
		return floatValue(t.At(i), 64)
	case Int64:
		return intValue(viewAs[int64](t.Data)[i])
	case Uint64:
		return json.Number(strconv.FormatUint(viewAs[uint64](t.Data)[i], 10))
	}
	// Every other dtype is an integer that float64 holds exactly.
	return intValue(int64(t.At(i)))
}

func intValue(n int64) json.Number { return json.Number(strconv.FormatInt(n, 10)) }

func floatValue(x float64, bits int) any {
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return nil
	}
	return json.Number(strconv.FormatFloat(x, 'g', -1, bits))
}
