package echo

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestJSON(t *testing.T) {
	tests := []struct {
		v          any
		kind, want string
	}{
		{nil, "null", "null"},
		{true, "boolean", "boolean true"},
		{"ten", "string", `string "ten"`},
		{"\x1b[31m", "string", `string "\x1b[31m"`},
		{json.Number("1.5"), "number", "number 1.5"},
		{json.Number("1e999"), "number", "number 1e999, which is out of range"},
		{json.Number(strings.Repeat("9", 400)), "number", "number " + strings.Repeat("9", MaxLen) + "…, which is out of range"},
		{2.5, "number", "number 2.5"},
		{int64(7), "number", "number 7"},
		{map[string]any{}, "object", "object"},
		{[]any{1}, "array", "array"},
		{map[string]string{}, "Go value of type map[string]string", "Go value of type map[string]string"},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.kind, JSONKind(tt.v), "%#v", tt.v)
		assert.Equal(t, tt.want, JSON(tt.v), "%#v", tt.v)
	}
}
