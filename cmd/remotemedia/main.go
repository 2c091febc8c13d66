// Command remotemedia runs, checks and inspects RemoteMedia pipelines.
// See docs/CLI.md.
package main

import (
	"context"
	"os"
	"os/signal"

	"github.com/remotemedia/remotemedia/internal/cli"
	// RemotePipelineNode needs gRPC, so it lives outside core.
	_ "github.com/remotemedia/remotemedia/remote/client"
	// The speech nodes live outside core (cgo runtimes, programs they run);
	// importing the package registers them.
	_ "github.com/remotemedia/remotemedia/speech"
)

func main() {
	// The first Ctrl-C cancels the run (exit 130); once stop restores the
	// default handler, a second one kills the process outright.
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	go func() {
		<-ctx.Done()
		stop()
	}()
	os.Exit(cli.Main(ctx, os.Args[1:], cli.IO{Stdin: os.Stdin, Stdout: os.Stdout, Stderr: os.Stderr}, cli.Options{}))
}
