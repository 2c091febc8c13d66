package bindings

import (
	"errors"
	"time"
	"unsafe"

	"github.com/remotemedia/remotemedia/core/frame"
)

// The Emit functions hand one Python value to the target named by token.
// remotemedia._convert picks the function from the value's type.

// EmitNull emits JSON null.
func EmitNull(token int64) (err error) {
	defer guard(&err)
	return put(token, frame.JSON(nil), nil)
}

// EmitBool emits a JSON boolean.
func EmitBool(token int64, v bool) (err error) {
	defer guard(&err)
	return put(token, frame.JSON(v), nil)
}

// EmitInt emits a JSON integer.
func EmitInt(token int64, v int64) (err error) {
	defer guard(&err)
	return put(token, frame.JSON(v), nil)
}

// EmitFloat emits a JSON number.
func EmitFloat(token int64, v float64) (err error) {
	defer guard(&err)
	return put(token, frame.JSON(v), nil)
}

// EmitJSON emits a JSON value given as JSON text (Python lists and dicts).
func EmitJSON(token int64, text string) (err error) {
	defer guard(&err)
	v, jerr := decodeJSON(text)
	return put(token, frame.JSON(v), jerr)
}

// EmitText emits a text frame.
func EmitText(token int64, s string) (err error) {
	defer guard(&err)
	return put(token, frame.Text(s), nil)
}

// EmitBytes emits a bytes frame, copying n bytes at addr.
func EmitBytes(token int64, addr uintptr, n int) (err error) {
	defer guard(&err)
	b, cerr := copyFrom(addr, n)
	if cerr != nil {
		return put(token, nil, cerr)
	}
	return put(token, frame.Bytes(b), nil)
}

// EmitTensor emits a tensor frame of dtype and shape ("2,3"). When handle
// names a buffer Go lent to Python, the data is that buffer's bytes
// [offset, offset+n), shared without copying; otherwise n bytes at addr are
// copied, since Python may change or free its own memory later.
func EmitTensor(token int64, dtype string, shape string, addr uintptr, n int, handle int64, offset int) (err error) {
	defer guard(&err)
	dims, serr := parseShape(shape)
	if serr != nil {
		return serr
	}
	data, derr := payload(addr, n, handle, offset)
	if derr != nil {
		return derr
	}
	f, ferr := frame.NewTensor(frame.Tensor{DType: frame.DType(dtype), Shape: dims, Data: data})
	return put(token, f, ferr)
}

// EmitAudio emits an audio frame from n bytes of interleaved float32
// samples, shared or copied as EmitTensor decides.
func EmitAudio(token int64, addr uintptr, n int, handle int64, offset int, sampleRate int, channels int, timestampNs int64) (err error) {
	defer guard(&err)
	if n%4 != 0 {
		return errors.New("audio samples must be float32")
	}
	data, derr := payload(addr, n, handle, offset)
	if derr != nil {
		return derr
	}
	var samples []float32
	if n > 0 {
		samples = unsafe.Slice((*float32)(unsafe.Pointer(unsafe.SliceData(data))), n/4)
	}
	f, ferr := frame.NewAudio(frame.Audio{Samples: samples, SampleRate: sampleRate, Channels: channels,
		Timestamp: time.Duration(timestampNs)})
	return put(token, f, ferr)
}

func payload(addr uintptr, n int, handle int64, offset int) ([]byte, error) {
	if handle != 0 {
		return lentSlice(handle, offset, n)
	}
	return copyFrom(addr, n)
}
