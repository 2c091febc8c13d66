package core

import (
	"github.com/remotemedia/remotemedia/core/internal/jsonx"
)

// EncodeJSON writes v as the engine's canonical JSON: compact, map keys
// sorted. Front ends (the CLI, bindings) use it so every runtime prints the
// same bytes for the same value.
func EncodeJSON(v any) ([]byte, error) { return jsonx.Marshal(v) }

// DecodeJSON reads one JSON document as the engine does, numbers as
// json.Number so integers stay exact. Broken JSON is an *InputError saying
// where, as line:column.
func DecodeJSON(data []byte) (any, error) {
	v, err := jsonx.Decode(data)
	if err != nil {
		return nil, &InputError{Err: err}
	}
	return v, nil
}
