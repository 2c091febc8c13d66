package suggest

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestClosest(t *testing.T) {
	known := []string{"AddNode", "MultiplyNode", "PassThrough", "gain_db", "frame_ms"}
	tests := []struct{ name, want string }{
		{"AddNod", "AddNode"},
		{"multiplynode", "MultiplyNode"},
		{"PassTrough", "PassThrough"},
		{"gain", "gain_db"},
		{"frame_ms_x", "frame_ms"},
		{"Resampler", ""},
		{"zz", ""},
	}
	for _, tc := range tests {
		assert.Equal(t, tc.want, Closest(tc.name, known), tc.name)
	}
	assert.Equal(t, "", Closest("x", nil))
}

func TestHint(t *testing.T) {
	assert.Equal(t, ` (did you mean "AddNode"?)`, Hint("AddNod", []string{"AddNode"}))
	assert.Equal(t, "", Hint("Nothing", []string{"AddNode"}))
}
