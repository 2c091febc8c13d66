// Package suggest finds the closest known name to a misspelt one, for
// "did you mean" hints in error messages.
package suggest

import (
	"strings"

	"github.com/agnivade/levenshtein"
)

// Closest returns the candidate nearest to name, or "" when none is close
// enough to be a plausible typo (edit distance at most a third of the length,
// and at least 2 allowed). Comparison ignores case.
func Closest(name string, candidates []string) string {
	best, bestDist := "", -1
	lname := strings.ToLower(name)
	for _, c := range candidates {
		d := levenshtein.ComputeDistance(lname, strings.ToLower(c))
		if bestDist < 0 || d < bestDist {
			best, bestDist = c, d
		}
	}
	limit := max(2, len(name)/3)
	if bestDist < 0 || bestDist > limit {
		return ""
	}
	return best
}

// Hint formats the suggestion for name as " (did you mean "X"?)", or "".
func Hint(name string, candidates []string) string {
	if s := Closest(name, candidates); s != "" {
		return ` (did you mean "` + s + `"?)`
	}
	return ""
}
