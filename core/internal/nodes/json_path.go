package nodes

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/remotemedia/remotemedia/core/internal/echo"
	"github.com/remotemedia/remotemedia/core/internal/jsonx"
)

// jsonPathSyntax documents what parseJSONPath accepts.
const jsonPathSyntax = "Path syntax: keys separated by dots (`user.name`), list indexes in brackets " +
	"(`items[0].id`; negative indexes count from the end, `items[-1]`), keys holding dots or brackets " +
	"as quoted JSON strings in brackets (`meta[\"content.type\"]`), and an optional leading `$` or `$.` " +
	"(`$.a.b` is `a.b`; `$` alone is the whole record)."

// jsonPath is a parsed path into a JSON value.
type jsonPath struct {
	text  string
	steps []pathStep
}

// pathStep is one object key or one list index.
type pathStep struct {
	key     string
	index   int
	isIndex bool
}

func (s pathStep) String() string {
	if s.isIndex {
		return "[" + strconv.Itoa(s.index) + "]"
	}
	if strings.ContainsAny(s.key, ".[]\"") || s.key == "" {
		return "[" + strconv.Quote(s.key) + "]"
	}
	return "." + s.key
}

func parseJSONPath(text string) (jsonPath, error) {
	p := jsonPath{text: text}
	rest := strings.TrimPrefix(text, "$")
	if rest == "" {
		if text == "" {
			return p, fmt.Errorf("path is empty; use $ for the whole record")
		}
		return p, nil
	}
	if rest != text && rest[0] != '.' && rest[0] != '[' {
		return p, fmt.Errorf("path %q: expected . or [ after $", text)
	}
	for rest != "" {
		var (
			step pathStep
			err  error
		)
		switch rest[0] {
		case '.':
			rest = rest[1:]
			step, rest, err = parseKey(rest)
		case '[':
			step, rest, err = parseBracket(rest)
		default:
			if len(p.steps) > 0 {
				return p, fmt.Errorf("path %q: expected . or [ before %q", text, rest)
			}
			step, rest, err = parseKey(rest)
		}
		if err != nil {
			return p, fmt.Errorf("path %q: %w", text, err)
		}
		p.steps = append(p.steps, step)
	}
	return p, nil
}

func parseKey(s string) (pathStep, string, error) {
	end := strings.IndexAny(s, ".[")
	if end < 0 {
		end = len(s)
	}
	if end == 0 {
		return pathStep{}, s, fmt.Errorf("empty key (use [\"\"] for a key that is the empty string)")
	}
	if strings.ContainsAny(s[:end], "]\"") {
		return pathStep{}, s, fmt.Errorf("unexpected character in key %q; quote it as [\"...\"]", s[:end])
	}
	return pathStep{key: s[:end]}, s[end:], nil
}

// parseBracket reads [n] or ["key"] at the start of s.
func parseBracket(s string) (pathStep, string, error) {
	if strings.HasPrefix(s, `["`) {
		var key string
		end := closingQuote(s[1:])
		if end < 0 || !strings.HasPrefix(s[2+end:], "]") {
			return pathStep{}, s, fmt.Errorf("unterminated quoted key in %q", s)
		}
		if err := jsonx.Unmarshal([]byte(s[1:2+end]), &key); err != nil {
			return pathStep{}, s, fmt.Errorf("bad quoted key %s: %v", s[1:2+end], err)
		}
		return pathStep{key: key}, s[3+end:], nil
	}
	end := strings.IndexByte(s, ']')
	if end < 0 {
		return pathStep{}, s, fmt.Errorf("missing ] in %q", s)
	}
	index, err := strconv.Atoi(s[1:end])
	if err != nil {
		return pathStep{}, s, fmt.Errorf("index %q is not an integer (quote keys as [\"...\"])", s[1:end])
	}
	return pathStep{index: index, isIndex: true}, s[end+1:], nil
}

// closingQuote returns the offset in s (which starts with a quote) of the
// quote that ends the JSON string, or -1.
func closingQuote(s string) int {
	for i := 1; i < len(s); i++ {
		switch s[i] {
		case '\\':
			i++
		case '"':
			return i
		}
	}
	return -1
}

// lookup follows the path into v. When it cannot, it says where it stopped
// and why.
func (p jsonPath) lookup(v any) (any, error) {
	for n, step := range p.steps {
		if step.isIndex {
			list, ok := v.([]any)
			if !ok {
				return nil, fmt.Errorf("%s is %s, not a list", p.prefix(n), articled(echo.JSONKind(v)))
			}
			i := step.index
			if i < 0 {
				i += len(list)
			}
			if i < 0 || i >= len(list) {
				return nil, fmt.Errorf("%s has %d items, no index %d", p.prefix(n), len(list), step.index)
			}
			v = list[i]
			continue
		}
		obj, ok := v.(map[string]any)
		if !ok {
			return nil, fmt.Errorf("%s is %s, not an object", p.prefix(n), articled(echo.JSONKind(v)))
		}
		if v, ok = obj[step.key]; !ok {
			return nil, fmt.Errorf("%s has no key %q", p.prefix(n), step.key)
		}
	}
	return v, nil
}

// prefix spells the first n steps, for error messages.
func (p jsonPath) prefix(n int) string {
	s := "$"
	for _, step := range p.steps[:n] {
		s += step.String()
	}
	return s
}

func articled(name string) string {
	switch name {
	case "null":
		return name
	case "array", "object":
		return "an " + name
	}
	return "a " + name
}
