// Package jsonx holds the one JSON configuration the engine uses, so every
// layer encodes and decodes JSON the same way.
package jsonx

import (
	"encoding/json"
	"errors"

	jsoniter "github.com/json-iterator/go"
)

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

// ErrInvalid is returned for input that is not valid JSON.
var ErrInvalid = errors.New("invalid JSON")

// Unmarshal decodes data into v, numbers as json.Number. It rejects what
// json-iterator would let through but is not JSON (numbers such as 01, 1e
// or -), since those would not survive being written back.
func Unmarshal(data []byte, v any) error {
	if !json.Valid(data) {
		var probe any
		if err := json.Unmarshal(data, &probe); err != nil {
			return errors.Join(ErrInvalid, err)
		}
		return ErrInvalid
	}
	return API.Unmarshal(data, v)
}
