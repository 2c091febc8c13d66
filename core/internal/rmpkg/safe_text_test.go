package rmpkg

import (
	"context"
	"encoding/json"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// hostileName is an entry name that would clear a terminal, start a forged
// line and break JSON if shown raw.
// The second is refused (not UTF-8) and shows only in the report.
const (
	hostileName  = "python/\x1b[2J\nerror: forged.txt"
	notUTF8Name  = "python/\xff.py"
	hostileShown = `python/\x1b[2J\nerror: forged.txt`
	notUTF8Shown = `python/\xff.py`
)

func hostilePackage(t *testing.T) *Package {
	t.Helper()
	manifest := `{"version":"v1","metadata":{"name":"\u001b]0;owned\u0007","author":"a\nb"},"runtime":{"target":"wasm32-wasi"},"nodes":[],"connections":[]}`
	p, err := Open(zipOf(t, zipEntry{name: ManifestFile, data: []byte(manifest)}, zipEntry{name: hostileName, data: []byte("x")}, zipEntry{name: notUTF8Name, data: []byte("x")}), DefaultLimits())
	require.NoError(t, err)
	return p
}

func TestPackage_Validate_textIsSafeToShow(t *testing.T) {
	r := hostilePackage(t).Validate(context.Background(), ValidateOptions{})
	data, err := json.Marshal(r)
	require.NoError(t, err)
	assert.True(t, utf8.Valid(data), "the JSON report is valid UTF-8")
	var entries []string
	for _, p := range append(r.Errors, r.Warnings...) {
		entries = append(entries, p.Entry)
		assertSafe(t, p.String())
	}
	assert.Contains(t, entries, hostileShown)
	assert.Contains(t, entries, notUTF8Shown)
}

func TestPackage_Inspect_textIsSafeToShow(t *testing.T) {
	s := hostilePackage(t).Inspect()
	assertSafe(t, s.String())
	assert.Contains(t, s.String(), hostileShown)
	assert.Equal(t, `\x1b]0;owned\x07`, s.Metadata.Name)
	assert.Equal(t, `a\nb`, s.Metadata.Author)
}

func assertSafe(t *testing.T, s string) {
	t.Helper()
	assert.True(t, utf8.ValidString(s), "%q is not UTF-8", s)
	assert.False(t, strings.ContainsAny(s, "\x1b\x00\x07"), "%q keeps control characters", s)
	for _, line := range strings.Split(s, "\n") {
		assert.False(t, strings.HasPrefix(line, "error: forged"), "%q forges a line", s)
	}
}
