package jsonx

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"unicode/utf8"
)

// ErrInvalid is wrapped by every error about input that is not JSON.
var ErrInvalid = errors.New("invalid JSON")

// SyntaxError locates what makes a document invalid, by line and column
// (both from 1) of the last byte read before the error.
type SyntaxError struct {
	Line, Column int
	Msg          string
}

func (e *SyntaxError) Error() string {
	return fmt.Sprintf("invalid JSON at %d:%d: %s", e.Line, e.Column, e.Msg)
}

func (e *SyntaxError) Unwrap() error { return ErrInvalid }

// Check reports whether data is one JSON document in valid UTF-8.
//
// encoding/json checks the syntax because json-iterator with UseNumber
// accepts numbers such as 01, 1e or - that would not survive being written
// back, and because its errors carry byte offsets, which json-iterator's
// lack. Both accept invalid UTF-8, so that is checked first.
func Check(data []byte) error {
	if !utf8.Valid(data) {
		return locate(data, firstInvalidUTF8(data)+1, "not valid UTF-8")
	}
	if json.Valid(data) {
		return nil
	}
	var probe any
	err := json.Unmarshal(data, &probe)
	var se *json.SyntaxError
	if errors.As(err, &se) {
		return locate(data, int(se.Offset), se.Error())
	}
	return locate(data, len(data), fmt.Sprint(err))
}

// locate turns offset, a count of bytes read as json.SyntaxError.Offset
// counts them, into a line and column.
func locate(data []byte, offset int, msg string) *SyntaxError {
	pos := min(max(offset-1, 0), len(data))
	line := 1 + bytes.Count(data[:pos], []byte("\n"))
	col := pos - bytes.LastIndexByte(data[:pos], '\n')
	return &SyntaxError{Line: line, Column: col, Msg: msg}
}

func firstInvalidUTF8(data []byte) int {
	for i := 0; i < len(data); {
		r, size := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && size <= 1 {
			return i
		}
		i += size
	}
	return len(data)
}
