// Package suggest finds the closest known name to a misspelt one, for
// "did you mean" hints in error messages.
package suggest

import (
	"strings"

	"github.com/agnivade/levenshtein"
)

// Bounds on the work of one suggestion. Edit distance costs the product of
// the two lengths, so without them 1,000 unknown ids of 1,000 characters
// took minutes to validate. Real typos are in short names, among a registry
// or a manifest of modest size; beyond these bounds there is no hint.
const (
	// MaxLen is the longest name, or candidate, that is compared.
	MaxLen = 64
	// MaxCandidates is the most candidates one name is compared with.
	MaxCandidates = 1000
)

// Closest returns the candidate nearest to name, or "" when none is close
// enough to be a plausible typo: edit distance at most a third of the length
// (at least 2 allowed), or one name a prefix of the other ("gain" for
// "gain_db"). Comparison ignores case. A name longer than MaxLen, or more
// than MaxCandidates candidates, gives ""; candidates longer than MaxLen are
// skipped.
func Closest(name string, candidates []string) string {
	if len(name) > MaxLen || len(candidates) > MaxCandidates {
		return ""
	}
	best, bestDist := "", -1
	lname := strings.ToLower(name)
	for _, c := range candidates {
		if len(c) > MaxLen {
			continue
		}
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
