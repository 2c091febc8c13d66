package manifest

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
)

// collector gathers every problem of a manifest. The first problem at a path
// hides later ones at that path or inside it: a node that is not an object is
// not also reported as missing its id.
type collector struct {
	problems []Problem
}

func (c *collector) addf(path, format string, args ...any) {
	for _, p := range c.problems {
		if within(path, p.Path) {
			return
		}
	}
	c.problems = append(c.problems, Problem{Path: path, Message: fmt.Sprintf(format, args...)})
}

// err is nil when nothing was found, else an *Error.
func (c *collector) err() error {
	if len(c.problems) == 0 {
		return nil
	}
	return &Error{Problems: c.problems}
}

// within reports whether path is base or a path inside it.
func within(path, base string) bool {
	rest, ok := strings.CutPrefix(path, base)
	return ok && (rest == "" || rest[0] == '.' || rest[0] == '[')
}

var plainKey = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]*$`)

// field is the path of an object member: $.a.b, or $.a["odd key"].
func field(base, name string) string {
	if plainKey.MatchString(name) {
		return base + "." + name
	}
	return base + "[" + strconv.Quote(name) + "]"
}

// elem is the path of an array element: $.nodes[3].
func elem(base string, i int) string { return base + "[" + strconv.Itoa(i) + "]" }

// nodePath is the path of a member of node i, built only when reporting a
// problem: building it for every node would double Parse's cost.
func nodePath(i int, name string) string { return field(elem("$.nodes", i), name) }

// connectionPath is the path of connection i, or of its member name.
func connectionPath(i int, name string) string {
	if name == "" {
		return elem("$.connections", i)
	}
	return field(elem("$.connections", i), name)
}

// jsonType names the JSON type of a decoded value, for "got ..." messages.
func jsonType(v any) string {
	switch v.(type) {
	case nil:
		return "null"
	case bool:
		return "boolean"
	case string:
		return "string"
	case map[string]any:
		return "object"
	case []any:
		return "array"
	}
	return "number"
}
