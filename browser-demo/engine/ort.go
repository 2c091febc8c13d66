//go:build js && wasm

package main

import (
	"fmt"
	"syscall/js"
	"unsafe"
)

// ortHost is one of the worker's onnxruntime-web hosts (src/ort_host.js),
// named by its global. Every host has
//
//	load(url) -> Promise<Uint8Array>
//	open(Uint8Array model) -> Promise<handle>
//	close(handle)
//
// plus its model's own run. The calls run on the node's own goroutine,
// where awaiting is allowed.
type ortHost string

func (g ortHost) host() (js.Value, error) {
	h := js.Global().Get(string(g))
	if h.Type() != js.TypeObject {
		return h, fmt.Errorf("onnxruntime-web is not loaded in this worker (no globalThis.%s)", string(g))
	}
	return h, nil
}

func (g ortHost) Load(url string) ([]byte, error) {
	h, err := g.host()
	if err != nil {
		return nil, err
	}
	v, err := call(h, "load", url)
	if err != nil {
		return nil, err
	}
	return bytesFromJS(v)
}

// open makes a session of the model's bytes.
func (g ortHost) open(model []byte) (ortSession, error) {
	h, err := g.host()
	if err != nil {
		return ortSession{}, err
	}
	handle, err := call(h, "open", bytesToJS(model))
	if err != nil {
		return ortSession{}, err
	}
	return ortSession{host: h, handle: handle}, nil
}

// ortSession is one opened model in a host.
type ortSession struct{ host, handle js.Value }

// run calls the host's run with the session's handle and args, and returns
// the float32s it answers (as bytes), which must number want.
func (s ortSession) run(want int, args ...any) ([]float32, error) {
	v, err := call(s.host, "run", append([]any{s.handle}, args...)...)
	if err != nil {
		return nil, err
	}
	out, err := bytesFromJS(v)
	if err != nil {
		return nil, err
	}
	if len(out) != 4*want {
		return nil, fmt.Errorf("onnxruntime-web returned %d bytes, want %d", len(out), 4*want)
	}
	return float32sOf(out), nil
}

func (s ortSession) Close() error {
	_, err := call(s.host, "close", s.handle)
	return err
}

// float32sOf views bytes (a multiple of 4) as float32s.
func float32sOf(b []byte) []float32 {
	return unsafe.Slice((*float32)(unsafe.Pointer(unsafe.SliceData(b))), len(b)/4)
}

// float32Bytes views floats as their bytes (wasm is little-endian, as JS
// typed arrays are on every browser).
func float32Bytes(f []float32) []byte {
	return unsafe.Slice((*byte)(unsafe.Pointer(unsafe.SliceData(f))), 4*len(f))
}
