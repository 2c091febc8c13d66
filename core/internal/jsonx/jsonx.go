// Package jsonx holds the one JSON configuration the engine uses, so every
// layer encodes and decodes JSON the same way.
package jsonx

import jsoniter "github.com/json-iterator/go"

// API decodes numbers as json.Number (so integers survive exactly) and
// encodes compactly with sorted map keys (so encodings are canonical).
var API = jsoniter.Config{
	EscapeHTML:             false,
	SortMapKeys:            true,
	UseNumber:              true,
	ValidateJsonRawMessage: true,
}.Froze()

// Marshal encodes v as compact, canonical JSON.
func Marshal(v any) ([]byte, error) { return API.Marshal(v) }

// Unmarshal decodes data into v, numbers as json.Number. Input that is not
// one valid JSON document in UTF-8 fails with a *SyntaxError (see Check).
func Unmarshal(data []byte, v any) error {
	if err := Check(data); err != nil {
		return err
	}
	return API.Unmarshal(data, v)
}

// Decode decodes one JSON document into a generic tree, numbers as
// json.Number.
func Decode(data []byte) (any, error) {
	var v any
	if err := Unmarshal(data, &v); err != nil {
		return nil, err
	}
	return v, nil
}
