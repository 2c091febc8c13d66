package speech

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/require"
)

func TestSplitText(t *testing.T) {
	for _, tc := range []struct {
		name string
		text string
		max  int
		want []string
	}{
		{"short text is one chunk", "Hello there.", 300, []string{"Hello there."}},
		{"blank text is no chunk", " \n\t ", 300, nil},
		{"whitespace collapses", "  Hello\t  there.  ", 300, []string{"Hello there."}},
		{"sentences are kept together up to max", "One two. Three four. Five six.", 20,
			[]string{"One two. Three four.", "Five six."}},
		{"the rest of a cut sentence joins the next one", "Hi! How are you? Fine.", 10,
			[]string{"Hi!", "How are", "you? Fine."}},
		{"closing quotes end a sentence", `He said "stop." Then he left.`, 20,
			[]string{`He said "stop."`, "Then he left."}},
		{"a line break ends a sentence", "Title\nBody text here", 12, []string{"Title", "Body text", "here"}},
		{"a long sentence is cut after a comma", "First part, second part of it", 20,
			[]string{"First part,", "second part of it"}},
		{"a comma without a space is not a cut", "Count 1,000 sheep and sleep", 14,
			[]string{"Count 1,000", "sheep and", "sleep"}},
		{"a word longer than max is cut mid-word", "abcdefghij", 4, []string{"abcd", "efgh", "ij"}},
		{"characters are runes, not bytes", "ééééé ééééé.", 5, []string{"ééééé", "ééééé", "."}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			require.Equal(t, tc.want, splitText(tc.text, tc.max))
		})
	}
}

// Splitting loses no word and keeps every chunk within max.
func TestSplitText_keepsEveryWordWithinMax(t *testing.T) {
	text := strings.Repeat("The quick brown fox, which was very quick indeed, jumps over the lazy dog. ", 40)
	for _, max := range []int{20, 50, 300} {
		chunks := splitText(text, max)
		for _, c := range chunks {
			require.LessOrEqual(t, utf8.RuneCountInString(c), max, c)
		}
		require.Equal(t, strings.Fields(text), strings.Fields(strings.Join(chunks, " ")))
	}
}
