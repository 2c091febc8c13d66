// Package safetext makes text that a guest module or a package wrote safe
// to show: on a terminal, in a log line or in JSON. It is the one sanitiser
// for every such string (rm_last_error, guest logs and output, zip entry
// names, package metadata), so the rules live in one place:
//
//   - control characters (C0, DEL, C1), line and paragraph separators and
//     bidirectional overrides are escaped as \n, \t, \r, \xNN or \u{NNNN},
//     so they can neither drive a terminal nor start a forged line;
//   - bytes that are not UTF-8 are escaped as \xNN, so JSON stays valid;
//   - the result is capped, with a note saying how much was cut.
//
// The escaping is for reading, not reversible: a backslash stays as it is.
package safetext

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// Clean returns s made safe to show, at most about max bytes long (max <= 0:
// no cap). Text that is already safe and short enough is returned as is.
func Clean[T string | []byte](s T, max int) string {
	if (max <= 0 || len(s) <= max) && isPlain(s) {
		return string(s)
	}
	total := len(s)
	// Escaping never shortens text, so no more than max (plus a rune) of
	// the input can be shown: copy only that much of a huge input.
	if max > 0 && len(s) > max+utf8.UTFMax {
		s = s[:max+utf8.UTFMax]
	}
	text := string(s)
	var b strings.Builder
	for i := 0; i < len(text); {
		if max > 0 && b.Len() >= max {
			fmt.Fprintf(&b, "... [%d more bytes]", total-i)
			break
		}
		r, size := utf8.DecodeRuneInString(text[i:])
		switch {
		case r == utf8.RuneError && size <= 1:
			fmt.Fprintf(&b, `\x%02x`, text[i])
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\r':
			b.WriteString(`\r`)
		case r == '\t':
			b.WriteString(`\t`)
		case r < 0x20 || r == 0x7f:
			fmt.Fprintf(&b, `\x%02x`, r)
		case unsafeRune(r):
			fmt.Fprintf(&b, `\u{%04x}`, r)
		default:
			b.WriteString(text[i : i+size])
		}
		i += size
	}
	return b.String()
}

// isPlain reports whether s is printable ASCII only: the common case, which
// needs no copy.
func isPlain[T string | []byte](s T) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c >= 0x7f {
			return false
		}
	}
	return true
}

// unsafeRune: C1 controls, line and paragraph separators, and the
// bidirectional controls that reorder what a reader sees ("Trojan Source").
func unsafeRune(r rune) bool {
	switch {
	case r >= 0x80 && r <= 0x9f,
		r == 0x2028 || r == 0x2029,
		r == 0x061c || r == 0x200e || r == 0x200f,
		r >= 0x202a && r <= 0x202e,
		r >= 0x2066 && r <= 0x2069,
		r == 0xfeff:
		return true
	}
	return false
}
