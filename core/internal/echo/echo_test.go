package echo

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestClip(t *testing.T) {
	assert.Equal(t, "short", Clip("short"))
	exact := strings.Repeat("a", MaxLen)
	assert.Equal(t, exact, Clip(exact))
	assert.Equal(t, exact+"…", Clip(exact+"b"))
	// A rune is never cut in half: "é" is 2 bytes and straddles the limit.
	s := strings.Repeat("a", MaxLen-1) + "é" + "tail"
	assert.Equal(t, strings.Repeat("a", MaxLen-1)+"…", Clip(s))
}

func TestQuote(t *testing.T) {
	assert.Equal(t, `"a\"b"`, Quote(`a"b`))
	long := strings.Repeat("x", 1000)
	assert.Equal(t, `"`+strings.Repeat("x", MaxLen)+`"…`, Quote(long))
}
