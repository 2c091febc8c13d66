//go:build js

package speech

import "errors"

// SileroBackend loads and opens Silero VAD models where ONNX Runtime is not
// linked.
type SileroBackend interface {
	ModelLoader
	// Open makes a session from a model's bytes; an invalid model fails here.
	Open(model []byte) (SileroSession, error)
}

// SileroSession is one opened model; each stream gets its own runner.
type SileroSession interface {
	Runner(rate int) (SileroRunner, error)
	Close() error
}

// SileroModelURL is where the site serves the pinned model (build.mjs
// copies it there), relative to the worker.
const SileroModelURL = "models/silero_vad.onnx"

var sileroBackend SileroBackend

// SetSileroBackend sets the backend SileroVADNode runs its model with.
func SetSileroBackend(b SileroBackend) { sileroBackend = b }

// locateSilero keeps the model param as a URL (see loadModel).
func locateSilero(model string, sp *sileroParams) error {
	sp.modelPath = model
	return nil
}

type sileroSession struct{ s SileroSession }

func openSileroSession(p sileroParams) (*sileroSession, error) {
	if sileroBackend == nil {
		return nil, errors.New("this build has no Silero VAD backend (the browser engine sets onnxruntime-web)")
	}
	data, url, err := loadModel(sileroBackend, sileroVADModel, p.modelPath, SileroModelURL)
	if err != nil {
		return nil, err
	}
	s, err := sileroBackend.Open(data)
	if err != nil {
		return nil, openError(url, err)
	}
	return &sileroSession{s}, nil
}

func (s *sileroSession) runner(rate int) (SileroRunner, error) {
	if _, _, err := sileroWindow(rate); err != nil {
		return nil, err
	}
	return s.s.Runner(rate)
}

func (s *sileroSession) close() error { return s.s.Close() }
