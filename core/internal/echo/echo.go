// Package echo shortens strings from a manifest or a param before they are
// echoed in a message: an id of a megabyte must not make a megabyte error
// line, nor a thousand of them a gigabyte of output.
package echo

import (
	"strconv"
	"unicode/utf8"
)

// MaxLen is how many bytes of a string a message shows.
const MaxLen = 64

// Clip returns s, or its first MaxLen bytes (cut at a rune boundary)
// followed by "…".
func Clip(s string) string {
	if len(s) <= MaxLen {
		return s
	}
	cut := MaxLen
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return s[:cut] + "…"
}

// Quote is strconv.Quote of s, clipped as Clip does: "abc…" for a long s.
func Quote(s string) string {
	if len(s) <= MaxLen {
		return strconv.Quote(s)
	}
	c := Clip(s)
	return strconv.Quote(c[:len(c)-len("…")]) + "…"
}
