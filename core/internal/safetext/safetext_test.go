package safetext

import (
	"encoding/json"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
)

func TestClean(t *testing.T) {
	tests := []struct {
		name string
		in   string
		max  int
		want string
	}{
		{name: "plain", in: "bad input: x", want: "bad input: x"},
		{name: "unicode kept", in: "é 日本 🎵", want: "é 日本 🎵"},
		{name: "escape sequence", in: "\x1b[2J\x1b]0;pwned\x07", want: `\x1b[2J\x1b]0;pwned\x07`},
		{name: "newline cannot forge a line", in: "ok\nerror: forged", want: `ok\nerror: forged`},
		{name: "tab and CR", in: "a\tb\rc", want: `a\tb\rc`},
		{name: "NUL and DEL", in: "a\x00b\x7f", want: `a\x00b\x7f`},
		{name: "invalid UTF-8", in: "a\xffb\xc3", want: `a\xffb\xc3`},
		{name: "C1 control", in: "a\u009bb", want: `a\u{009b}b`},
		{name: "bidi override", in: "abc\u202edef", want: `abc\u{202e}def`},
		{name: "line separator", in: "a\u2028b", want: `a\u{2028}b`},
		{name: "capped", in: strings.Repeat("x", 100), max: 10, want: "xxxxxxxxxx... [90 more bytes]"},
		{name: "capped after escapes", in: "\x00\x00\x00\x00", max: 8, want: `\x00\x00... [2 more bytes]`},
		{name: "cap never splits a rune", in: "ééééé", max: 3, want: "éé... [6 more bytes]"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, Clean(tt.in, tt.max))
			assert.Equal(t, tt.want, Clean([]byte(tt.in), tt.max))
		})
	}
}

// FuzzClean: whatever the input, the result is valid UTF-8 with no control
// character, survives JSON unchanged, and stays within the cap plus its note.
func FuzzClean(f *testing.F) {
	for _, s := range []string{"", "ok", "\x1b[31m", "a\nb", "\xff\xfe", "\u202e", "ééé"} {
		f.Add(s, 0)
		f.Add(s, 3)
	}
	f.Fuzz(func(t *testing.T, s string, max int) {
		max %= 4096
		got := Clean(s, max)
		if !utf8.ValidString(got) {
			t.Fatalf("Clean(%q) = %q: not UTF-8", s, got)
		}
		for _, r := range got {
			if r < 0x20 || r == 0x7f || unsafeRune(r) {
				t.Fatalf("Clean(%q) = %q: keeps %U", s, got, r)
			}
		}
		data, _ := json.Marshal(got)
		var back string
		if err := json.Unmarshal(data, &back); err != nil || back != got {
			t.Fatalf("Clean(%q) = %q does not survive JSON", s, got)
		}
		if max > 0 && len(got) > max+len(`\u{0000}`)+len("... [ more bytes]")+20 {
			t.Fatalf("Clean(%q, %d) is %d bytes long", s, max, len(got))
		}
	})
}
