package speech

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// splitText cuts text into chunks of at most maxChars characters (runes),
// so a long text is spoken piece by piece instead of rejected, and the first
// audio comes out before the whole text is synthesised. Chunks end at
// sentence boundaries when they can; a sentence longer than maxChars is cut
// after a comma, semicolon or colon, else at a space, else mid-word.
// Whitespace is collapsed; an all-blank text gives no chunks.
func splitText(text string, maxChars int) []string {
	var chunks []string
	current := ""
	for _, s := range sentences(text) {
		for utf8.RuneCountInString(s) > maxChars {
			head, rest := cutLong(s, maxChars)
			chunks = appendNonEmpty(chunks, current)
			chunks, current, s = append(chunks, head), "", rest
		}
		switch {
		case current == "":
			current = s
		case utf8.RuneCountInString(current)+1+utf8.RuneCountInString(s) <= maxChars:
			current += " " + s
		default:
			chunks, current = append(chunks, current), s
		}
	}
	return appendNonEmpty(chunks, current)
}

// sentences splits at the spaces that follow sentence-final punctuation
// (with any closing quotes or brackets) and at line breaks.
func sentences(text string) []string {
	var out []string
	var b strings.Builder
	lines := strings.FieldsFunc(text, func(r rune) bool { return r == '\n' || r == '\r' })
	for _, line := range lines {
		for _, w := range strings.Fields(line) {
			if b.Len() > 0 {
				b.WriteByte(' ')
			}
			b.WriteString(w)
			if endsSentence(w) {
				out, b = append(out, b.String()), strings.Builder{}
			}
		}
		if b.Len() > 0 {
			out, b = append(out, b.String()), strings.Builder{}
		}
	}
	return out
}

func endsSentence(word string) bool {
	w := strings.TrimRightFunc(word, func(r rune) bool { return strings.ContainsRune(`"')]}”’»`, r) })
	r, _ := utf8.DecodeLastRuneInString(w)
	return strings.ContainsRune(".!?…。！？", r)
}

// cutLong returns the first piece of s (at most max runes, s being longer)
// and the rest: cut after the last clause punctuation that a space follows,
// else at the last space, else mid-word.
func cutLong(s string, max int) (string, string) {
	runes := []rune(s)
	cut := -1 // index of the head's last rune
	for i := max - 1; i > 0 && cut < 0; i-- {
		if strings.ContainsRune(",;:", runes[i]) && unicode.IsSpace(runes[i+1]) {
			cut = i
		}
	}
	for i := max; i > 0 && cut < 0; i-- {
		if unicode.IsSpace(runes[i]) {
			cut = i - 1
		}
	}
	if cut < 0 {
		cut = max - 1
	}
	return strings.TrimSpace(string(runes[:cut+1])), strings.TrimSpace(string(runes[cut+1:]))
}

func appendNonEmpty(chunks []string, s string) []string {
	if s == "" {
		return chunks
	}
	return append(chunks, s)
}
