package bindings

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"time"

	"github.com/remotemedia/remotemedia/core/rmpkg"
	"github.com/remotemedia/remotemedia/internal/cli"
)

// CLIRun is one run of the remotemedia command line: internal/cli, the
// code of the Go binary, with the node types of a registry that holds the
// Python ones. It reads and writes fds 0, 1 and 2 (os.Stdin, os.Stdout,
// os.Stderr) itself, so output is byte for byte the Go binary's.
type CLIRun struct {
	cancel context.CancelFunc
	done   chan struct{}
	code   int
}

// StartCLI runs the CLI on args (a JSON array of strings, without the
// program name) on a goroutine of its own; poll Wait, so Python can turn
// Ctrl-C into Cancel. loader is id() of a Python callable, kept alive by
// the caller for the run, that runs a package's Python sources once Go has
// verified the package (see packageLoader); 0 leaves them unrun.
func StartCLI(r *Registry, loader uintptr, argsJSON string) (run *CLIRun, err error) {
	defer guard(&err)
	var args []string
	if err := json.Unmarshal([]byte(argsJSON), &args); err != nil {
		return nil, fmt.Errorf("CLI arguments from Python: %w", err)
	}
	opts := cli.Options{Registry: r.reg}
	if loader != 0 {
		opts.LoadPackagePython = packageLoader(borrowed(loader))
	}
	ctx, cancel := context.WithCancel(context.Background())
	run = &CLIRun{cancel: cancel, done: make(chan struct{})}
	go func() {
		defer close(run.done)
		defer func() {
			if v := recover(); v != nil {
				fmt.Fprintf(os.Stderr, "error: go panic: %v\n", v)
				run.code = cli.ExitFailure
			}
		}()
		run.code = cli.Main(ctx, args, cli.IO{Stdin: os.Stdin, Stdout: os.Stdout, Stderr: os.Stderr}, opts)
	}()
	return run, nil
}

// Wait waits up to timeoutMs for the command to end and reports whether it
// has.
func (c *CLIRun) Wait(timeoutMs int) bool {
	t := time.NewTimer(time.Duration(timeoutMs) * time.Millisecond)
	defer t.Stop()
	select {
	case <-c.done:
		return true
	case <-t.C:
		return false
	}
}

// Cancel interrupts the command, as Ctrl-C does the Go binary's (exit 130).
func (c *CLIRun) Cancel() { c.cancel() }

// ExitCode is the command's exit code once Wait has returned true, else -1.
func (c *CLIRun) ExitCode() int {
	select {
	case <-c.done:
		return c.code
	default:
		return -1
	}
}

// opLoadPackage is the op of a call into the Python package loader: data
// is the JSON {file: source} of a verified package, aux its name.
const opLoadPackage = 6

// packageLoader runs a verified package's Python sources through the Python
// callable fn, which registers the node types they declare. Its exception's
// str() becomes the error, which the CLI reports as an invalid package.
func packageLoader(fn pyObject) rmpkg.LoadPython {
	return func(_ context.Context, p *rmpkg.Package) error {
		srcs := map[string]string{}
		for name, b := range p.PythonSources() {
			srcs[name] = string(b)
		}
		data, err := json.Marshal(srcs)
		if err != nil {
			return err
		}
		return fn.call(&callArgs{op: opLoadPackage, data: string(data), isText: true, aux: p.Metadata().Name})
	}
}
