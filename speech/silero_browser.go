//go:build js

package speech

import (
	"bytes"
	"errors"
	"fmt"
)

// In the browser ONNX Runtime cannot be linked: the engine supplies the
// model call (onnxruntime-web in its worker) through SetSileroBackend, and
// everything else in SileroVADNode is the same code as natively.

// SileroBackend loads and opens Silero VAD models where ONNX Runtime is not
// linked.
type SileroBackend interface {
	// Load returns the bytes at url, a URL on the page's own origin.
	Load(url string) ([]byte, error)
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

// locateSilero keeps the model param as a URL. The default URL's bytes must
// match the pin; an explicit one is used as given, as a path is natively.
func locateSilero(model string, sp *sileroParams) error {
	sp.modelPath = model
	return nil
}

type sileroSession struct{ s SileroSession }

func openSileroSession(p sileroParams) (*sileroSession, error) {
	if sileroBackend == nil {
		return nil, errors.New("this build has no Silero VAD backend (the browser engine sets onnxruntime-web)")
	}
	url := p.modelPath
	if url == "" {
		url = SileroModelURL
	}
	data, err := sileroBackend.Load(url)
	if err != nil {
		return nil, fmt.Errorf("load model %s: %w", url, err)
	}
	if p.modelPath == "" {
		if err := sileroVADModel.check(url, bytes.NewReader(data)); err != nil {
			return nil, err
		}
	}
	s, err := sileroBackend.Open(data)
	if err != nil {
		return nil, fmt.Errorf("load model %s (corrupt, or not the model this node runs?): %w", url, err)
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
