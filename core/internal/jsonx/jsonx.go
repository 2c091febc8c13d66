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

// Unmarshal decodes data into v, numbers as json.Number.
func Unmarshal(data []byte, v any) error { return API.Unmarshal(data, v) }
