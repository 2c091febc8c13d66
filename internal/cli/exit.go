package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/remotemedia/remotemedia/core"
	"github.com/remotemedia/remotemedia/core/rmpkg"
)

// Exit codes. They are part of the CLI's contract (the Python CLI returns the
// same ones), so never renumber them.
const (
	ExitOK          = 0
	ExitFailure     = 1   // a node failed at run time
	ExitInvalid     = 2   // invalid manifest, invalid input or bad usage
	ExitInterrupted = 130 // stopped by Ctrl-C (128 + SIGINT)
)

// usageError is a command line the CLI cannot act on: a bad flag, a missing
// argument, flags that exclude each other.
// usageError is a command used wrongly: bad flags, arguments or files
// they name. It wraps its cause (%w in usagef), such as the OS error of a
// file a flag names.
type usageError struct{ err error }

func (e *usageError) Error() string { return e.err.Error() }
func (e *usageError) Unwrap() error { return e.err }

func usagef(format string, args ...any) error {
	return &usageError{err: fmt.Errorf(format, args...)}
}

// IsUsage reports whether err says the command, or what calls it in its
// place (the Python bindings), was given bad flags or arguments.
func IsUsage(err error) bool {
	var ue *usageError
	return errors.As(err, &ue)
}

// printedError is a failure the command has already printed in full (such
// as a package's report): Main turns it into an exit code and prints
// nothing more.
type printedError struct{ err error }

func (e *printedError) Error() string { return e.err.Error() }
func (e *printedError) Unwrap() error { return e.err }

// exitCode is the one place errors become exit codes. ctx is the command's
// context: once it is done (Ctrl-C), the run was interrupted whatever error
// the interruption caused.
func exitCode(ctx context.Context, err error) int {
	switch {
	case err == nil:
		return ExitOK
	case ctx.Err() != nil:
		return ExitInterrupted
	case IsUsage(err):
		return ExitInvalid
	}
	switch core.ErrorCode(err) {
	case core.CodeInvalidManifest, core.CodeInvalidInput, core.CodeUnsupported:
		return ExitInvalid
	case core.CodeCancelled:
		return ExitInterrupted
	}
	return ExitFailure
}

// printError writes err to w as "error: ..." lines: one per manifest or
// package problem, otherwise one line whatever newlines the message holds.
func printError(w io.Writer, err error) {
	var me *core.ManifestError
	if errors.As(err, &me) && len(me.Problems) > 0 {
		for _, p := range me.Problems {
			fmt.Fprintf(w, "error: invalid manifest: %s: %s\n", printable(p.Path), printable(p.Message))
		}
		if more := me.MoreLine(); more != "" {
			fmt.Fprintf(w, "error: invalid manifest: %s\n", printable(more))
		}
		return
	}
	var pe *rmpkg.InvalidError
	if errors.As(err, &pe) && len(pe.Problems) > 0 {
		io.WriteString(w, rmpkg.RenderErrors(pe.Problems))
		return
	}
	fmt.Fprintf(w, "error: %s\n", printable(err.Error()))
}

// maxErrorLine caps one printed error: a node's error may carry a guest's
// message and output (a few KiB at most), never a megabyte.
const maxErrorLine = 16 << 10

// printable makes a message one line of stderr, easy to grep, that cannot
// drive the terminal or forge a line: newlines are folded by oneLine, the
// rest escaped and capped by the engine's sanitiser.
func printable(s string) string { return core.CleanText(oneLine(s), maxErrorLine) }

// oneLine folds a message onto one line, its lines joined by "; ".
func oneLine(s string) string {
	fields := strings.FieldsFunc(s, func(r rune) bool { return r == '\n' || r == '\r' })
	for i := range fields {
		fields[i] = strings.TrimSpace(fields[i])
	}
	return strings.Join(fields, "; ")
}
