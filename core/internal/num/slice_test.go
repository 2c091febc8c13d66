package num

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestApply(t *testing.T) {
	src := []int8{1, -2, 100}
	dst := make([]int8, len(src))
	Apply(Multiply, dst, src, 2)
	assert.Equal(t, []int8{2, -4, -56}, dst, "integers wrap like numpy")
	Apply(Add, dst, src, 1)
	assert.Equal(t, []int8{2, -1, 101}, dst)
	assert.Panics(t, func() { Apply(Divide, dst, src, 1) })
}

func TestView(t *testing.T) {
	want := []float32{1.5, -2, 3}
	b := Bytes(want)
	assert.Equal(t, want, View[float32](b), "aligned: a view")
	assert.Same(t, &b[0], &Bytes(View[float32](b))[0], "aligned views share memory")

	shifted := make([]byte, len(b)+1)
	copy(shifted[1:], b)
	assert.Equal(t, want, View[float32](shifted[1:]), "misaligned: a copy")

	assert.Nil(t, View[float64](nil))
	assert.Equal(t, []byte{}, Bytes[float64](nil))
}
