package manifest

import (
	"errors"

	"github.com/remotemedia/remotemedia/core/internal/jsonx"
)

// decodeJSON decodes data into a generic tree (numbers as json.Number), or
// returns one problem saying where the JSON is broken, as line:column.
func decodeJSON(data []byte) (any, *Problem) {
	v, err := jsonx.Decode(data)
	if err == nil {
		return v, nil
	}
	var se *jsonx.SyntaxError
	if errors.As(err, &se) {
		return nil, &Problem{Path: "$", Message: se.Error()}
	}
	return nil, &Problem{Path: "$", Message: "invalid JSON: " + err.Error()}
}
