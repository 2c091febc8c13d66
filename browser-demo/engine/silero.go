//go:build js && wasm

package main

import "github.com/remotemedia/remotemedia/speech"

// sileroBackend runs SileroVADNode's model call with onnxruntime-web,
// through the worker's globalThis.remotemediaSilero (src/silero_host.js),
// an ortHost whose run is
//
//	run(handle, sr, Uint8Array float32 [k × (context+window) inputs, then state])
//	    -> Promise<Uint8Array float32 [k probs, then the new state]>
//
// One call runs all the windows a frame completed, so a frame costs one
// promise round trip, not one per window.
type sileroBackend struct{ ortHost }

func init() { speech.SetSileroBackend(sileroBackend{"remotemediaSilero"}) }

func (b sileroBackend) Open(model []byte) (speech.SileroSession, error) {
	s, err := b.open(model)
	if err != nil {
		return nil, err
	}
	return &sileroSession{s}, nil
}

type sileroSession struct{ ortSession }

func (s *sileroSession) Runner(rate int) (speech.SileroRunner, error) {
	return &sileroRunner{s: s, sr: rate}, nil
}

type sileroRunner struct {
	s   *sileroSession
	sr  int
	buf []float32
}

func (r *sileroRunner) Run(inputs, state, probs []float32) error {
	r.buf = append(append(r.buf[:0], inputs...), state...)
	got, err := r.s.run(len(probs)+len(state), r.sr, bytesToJS(float32Bytes(r.buf)))
	if err != nil {
		return err
	}
	copy(probs, got)
	copy(state, got[len(probs):])
	return nil
}

func (r *sileroRunner) Close() error { return nil }
