package rmpkg

import (
	"errors"
	"fmt"
	"strings"

	"github.com/remotemedia/remotemedia/core/internal/safetext"
)

// Problem is one thing wrong with a package. Entry names the file it is
// about ("" for the package as a whole).
type Problem struct {
	Entry   string `json:"entry,omitempty"`
	Message string `json:"message"`
}

func (p Problem) String() string {
	if p.Entry == "" {
		return p.Message
	}
	return p.Entry + ": " + p.Message
}

// Report is the result of Validate: errors make a package unusable,
// warnings do not.
type Report struct {
	Errors   []Problem `json:"errors"`
	Warnings []Problem `json:"warnings"`
}

// OK reports whether the package has no errors.
func (r Report) OK() bool { return len(r.Errors) == 0 }

// Err is nil when the package has no errors, else an *InvalidError.
func (r Report) Err() error {
	if r.OK() {
		return nil
	}
	return &InvalidError{Problems: r.Errors}
}

// Caps on what a problem shows of text from the package: entry names come
// from the archive and messages can quote module and manifest contents.
const (
	maxShownEntry   = 256
	maxShownMessage = 4 << 10
)

func (r *Report) errorf(entry, format string, args ...any) {
	r.Errors = append(r.Errors, newProblem(entry, format, args...))
}

func (r *Report) warnf(entry, format string, args ...any) {
	r.Warnings = append(r.Warnings, newProblem(entry, format, args...))
}

// newProblem makes the package's text safe to show, on a terminal or as JSON.
func newProblem(entry, format string, args ...any) Problem {
	return Problem{safetext.Clean(entry, maxShownEntry), safetext.Clean(fmt.Sprintf(format, args...), maxShownMessage)}
}

// InvalidError lists every error that makes a package unusable.
type InvalidError struct {
	Problems []Problem
}

func (e *InvalidError) Error() string {
	if len(e.Problems) == 1 {
		return "invalid package: " + e.Problems[0].String()
	}
	var b strings.Builder
	fmt.Fprintf(&b, "invalid package: %d problems", len(e.Problems))
	for _, p := range e.Problems {
		b.WriteString("\n  ")
		b.WriteString(p.String())
	}
	return b.String()
}

// ErrNotPackage is returned by Open for data that is not a ZIP at all.
var ErrNotPackage = errors.New("not an .rmpkg package (not a ZIP archive)")

// ManifestError is the *InvalidError for problems found in the manifest
// outside Validate, such as its runtime.wasm block when a host is configured
// from it; nil when there are none.
func ManifestError(messages []string) error {
	r := Report{}
	for _, msg := range messages {
		r.errorf(ManifestFile, "%s", msg)
	}
	return r.Err()
}
