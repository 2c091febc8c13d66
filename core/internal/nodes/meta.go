package nodes

import (
	"fmt"

	"github.com/remotemedia/remotemedia/core/frame"
	"github.com/remotemedia/remotemedia/core/internal/num"
)

// withMetaOf gives out the metadata of in. Frames without metadata (the
// common case) cost nothing extra.
func withMetaOf(out, in *frame.Frame) *frame.Frame {
	if len(in.Meta()) == 0 {
		return out
	}
	return out.WithMeta(in.Meta())
}

// describeJSON names the type of a JSON value for error messages.
func describeJSON(v any) string {
	switch v.(type) {
	case nil:
		return "null"
	case string:
		return "string"
	case bool:
		return "boolean"
	case map[string]any:
		return "object"
	case []any:
		return "list"
	}
	if _, ok := num.Parse(v); ok {
		return "number"
	}
	return fmt.Sprintf("Go value of type %T", v)
}
