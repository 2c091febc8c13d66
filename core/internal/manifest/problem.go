package manifest

import (
	"fmt"
	"strings"
)

// Problem is one thing wrong with a manifest, located by a JSON path such as
// $.nodes[1].params.addend.
type Problem struct {
	Path    string `json:"path"`
	Message string `json:"message"`
}

func (p Problem) String() string { return p.Path + ": " + p.Message }

// Error reports every problem found in a manifest at once: the first
// MaxProblems of them, and how many more there are.
type Error struct {
	Problems []Problem
	More     int // problems found but not listed
}

func (e *Error) Error() string {
	if len(e.Problems) == 1 && e.More == 0 {
		return "invalid manifest: " + e.Problems[0].String()
	}
	var b strings.Builder
	fmt.Fprintf(&b, "invalid manifest: %d problems", len(e.Problems)+e.More)
	for _, p := range e.Problems {
		b.WriteString("\n  ")
		b.WriteString(p.String())
	}
	if e.More > 0 {
		b.WriteString("\n  ")
		b.WriteString(e.MoreLine())
	}
	return b.String()
}

// MoreLine says how many problems are not listed ("" when none), for front
// ends that print one line per problem.
func (e *Error) MoreLine() string {
	if e.More == 0 {
		return ""
	}
	return fmt.Sprintf("… and %d more problems", e.More)
}
