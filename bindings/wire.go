package bindings

import (
	"errors"
	"unsafe"

	"github.com/remotemedia/remotemedia/core"
	"github.com/remotemedia/remotemedia/core/frame"
)

// The frame wire encoding v1 (core/frame, docs/FRAMES.md) for Python: one
// codec, the engine's, for dataset columns and anything else that stores
// frames as bytes.

// FrameEncoder turns the values Python emits to its Token into wire bytes.
type FrameEncoder struct {
	token int64
	out   []byte
}

type encodeTarget struct{ e *FrameEncoder }

func (t encodeTarget) put(f *frame.Frame) (bool, error) {
	b, err := frame.AppendEncode(t.e.out[:0], f)
	if err != nil {
		return false, &core.InputError{Err: err}
	}
	t.e.out = b
	return true, nil
}

// NewFrameEncoder makes an encoder; Close it when done.
func NewFrameEncoder() *FrameEncoder {
	e := &FrameEncoder{}
	e.token = addTarget(encodeTarget{e})
	return e
}

// Token names the encoder for the Emit functions.
func (e *FrameEncoder) Token() int64 { return e.token }

// Addr and Len locate the last value's encoding, for Python to copy.
func (e *FrameEncoder) Addr() uintptr {
	if len(e.out) == 0 {
		return 0
	}
	return uintptr(unsafe.Pointer(&e.out[0]))
}

func (e *FrameEncoder) Len() int { return len(e.out) }

// Close drops the encoder's token.
func (e *FrameEncoder) Close() { dropTarget(e.token) }

// DecodeFrame decodes n bytes at addr (copied) and hands the frame to the
// Python receiver at address receiver, as Deliver hands an output.
func DecodeFrame(receiver uintptr, addr uintptr, n int) (err error) {
	defer guard(&err)
	b, err := copyFrom(addr, n)
	if err != nil {
		return err
	}
	f, err := frame.Decode(b)
	if err != nil {
		return &core.InputError{Err: err}
	}
	if receiver == 0 {
		return errors.New("decode: null receiver")
	}
	return deliver(borrowed(receiver), 0, 0, f)
}
