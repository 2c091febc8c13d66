package echo

import (
	"encoding/json"
	"fmt"
)

// JSONKind names the JSON type of a decoded value: null, boolean, number,
// string, object or array. A Go value JSON has no type for is named by its
// Go type.
func JSONKind(v any) string {
	switch v.(type) {
	case nil:
		return "null"
	case bool:
		return "boolean"
	case string:
		return "string"
	case map[string]any:
		return "object"
	case []any:
		return "array"
	case json.Number, float64, float32, int, int8, int16, int32, int64, uint, uint8, uint16, uint32, uint64:
		return "number"
	}
	return fmt.Sprintf("Go value of type %T", v)
}

// JSON describes a decoded JSON value for a "got ..." message: its kind,
// and for a string, number or boolean its value, clipped:
// `string "ten"`, `number 1.5`, `boolean true`, `array`.
func JSON(v any) string {
	switch x := v.(type) {
	case string:
		return "string " + Quote(x)
	case bool:
		return fmt.Sprintf("boolean %v", x)
	case json.Number:
		if _, err := x.Float64(); err != nil {
			// 1e999 or 400 digits: JSON allows it, float64 cannot hold it.
			return "number " + Clip(string(x)) + ", which is out of range"
		}
		return "number " + Clip(string(x))
	}
	kind := JSONKind(v)
	if kind == "number" {
		return "number " + fmt.Sprint(v)
	}
	return kind
}
