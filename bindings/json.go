package bindings

import (
	"bytes"
	"encoding/json"
	"fmt"
)

// decodeJSON parses JSON text, keeping numbers as json.Number so integers
// stay exact, the same way manifests are read.
func decodeJSON(text string) (any, error) {
	dec := json.NewDecoder(bytes.NewReader([]byte(text)))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return nil, fmt.Errorf("decode JSON from Python: %w", err)
	}
	return v, nil
}

// decodeMeta parses a frame's metadata sent by Python: a JSON object, or
// "" for none.
func decodeMeta(text string) (map[string]any, error) {
	if text == "" {
		return nil, nil
	}
	v, err := decodeJSON(text)
	if err != nil {
		return nil, fmt.Errorf("frame metadata: %w", err)
	}
	m, ok := v.(map[string]any)
	if !ok {
		return nil, fmt.Errorf("frame metadata must be a JSON object, got %.40s", text)
	}
	return m, nil
}

// encodeParams renders validated params as a JSON object for a Python
// constructor.
func encodeParams(p map[string]any) (string, error) {
	if p == nil {
		return "{}", nil
	}
	b, err := json.Marshal(p)
	if err != nil {
		return "", fmt.Errorf("encode params for Python: %w", err)
	}
	return string(b), nil
}
