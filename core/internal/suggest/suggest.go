// Package suggest finds the closest known name to a misspelt one, for
// "did you mean" hints in error messages.
package suggest

import (
	"strings"

	"github.com/agnivade/levenshtein"
)

// Closest returns the candidate nearest to name, or "" when none is close
// enough to be a plausible typo: edit distance at most a third of the length
// (at least 2 allowed), or one name a prefix of the other ("gain" for
// "gain_db"). Comparison ignores case.
func Closest(name string, candidates []string) string {
	best, bestDist := "", -1
	lname := strings.ToLower(name)
	for _, c := range candidates {
		lc := strings.ToLower(c)
		d := levenshtein.ComputeDistance(lname, lc)
		if min(len(lname), len(lc)) >= 3 && (strings.HasPrefix(lc, lname) || strings.HasPrefix(lname, lc)) {
			d = min(d, 1) // a truncated name is as plausible as a one-letter typo
		}
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
