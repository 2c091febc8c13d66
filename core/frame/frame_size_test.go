package frame

import (
	"testing"
	"unsafe"

	"github.com/stretchr/testify/assert"
)

// A batch run holds a frame per item and node: a field per kind made a
// frame 96 bytes (issue 9: 475 bytes per item for a two-node pipeline).
func TestFrame_Size(t *testing.T) {
	assert.Equal(t, uintptr(32), unsafe.Sizeof(Frame{}))
}

func TestFrame_AccessorsOfOtherKinds(t *testing.T) {
	j := JSON("a string")
	assert.Equal(t, "", j.TextValue(), "a JSON string is not a text frame")
	assert.Nil(t, j.BytesValue())
	assert.Nil(t, j.Audio())
	assert.Nil(t, j.Tensor())
	assert.Nil(t, Text("x").JSONValue())
	assert.Equal(t, []byte("b"), Bytes([]byte("b")).BytesValue())
}
