//go:build js && wasm

package main

import (
	"fmt"
	"syscall/js"
	"unsafe"

	"github.com/remotemedia/remotemedia/speech"
)

// sileroBackend runs SileroVADNode's model call with onnxruntime-web,
// through the worker's globalThis.remotemediaSilero (src/silero_host.js):
//
//	load(url) -> Promise<Uint8Array>
//	open(Uint8Array model) -> Promise<handle>
//	run(handle, sr, Uint8Array float32 [k × (context+window) inputs, then state])
//	    -> Promise<Uint8Array float32 [k probs, then the new state]>
//	close(handle)
//
// One call runs all the windows a frame completed, so a frame costs one
// promise round trip, not one per window. The calls run on the node's own
// goroutine, where awaiting is allowed.
type sileroBackend struct{}

func init() { speech.SetSileroBackend(sileroBackend{}) }

func sileroHost() (js.Value, error) {
	h := js.Global().Get("remotemediaSilero")
	if h.Type() != js.TypeObject {
		return h, fmt.Errorf("onnxruntime-web is not loaded in this worker (no globalThis.remotemediaSilero)")
	}
	return h, nil
}

func (sileroBackend) Load(url string) ([]byte, error) {
	h, err := sileroHost()
	if err != nil {
		return nil, err
	}
	v, err := call(h, "load", url)
	if err != nil {
		return nil, err
	}
	return bytesFromJS(v)
}

func (sileroBackend) Open(model []byte) (speech.SileroSession, error) {
	h, err := sileroHost()
	if err != nil {
		return nil, err
	}
	handle, err := call(h, "open", bytesToJS(model))
	if err != nil {
		return nil, err
	}
	return &sileroSession{host: h, handle: handle}, nil
}

type sileroSession struct{ host, handle js.Value }

func (s *sileroSession) Runner(rate int) (speech.SileroRunner, error) {
	return &sileroRunner{s: s, sr: rate}, nil
}

func (s *sileroSession) Close() error {
	_, err := call(s.host, "close", s.handle)
	return err
}

type sileroRunner struct {
	s   *sileroSession
	sr  int
	buf []float32
}

func (r *sileroRunner) Run(inputs, state, probs []float32) error {
	r.buf = append(append(r.buf[:0], inputs...), state...)
	v, err := call(r.s.host, "run", r.s.handle, r.sr, bytesToJS(float32Bytes(r.buf)))
	if err != nil {
		return err
	}
	out, err := bytesFromJS(v)
	if err != nil {
		return err
	}
	if want := 4 * (len(probs) + len(state)); len(out) != want {
		return fmt.Errorf("onnxruntime-web returned %d bytes, want %d", len(out), want)
	}
	got := unsafe.Slice((*float32)(unsafe.Pointer(unsafe.SliceData(out))), len(out)/4)
	copy(probs, got)
	copy(state, got[len(probs):])
	return nil
}

func (r *sileroRunner) Close() error { return nil }

// float32Bytes views floats as their bytes (wasm is little-endian, as JS
// typed arrays are on every browser).
func float32Bytes(f []float32) []byte {
	return unsafe.Slice((*byte)(unsafe.Pointer(unsafe.SliceData(f))), 4*len(f))
}
