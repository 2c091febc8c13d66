//go:build js

package speech

import (
	"bytes"
	"fmt"
)

// In the browser ONNX Runtime cannot be linked: the engine supplies each
// ONNX node's model call (onnxruntime-web in its worker) through a backend,
// and everything else in the node is the same code as natively.

// ModelLoader fetches model files for the browser backends.
type ModelLoader interface {
	// Load returns the bytes at url, a URL on the page's own origin.
	Load(url string) ([]byte, error)
}

// loadModel fetches a node's model: explicit (its model param, a URL used as
// given, as a path is natively) or, when empty, defaultURL, whose bytes
// must match m's pin. It returns the bytes and the URL they came from.
func loadModel(l ModelLoader, m model, explicit, defaultURL string) ([]byte, string, error) {
	url := explicit
	if url == "" {
		url = defaultURL
	}
	data, err := l.Load(url)
	if err != nil {
		return nil, url, fmt.Errorf("load model %s: %w", url, err)
	}
	if explicit == "" {
		if err := m.check(url, bytes.NewReader(data)); err != nil {
			return nil, url, err
		}
	}
	return data, url, nil
}
