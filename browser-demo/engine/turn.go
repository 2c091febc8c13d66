//go:build js && wasm

package main

import "github.com/remotemedia/remotemedia/speech"

// turnBackend runs TurnDetectorNode's model call with onnxruntime-web,
// through the worker's globalThis.remotemediaTurn (src/turn_host.js), an
// ortHost whose run is
//
//	run(handle, Uint8Array float32 [1, 80, 800] features) -> Promise<Uint8Array float32 [probability]>
//
// one call per score; the padding and log-mel features are computed in Go.
type turnBackend struct{ ortHost }

func init() { speech.SetTurnBackend(turnBackend{"remotemediaTurn"}) }

func (b turnBackend) Open(model []byte) (speech.TurnRunner, error) {
	s, err := b.open(model)
	if err != nil {
		return nil, err
	}
	return turnRunner{s}, nil
}

type turnRunner struct{ ortSession }

func (r turnRunner) Run(features []float32) (float32, error) {
	got, err := r.run(1, bytesToJS(float32Bytes(features)))
	if err != nil {
		return 0, err
	}
	return got[0], nil
}
