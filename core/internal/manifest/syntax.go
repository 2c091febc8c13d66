package manifest

import (
	"bytes"
	"encoding/json"
	"fmt"
	"unicode/utf8"

	"github.com/remotemedia/remotemedia/core/internal/jsonx"
)

// decodeJSON decodes data into a generic tree (numbers as json.Number), or
// returns one problem saying where the JSON is broken.
//
// encoding/json checks the syntax first because jsonx (json-iterator with
// UseNumber) accepts numbers such as 01, 1e or - that would not survive a
// round trip, and because its errors carry byte offsets, which json-iterator's
// lack.
func decodeJSON(data []byte) (any, *Problem) {
	if !utf8.Valid(data) {
		return nil, syntaxProblem(data, firstInvalidUTF8(data)+1, "not valid UTF-8")
	}
	if !json.Valid(data) {
		var v any
		err := json.Unmarshal(data, &v)
		if se, ok := err.(*json.SyntaxError); ok {
			return nil, syntaxProblem(data, int(se.Offset), se.Error())
		}
		return nil, &Problem{Path: "$", Message: fmt.Sprintf("invalid JSON: %v", err)}
	}
	var v any
	if err := jsonx.Unmarshal(data, &v); err != nil {
		return nil, &Problem{Path: "$", Message: fmt.Sprintf("invalid JSON: %v", err)}
	}
	return v, nil
}

// syntaxProblem locates the byte read last before the error (offset counts
// the bytes read, as json.SyntaxError.Offset does) as line:column, both from 1.
func syntaxProblem(data []byte, offset int, msg string) *Problem {
	pos := min(max(offset-1, 0), len(data))
	line := 1 + bytes.Count(data[:pos], []byte("\n"))
	col := pos - bytes.LastIndexByte(data[:pos], '\n')
	return &Problem{Path: "$", Message: fmt.Sprintf("invalid JSON at %d:%d: %s", line, col, msg)}
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
