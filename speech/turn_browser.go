//go:build js

package speech

import "errors"

// TurnBackend loads and opens smart-turn models where ONNX Runtime is not
// linked.
type TurnBackend interface {
	ModelLoader
	// Open makes a runner from a model's bytes; an invalid model fails here.
	Open(model []byte) (TurnRunner, error)
}

// TurnModelURL is where the site serves the pinned model (build.mjs copies
// it there), relative to the worker.
const TurnModelURL = "models/smart-turn-v3.2-cpu.onnx"

var turnBackend TurnBackend

// SetTurnBackend sets the backend TurnDetectorNode runs its model with.
func SetTurnBackend(b TurnBackend) { turnBackend = b }

// locateTurn keeps the model param as a URL (see loadModel).
func locateTurn(model string, tp *turnParams) error {
	tp.modelPath = model
	return nil
}

func openTurnRunner(p turnParams) (TurnRunner, error) {
	if turnBackend == nil {
		return nil, errors.New("this build has no smart-turn backend (the browser engine sets onnxruntime-web)")
	}
	data, url, err := loadModel(turnBackend, smartTurnModel, p.modelPath, TurnModelURL)
	if err != nil {
		return nil, err
	}
	r, err := turnBackend.Open(data)
	if err != nil {
		return nil, openError(url, err)
	}
	return r, nil
}
