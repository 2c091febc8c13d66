package core

import "github.com/remotemedia/remotemedia/core/internal/safetext"

// CleanText returns s made safe to print on a terminal or in a log line:
// control characters, line separators and bidirectional overrides escaped
// (\n, \x1b, \u{202e}), bytes that are not UTF-8 escaped as \xNN, and at
// most about max bytes kept (max <= 0: no cap), with a note saying how
// much was cut. It is the sanitiser the engine applies to text from guests
// and packages, for front ends to apply to anything else they print, such
// as an error's message.
func CleanText(s string, max int) string { return safetext.Clean(s, max) }
