// Package cli is the remotemedia command line: run, validate, nodes, graph
// and package. Main runs it in-process, which is how the tests drive it.
package cli

import (
	"context"
	"errors"
	"io"

	"github.com/spf13/cobra"
)

// IO is where a command reads its input and writes its results and errors.
type IO struct {
	Stdin          io.Reader
	Stdout, Stderr io.Writer
}

// Main runs the CLI with args (without the program name) and returns the
// exit code. Cancelling ctx interrupts the command (exit 130). opts adapt
// it to the runtime embedding it; the zero value is the Go binary.
func Main(ctx context.Context, args []string, stdio IO, opts Options) int {
	root := newRoot(stdio, opts)
	root.SetArgs(args)
	// Cobra checks the command name, flags and arguments before any
	// PersistentPreRun: an error from before that point is bad usage.
	started := false
	root.PersistentPreRun = func(*cobra.Command, []string) { started = true }
	err := root.ExecuteContext(ctx)
	if err != nil && !started {
		err = &usageError{err: err}
	}
	code := exitCode(ctx, err)
	switch {
	case code == ExitInterrupted:
		printError(stdio.Stderr, errInterrupted)
	case err != nil && !errors.As(err, new(*printedError)):
		printError(stdio.Stderr, err)
	}
	return code
}

var errInterrupted = errors.New("interrupted")

func newRoot(stdio IO, opts Options) *cobra.Command {
	root := &cobra.Command{
		Use:   "remotemedia",
		Short: "Run, check and inspect RemoteMedia pipelines",
		Long: "remotemedia runs pipeline manifests (JSON DAGs of nodes) and inspects them.\n\n" +
			"Exit codes: 0 ok, 1 a node failed at run time, 2 invalid manifest, input or usage, " +
			"130 interrupted.",
		SilenceErrors: true, // Main prints errors, one "error: ..." line each
		SilenceUsage:  true,
	}
	root.SetIn(stdio.Stdin)
	root.SetOut(stdio.Stdout)
	root.SetErr(stdio.Stderr)
	root.AddCommand(
		newRunCommand(stdio, opts),
		newValidateCommand(stdio, opts),
		newNodesCommand(stdio, opts),
		newGraphCommand(stdio, opts),
		newPackageCommand(stdio, opts),
		newServeCommand(stdio, opts),
		newRayCommand(),
	)
	return root
}
