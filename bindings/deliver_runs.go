package bindings

import (
	"encoding/json"
	"math"
	"strconv"
	"unicode/utf8"
	"unsafe"

	"github.com/remotemedia/remotemedia/core/frame"
)

// maxRunBytes bounds the JSON text of one run, so a large batch's outputs
// are not held twice over in one string.
const maxRunBytes = 1 << 20

// DeliverRuns is Deliver with one call per run instead of one per output:
// each run of consecutive plain outputs of a sink (JSON values and text)
// reaches runReceiver as one JSON array, as kindJSON data, which Python
// decodes into exactly the values Deliver's calls give. Outputs a JSON
// array cannot carry as Deliver would (bytes, tensors, audio, non-finite
// numbers, text that is not UTF-8) end the run and go to receiver alone.
func (b *Batch) DeliverRuns(receiver, runReceiver uintptr) (err error) {
	defer guard(&err)
	if err := b.delivering(); err != nil {
		return err
	}
	one, runs := borrowed(receiver), borrowed(runReceiver)
	run := []byte{'['}
	for _, sink := range b.res.Sinks {
		idx := b.p.sinkIndex(sink)
		flush := func() error {
			if len(run) == 1 {
				return nil
			}
			run[len(run)-1] = ']' // over the last ','
			a := callArgs{op: idx, kind: kindJSON, data: unsafe.String(unsafe.SliceData(run), len(run)), token: -1}
			err := runs.call(&a)
			run = run[:1]
			return err
		}
		for _, f := range b.res.Outputs[sink] {
			if more, ok := appendPlain(run, f); ok {
				if run = append(more, ','); len(run) >= maxRunBytes {
					if err := flush(); err != nil {
						return err
					}
				}
				continue
			}
			if err := flush(); err != nil {
				return err
			}
			if err := deliver(one, idx, -1, f); err != nil {
				return err
			}
		}
		if err := flush(); err != nil {
			return err
		}
	}
	return nil
}

// appendPlain appends f as the JSON text that json.loads turns into the
// value deliver gives Python for it (see jsonArgs), or reports false.
func appendPlain(buf []byte, f *frame.Frame) ([]byte, bool) {
	switch f.Kind() {
	case frame.KindText:
		return appendText(buf, f.TextValue())
	case frame.KindJSON:
		return appendJSONValue(buf, f.JSONValue())
	}
	return buf, false
}

func appendJSONValue(buf []byte, v any) ([]byte, bool) {
	switch x := v.(type) {
	case nil:
		return append(buf, "null"...), true
	case bool:
		return strconv.AppendBool(buf, x), true
	case string:
		return appendText(buf, x)
	case int:
		return strconv.AppendInt(buf, int64(x), 10), true
	case int64:
		return strconv.AppendInt(buf, x, 10), true
	case float64:
		return appendFloat(buf, x)
	case json.Number:
		if i, err := x.Int64(); err == nil {
			return strconv.AppendInt(buf, i, 10), true
		}
	}
	// As jsonArgs: the value's JSON text, which Python decodes.
	text, err := json.Marshal(v)
	if err != nil {
		return buf, false
	}
	return append(buf, text...), true
}

// appendText: deliver makes a str of the bytes, which fails for invalid
// UTF-8, where json.Marshal would put in U+FFFD instead.
func appendText(buf []byte, s string) ([]byte, bool) {
	if !utf8.ValidString(s) {
		return buf, false
	}
	text, err := json.Marshal(s)
	if err != nil {
		return buf, false
	}
	return append(buf, text...), true
}

// appendFloat writes what jsonArgs gives: an int for an integral float
// below 2^53, else a float, so the text always has a '.' or an exponent
// (an integral 2^53 and up prints as digits alone, which json.loads reads
// as an int). JSON has no NaN or infinity: those go per item.
func appendFloat(buf []byte, x float64) ([]byte, bool) {
	switch {
	case math.IsNaN(x) || math.IsInf(x, 0):
		return buf, false
	case x == math.Trunc(x) && math.Abs(x) < maxExactInt:
		return strconv.AppendInt(buf, int64(x), 10), true
	}
	start := len(buf)
	buf = strconv.AppendFloat(buf, x, 'g', -1, 64)
	for _, c := range buf[start:] {
		if c == '.' || c == 'e' {
			return buf, true
		}
	}
	return append(buf, ".0"...), true
}
