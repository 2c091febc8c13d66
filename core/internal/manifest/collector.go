package manifest

import (
	"fmt"
	"regexp"
	"strconv"

	"github.com/remotemedia/remotemedia/core/internal/echo"
)

// MaxProblems is how many problems an Error lists; the rest are counted in
// Error.More. One broken generator can produce 100,000 problems, and nobody
// reads past the first screen.
const MaxProblems = 100

// collector gathers every problem of a manifest. The first problem at a path
// hides later ones at that path or inside it: a node that is not an object is
// not also reported as missing its id. Its cost is linear: a problem's path
// is looked up, with each of its ancestors, in a set, and messages are built
// only for the problems listed.
type collector struct {
	problems []Problem
	paths    map[string]struct{} // every problem's path, listed or counted
	more     int
}

func (c *collector) addf(path, format string, args ...any) {
	c.add(path, func() string { return fmt.Sprintf(format, args...) })
}

// add records a problem at path whose message is built only if it is listed:
// a message may be costly (a "did you mean" hint).
func (c *collector) add(path string, message func() string) {
	if c.hidden(path) {
		return
	}
	if c.paths == nil {
		c.paths = map[string]struct{}{}
	}
	c.paths[path] = struct{}{}
	if len(c.problems) >= MaxProblems {
		c.more++
		return
	}
	c.problems = append(c.problems, Problem{Path: path, Message: message()})
}

// hidden reports whether path, or a path it lies within, has a problem.
func (c *collector) hidden(path string) bool {
	if len(c.paths) == 0 {
		return false
	}
	for _, end := range boundaries(path) {
		if _, ok := c.paths[path[:end]]; ok {
			return true
		}
	}
	_, ok := c.paths[path]
	return ok
}

// err is nil when nothing was found, else an *Error.
func (c *collector) err() error {
	if len(c.problems) == 0 {
		return nil
	}
	return &Error{Problems: c.problems, More: c.more}
}

// boundaries are the offsets in path where a member or an element starts
// (each '.' and '['), skipping quoted keys: path[:end] is then an
// ancestor's path.
func boundaries(path string) []int {
	var out []int
	for i := 0; i < len(path); i++ {
		switch path[i] {
		case '.':
			out = append(out, i)
		case '[':
			out = append(out, i)
			if i+1 < len(path) && path[i+1] == '"' {
				i = closingQuote(path, i+2)
			}
		}
	}
	return out
}

// closingQuote is the offset of the quote that ends the quoted string whose
// first byte is at start (len(path) if there is none).
func closingQuote(path string, start int) int {
	for i := start; i < len(path); i++ {
		switch path[i] {
		case '\\':
			i++
		case '"':
			return i
		}
	}
	return len(path)
}

var plainKey = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]*$`)

// field is the path of an object member: $.a.b, or $.a["odd key"]. A long
// name is clipped (echo.Quote), so a path stays short enough to print.
func field(base, name string) string {
	if len(name) <= echo.MaxLen && plainKey.MatchString(name) {
		return base + "." + name
	}
	return base + "[" + echo.Quote(name) + "]"
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
