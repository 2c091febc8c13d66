package core

import (
	"io"

	jsoniter "github.com/json-iterator/go"

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

// CheckJSON reports whether data is one valid JSON document, as an
// *InputError saying where it is not, without decoding it.
func CheckJSON(data []byte) error {
	if err := jsonx.Check(data); err != nil {
		return &InputError{Err: err}
	}
	return nil
}

// DecodeInputs reads input items the way every front end takes them: a JSON
// array is a list of items, any other JSON value is one item, and strings
// become text frames (frame.FromValue).
func DecodeInputs(data []byte) ([]*frame.Frame, error) {
	var frames []*frame.Frame
	err := EachInput(data, func(f *frame.Frame) error {
		frames = append(frames, f)
		return nil
	})
	if err != nil {
		return nil, err
	}
	return frames, nil
}

// EachInput decodes the input items of data as DecodeInputs does, but hands
// them to fn one at a time, in order, and stops at fn's first error. Nothing
// but data and the item in hand is held, so a streaming run's memory does
// not grow with the number of items. The whole document is checked before
// the first call: broken JSON is an *InputError and fn never runs.
func EachInput(data []byte, fn func(*frame.Frame) error) error {
	if err := jsonx.Check(data); err != nil {
		return &InputError{Err: err}
	}
	it := jsonx.API.BorrowIterator(data)
	defer jsonx.API.ReturnIterator(it)
	if it.WhatIsNext() != jsoniter.ArrayValue {
		var v any
		it.ReadVal(&v)
		if it.Error != nil && it.Error != io.EOF {
			return &InputError{Err: it.Error}
		}
		return fn(frame.FromValue(v))
	}
	var fnErr error
	it.ReadArrayCB(func(it *jsoniter.Iterator) bool {
		var v any
		it.ReadVal(&v)
		if it.Error != nil {
			return false
		}
		fnErr = fn(frame.FromValue(v))
		return fnErr == nil
	})
	if fnErr != nil {
		return fnErr
	}
	if it.Error != nil && it.Error != io.EOF {
		return &InputError{Err: it.Error}
	}
	return nil
}
