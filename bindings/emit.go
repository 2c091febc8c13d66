package bindings

import (
	"errors"
	"fmt"
	"math"
	"time"
	"unsafe"

	"github.com/remotemedia/remotemedia/core"
	"github.com/remotemedia/remotemedia/core/frame"
)

// The Emit functions hand one Python value to the target named by token.
// remotemedia._convert picks the function from the value's type. Each
// reports whether the target accepted the value: a stream whose consumer
// has not taken its outputs says no (busy), and the caller delivers
// outputs and then emits the value again. The bool is also what keeps them
// leak-free: gopy v0.4.10 allocates a C string for the result of a
// function whose only result is an error and never frees it (32 bytes a
// call), while a bool result costs nothing.

// EmitNull emits JSON null.
func EmitNull(token int64) (accepted bool, err error) {
	defer guard(&err)
	return accept(token, frame.JSON(nil), nil)
}

// EmitBool emits a JSON boolean.
func EmitBool(token int64, v bool) (accepted bool, err error) {
	defer guard(&err)
	return accept(token, frame.JSON(v), nil)
}

// EmitInt emits a JSON integer.
func EmitInt(token int64, v int64) (accepted bool, err error) {
	defer guard(&err)
	return accept(token, frame.JSON(v), nil)
}

// EmitFloat emits a JSON number.
func EmitFloat(token int64, v float64) (accepted bool, err error) {
	defer guard(&err)
	f, ferr := jsonNumber(v)
	if ferr != nil {
		ferr = &core.InputError{Err: ferr}
	}
	return accept(token, f, ferr)
}

// jsonNumber is v as a JSON frame. JSON has no NaN or infinities, and Go
// nodes refuse to produce them ("result is not a finite number"), so a
// Python value is held to the same rule.
func jsonNumber(v float64) (*frame.Frame, error) {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return nil, fmt.Errorf("%v is not a finite number, and JSON has no NaN or infinity", v)
	}
	return frame.JSON(v), nil
}

// EmitJSON emits a JSON value given as JSON text (Python lists and dicts).
func EmitJSON(token int64, text string) (accepted bool, err error) {
	defer guard(&err)
	v, jerr := decodeJSON(text)
	return accept(token, frame.JSON(v), jerr)
}

// EmitText emits a text frame.
func EmitText(token int64, s string) (accepted bool, err error) {
	defer guard(&err)
	return accept(token, frame.Text(s), nil)
}

// EmitTextUTF8 emits a text frame from n bytes of UTF-8 at addr (copied):
// for text holding NUL, which EmitText's C string cannot carry.
func EmitTextUTF8(token int64, addr uintptr, n int) (accepted bool, err error) {
	defer guard(&err)
	b, cerr := copyFrom(addr, n)
	if cerr != nil {
		return accept(token, nil, cerr)
	}
	return accept(token, frame.Text(string(b)), nil)
}

// EmitBytes emits a bytes frame, copying n bytes at addr.
func EmitBytes(token int64, addr uintptr, n int) (accepted bool, err error) {
	defer guard(&err)
	b, cerr := copyFrom(addr, n)
	if cerr != nil {
		return accept(token, nil, cerr)
	}
	return accept(token, frame.Bytes(b), nil)
}

// EmitTensor emits a tensor frame of dtype and shape ("2,3"). When handle
// names a buffer Go lent to Python, the data is that buffer's bytes
// [offset, offset+n), shared without copying; otherwise n bytes at addr are
// copied, since Python may change or free its own memory later.
func EmitTensor(token int64, dtype string, shape string, addr uintptr, n int, handle int64, offset int) (accepted bool, err error) {
	defer guard(&err)
	dims, serr := parseShape(shape)
	if serr != nil {
		return false, serr
	}
	data, derr := payload(addr, n, handle, offset)
	if derr != nil {
		return false, derr
	}
	f, ferr := frame.NewTensor(frame.Tensor{DType: frame.DType(dtype), Shape: dims, Data: data})
	return accept(token, f, ferr)
}

// EmitAudio emits an audio frame from n bytes of interleaved float32
// samples, shared or copied as EmitTensor decides. meta is the frame's
// metadata as a JSON object, or "" for none.
func EmitAudio(token int64, addr uintptr, n int, handle int64, offset int, sampleRate int, channels int, timestampNs int64, meta string) (accepted bool, err error) {
	defer guard(&err)
	extra, merr := decodeMeta(meta)
	if merr != nil {
		return false, &core.InputError{Err: merr}
	}
	if n%4 != 0 {
		return false, errors.New("audio samples must be float32")
	}
	data, derr := payload(addr, n, handle, offset)
	if derr != nil {
		return false, derr
	}
	var samples []float32
	if n > 0 {
		samples = unsafe.Slice((*float32)(unsafe.Pointer(unsafe.SliceData(data))), n/4)
	}
	f, ferr := frame.NewAudio(frame.Audio{Samples: samples, SampleRate: sampleRate, Channels: channels,
		Timestamp: time.Duration(timestampNs)})
	if ferr == nil && extra != nil {
		f = f.WithMeta(extra)
	}
	return accept(token, f, ferr)
}

func payload(addr uintptr, n int, handle int64, offset int) ([]byte, error) {
	if handle != 0 {
		return lentSlice(handle, offset, n)
	}
	return copyFrom(addr, n)
}
