package bindings

import (
	"encoding/json"
	"fmt"
	"math"
	"strconv"
	"strings"
	"unsafe"

	"github.com/remotemedia/remotemedia/core/frame"
)

// Value kinds of the bridge encoding. python/remotemedia/_convert.py holds
// the same table; keep them in step.
const (
	kindNull   = 0 // None
	kindBool   = 1 // ival 0/1
	kindInt    = 2 // ival
	kindFloat  = 3 // fval
	kindJSON   = 4 // data: JSON text (lists, dicts, big numbers)
	kindText   = 5 // data: str
	kindBytes  = 6 // data: bytes (copied)
	kindTensor = 7 // addr/nbytes lent, ival lent-buffer handle, aux "dtype;d0,d1,..."
	kindAudio  = 8 // addr/nbytes lent f32 samples, ival handle, aux "rate;channels;timestamp_ns[;meta JSON]"

	// kindUnencodable is a returned str UTF-8 cannot encode; the text is
	// Python's error message. Go-side only.
	kindUnencodable = -1
)

// maxExactInt is the largest integer a float64 holds exactly.
const maxExactInt = 1 << 53

// frameArgs encodes f into the kind and payload fields of a call into
// Python. Tensor and audio payloads are lent without copying: the returned
// args hold a buffer handle that Python releases when its view is freed.
func frameArgs(f *frame.Frame, a *callArgs) error {
	switch f.Kind() {
	case frame.KindText:
		a.kind, a.data, a.isText = kindText, f.TextValue(), true
	case frame.KindBytes:
		b := f.BytesValue()
		a.kind, a.data = kindBytes, unsafe.String(unsafe.SliceData(b), len(b))
	case frame.KindTensor:
		t := f.Tensor()
		a.kind = kindTensor
		a.aux = string(t.DType) + ";" + joinInts(t.Shape)
		a.ival, a.addr = lend(f, t.Data)
		a.nbytes = int64(len(t.Data))
	case frame.KindAudio:
		au := f.Audio()
		raw := unsafe.Slice((*byte)(unsafe.Pointer(unsafe.SliceData(au.Samples))), 4*len(au.Samples))
		a.kind = kindAudio
		a.aux = fmt.Sprintf("%d;%d;%d", au.SampleRate, au.Channels, au.Timestamp.Nanoseconds())
		if len(f.Meta()) > 0 {
			meta, err := json.Marshal(f.Meta())
			if err != nil {
				return fmt.Errorf("encode audio metadata for Python: %w", err)
			}
			a.aux += ";" + string(meta)
		}
		a.ival, a.addr = lend(f, raw)
		a.nbytes = int64(len(raw))
	case frame.KindJSON:
		return jsonArgs(f.JSONValue(), a)
	default:
		return fmt.Errorf("cannot pass a %v frame to Python", f.Kind())
	}
	return nil
}

// jsonArgs passes scalars directly and anything else as JSON text.
func jsonArgs(v any, a *callArgs) error {
	switch x := v.(type) {
	case nil:
		a.kind = kindNull
		return nil
	case bool:
		a.kind = kindBool
		if x {
			a.ival = 1
		}
		return nil
	case string:
		a.kind, a.data, a.isText = kindText, x, true
		return nil
	case int:
		a.kind, a.ival = kindInt, int64(x)
		return nil
	case int64:
		a.kind, a.ival = kindInt, x
		return nil
	case float64:
		// JSON has one number type; an integral float prints as an integer
		// in JSON, so it reaches Python as an int, as json.loads would.
		if x == math.Trunc(x) && math.Abs(x) < maxExactInt {
			a.kind, a.ival = kindInt, int64(x)
		} else {
			a.kind, a.fval = kindFloat, x
		}
		return nil
	case json.Number:
		if i, err := x.Int64(); err == nil {
			a.kind, a.ival = kindInt, i
			return nil
		}
	}
	b, err := json.Marshal(v)
	if err != nil {
		return fmt.Errorf("encode JSON frame for Python: %w", err)
	}
	a.kind, a.data = kindJSON, string(b)
	return nil
}

func joinInts(xs []int) string {
	parts := make([]string, len(xs))
	for i, x := range xs {
		parts[i] = strconv.Itoa(x)
	}
	return strings.Join(parts, ",")
}

func parseShape(s string) ([]int, error) {
	if s == "" {
		return []int{}, nil
	}
	parts := strings.Split(s, ",")
	shape := make([]int, len(parts))
	for i, p := range parts {
		n, err := strconv.Atoi(p)
		if err != nil || n < 0 {
			return nil, fmt.Errorf("bad tensor shape %q", s)
		}
		shape[i] = n
	}
	return shape, nil
}
