package frame

import (
	"bytes"
	"encoding/json"
	"math"
	"reflect"
	"slices"
)

// Equal reports whether a and b carry the same kind, payload and metadata.
// JSON numbers compare by value, so json.Number("2") equals float64(2):
// exactly when both sides are integers that fit in 64 bits, as float64
// otherwise. Audio samples compare bit for bit, so NaN equals the same NaN.
// A nil and an empty slice or map are equal.
func Equal(a, b *Frame) bool {
	if a == nil || b == nil {
		return a == b
	}
	if a.kind != b.kind || !equalMeta(a.meta, b.meta) {
		return false
	}
	switch a.kind {
	case KindJSON:
		return equalJSON(a.JSONValue(), b.JSONValue())
	case KindText:
		return a.TextValue() == b.TextValue()
	case KindBytes:
		return bytes.Equal(a.BytesValue(), b.BytesValue())
	case KindAudio:
		x, y := a.Audio(), b.Audio()
		return x.SampleRate == y.SampleRate && x.Channels == y.Channels && x.Timestamp == y.Timestamp &&
			bytes.Equal(bytesOf(x.Samples), bytesOf(y.Samples))
	case KindTensor:
		x, y := a.Tensor(), b.Tensor()
		return x.DType == y.DType && slices.Equal(x.Shape, y.Shape) && bytes.Equal(x.Data, y.Data)
	}
	return true
}

func equalMeta(a, b map[string]any) bool {
	if len(a) == 0 || len(b) == 0 {
		return len(a) == len(b)
	}
	return equalJSON(a, b)
}

func equalJSON(a, b any) bool {
	if x, ok := asNumber(a); ok {
		y, ok := asNumber(b)
		return ok && x.equal(y)
	}
	switch x := a.(type) {
	case map[string]any:
		y, ok := b.(map[string]any)
		if !ok || len(x) != len(y) {
			return false
		}
		for k, xv := range x {
			yv, found := y[k]
			if !found || !equalJSON(xv, yv) {
				return false
			}
		}
		return true
	case []any:
		y, ok := b.([]any)
		return ok && slices.EqualFunc(x, y, equalJSON)
	}
	return reflect.DeepEqual(a, b)
}

// number is a JSON number held exactly when it is a 64-bit integer.
type number struct {
	i     int64
	f     float64
	isInt bool
}

func (n number) equal(m number) bool {
	if n.isInt && m.isInt {
		return n.i == m.i
	}
	return n.f == m.f
}

func intNumber(i int64) number { return number{i: i, f: float64(i), isInt: true} }

func asNumber(v any) (number, bool) {
	switch n := v.(type) {
	case json.Number:
		if i, err := n.Int64(); err == nil {
			return intNumber(i), true
		}
		f, err := n.Float64()
		if err != nil && !math.IsInf(f, 0) { // out of range still has a value: ±Inf
			return number{}, false
		}
		return number{f: f}, true
	case float64:
		return number{f: n}, true
	case float32:
		return number{f: float64(n)}, true
	case int:
		return intNumber(int64(n)), true
	case int8:
		return intNumber(int64(n)), true
	case int16:
		return intNumber(int64(n)), true
	case int32:
		return intNumber(int64(n)), true
	case int64:
		return intNumber(n), true
	case uint:
		return uintNumber(uint64(n)), true
	case uint8:
		return intNumber(int64(n)), true
	case uint16:
		return intNumber(int64(n)), true
	case uint32:
		return intNumber(int64(n)), true
	case uint64:
		return uintNumber(n), true
	}
	return number{}, false
}

func uintNumber(u uint64) number {
	if u <= math.MaxInt64 {
		return intNumber(int64(u))
	}
	return number{f: float64(u)}
}
