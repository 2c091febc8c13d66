package bindings

import (
	"errors"
	"fmt"
	"math"
	"unsafe"

	"github.com/remotemedia/remotemedia/core"
	"github.com/remotemedia/remotemedia/core/frame"
)

// The run emitters hand a whole run of a batch's inputs of one type to the
// target in one call, where an Emit function takes one value: a crossing
// costs more than converting an int (remotemedia._bulk packs the runs).
// Each checks the whole run before it puts a frame, so an error leaves the
// target untouched and Python can send the run again one value at a time,
// which raises the error per-item sending raises, naming the same index.
// They report how many values the target took (all of them, for a batch).

// EmitInts emits the n int64s at addr (an array('q')) as JSON integers.
func EmitInts(token int64, addr uintptr, n int) (taken int, err error) {
	defer guard(&err)
	xs, err := words[int64](addr, n)
	if err != nil {
		return 0, err
	}
	return putEach(token, n, func(i int) *frame.Frame { return frame.JSON(xs[i]) })
}

// EmitFloats emits the n float64s at addr (an array('d')) as JSON numbers;
// like EmitFloat it refuses NaN and infinities, here before putting any.
func EmitFloats(token int64, addr uintptr, n int) (taken int, err error) {
	defer guard(&err)
	xs, err := words[float64](addr, n)
	if err != nil {
		return 0, err
	}
	for i, x := range xs {
		if _, ferr := jsonNumber(x); ferr != nil {
			return 0, &core.InputError{Err: fmt.Errorf("value %d of the run: %w", i, ferr)}
		}
	}
	return putEach(token, n, func(i int) *frame.Frame { return frame.JSON(xs[i]) })
}

// EmitTexts emits count text frames from the n bytes of UTF-8 at addr, the
// texts end to end, whose byte lengths are the count int64s at lensAddr.
// Each text is copied on its own, so a frame a node keeps holds only its text.
func EmitTexts(token int64, addr uintptr, n int, lensAddr uintptr, count int) (taken int, err error) {
	defer guard(&err)
	lens, err := words[int64](lensAddr, count)
	if err != nil {
		return 0, err
	}
	data, err := borrowChecked(addr, n)
	if err != nil {
		return 0, err
	}
	offsets := make([]int, count+1)
	for i, l := range lens {
		if l < 0 || l > int64(n-offsets[i]) {
			return 0, errors.New("text lengths do not match the bytes")
		}
		offsets[i+1] = offsets[i] + int(l)
	}
	if offsets[count] != n {
		return 0, errors.New("text lengths do not match the bytes")
	}
	return putEach(token, count, func(i int) *frame.Frame {
		return frame.Text(string(data[offsets[i]:offsets[i+1]]))
	})
}

// EmitJSONArray emits each element of a JSON array (Python's dicts and
// lists, dumped together) as a JSON frame, decoded as EmitJSON decodes one.
func EmitJSONArray(token int64, text string) (taken int, err error) {
	defer guard(&err)
	v, err := decodeJSON(text)
	if err != nil {
		return 0, &core.InputError{Err: err}
	}
	xs, ok := v.([]any)
	if !ok {
		return 0, errors.New("EmitJSONArray needs a JSON array")
	}
	return putEach(token, len(xs), func(i int) *frame.Frame { return frame.JSON(xs[i]) })
}

// words views n 8-byte values at a Python-owned address (an array's
// buffer, valid during the call).
func words[T int64 | float64](addr uintptr, n int) ([]T, error) {
	if n < 0 || n > math.MaxInt/8 {
		return nil, fmt.Errorf("bad run length %d", n)
	}
	b, err := borrowChecked(addr, n*8)
	if err != nil || n == 0 {
		return nil, err
	}
	return unsafe.Slice((*T)(unsafe.Pointer(unsafe.SliceData(b))), n), nil
}

// putEach looks the target up once and puts at(i) for i < n, stopping
// early when the target is busy.
func putEach(token int64, n int, at func(i int) *frame.Frame) (int, error) {
	t, err := lookupTarget(token)
	if err != nil {
		return 0, err
	}
	for i := range n {
		ok, err := t.put(at(i))
		if err != nil || !ok {
			return i, err
		}
	}
	return n, nil
}
