package suggest

import (
	"fmt"
	"strings"
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

func TestClosest_Bounds(t *testing.T) {
	long := strings.Repeat("a", MaxLen)
	assert.Equal(t, long, Closest(long, []string{long}), "MaxLen itself is compared")
	assert.Equal(t, "", Closest(long+"x", []string{long + "y"}), "a name over MaxLen is not compared")
	assert.Equal(t, "", Closest("AddNod", []string{long + "AddNode"}), "a candidate over MaxLen is skipped")

	many := make([]string, MaxCandidates)
	for i := range many {
		many[i] = fmt.Sprintf("node%d", i)
	}
	assert.Equal(t, "node7", Closest("node7x", many))
	assert.Equal(t, "", Closest("node7x", append(many, "node7")), "more than MaxCandidates: no hint")
}
