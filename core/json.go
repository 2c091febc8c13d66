package core

import (
	"github.com/remotemedia/remotemedia/core/frame"
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

// DecodeInputs reads input items the way every front end takes them: a JSON
// array is a list of items, any other JSON value is one item, and strings
// become text frames (frame.FromValue).
func DecodeInputs(data []byte) ([]*frame.Frame, error) {
	v, err := DecodeJSON(data)
	if err != nil {
		return nil, err
	}
	items, isList := v.([]any)
	if !isList {
		return []*frame.Frame{frame.FromValue(v)}, nil
	}
	frames := make([]*frame.Frame, len(items))
	for i, item := range items {
		frames[i] = frame.FromValue(item)
	}
	return frames, nil
}
